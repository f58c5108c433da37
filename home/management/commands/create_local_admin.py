"""Creates an administrator account for trying the site on your own machine."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # noqa: S105 - local development only, refused unless DEBUG is on


class Command(BaseCommand):
    help = "Create the local 'admin' account (development only) and say how to log in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_local_admin only runs with DEBUG on: it makes an account with a "
                "known password, which must never exist on a public server."
            )
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "email": "admin@example.com",
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        note = "" if created else " (unless you have changed it since)"
        self.stdout.write(
            self.style.SUCCESS(
                "\nLog in to the Wagtail admin at http://127.0.0.1:8000/admin/\n"
                f"  username: {USERNAME}\n  password: {PASSWORD}{note}\n"
            )
        )
