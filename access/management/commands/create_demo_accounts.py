"""Creates one account per role for trying the site on your own machine."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from wagtail.users.models import UserProfile

from access.roles import APPROVERS, EDITORS, TRANSLATORS

# (username, group or None for the administrator, admin language, what they do)
ACCOUNTS = [
    ("admin", None, "en", "administrator: everything"),
    ("editor", EDITORS, "en", "writes English changes and submits them for approval"),
    ("approver", APPROVERS, "en", "reviews, approves and publishes English changes"),
    (
        "translator",
        TRANSLATORS,
        "fr",
        "translates and publishes the French pages (admin in French)",
    ),
]


class Command(BaseCommand):
    help = "Create demo accounts, one per role, each with its username as password (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_demo_accounts only runs with DEBUG on: it makes accounts with "
                "known passwords, which must never exist on a public server."
            )
        User = get_user_model()
        lines = [
            "",
            f"Log in to the Wagtail admin at {settings.WAGTAILADMIN_BASE_URL}/admin/ as:",
        ]
        for username, group_name, language, role in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.com"},
            )
            if created:
                user.set_password(username)
                user.is_superuser = user.is_staff = group_name is None
                user.save()
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = language
                profile.save()
            password = username if created else f"{username} (unless changed since)"
            lines.append(f"  {username:<11} password {password:<12} {role}")
        if settings.ADMIN_REQUIRE_SECOND_FACTOR:
            lines.append(
                "Each account chooses a second factor (an authenticator app or a "
                "passkey) at its first sign-in."
            )
        else:
            lines.append(
                "These accounts sign in with the password alone: the second factor "
                "every account needs in production is off here "
                "(ADMIN_REQUIRE_SECOND_FACTOR=on to try it; passkeys need "
                "http://localhost:8000/admin/)."
            )
        self.stdout.write(self.style.SUCCESS("\n".join(lines) + "\n"))
