"""Sets up the site: locales, both home pages, each app's pages and who may edit them.

The English home page comes from home/seed/; every other installed app with a
`seed` module (the policy: policy/seed/) adds its English pages under it with
`add_source_pages(home, report)`. Every other language goes through
wagtail-localize exactly as a translator's work would: a translation of the
English page is created, the app's PO file is imported into it, and it is
published. Every step looks first and only creates what is missing, so
running the command again changes nothing.
"""

from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

import polib

from access.roles import ensure_roles
from home import seed
from home.models import HomePage


def app_seed_modules():
    """The `seed` module of every installed app but this one, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        if app_config.name == "home" or not module_has_submodule(
            app_config.module, "seed"
        ):
            continue
        module = import_module(f"{app_config.name}.seed")
        if hasattr(module, "add_source_pages"):
            yield module


class Command(BaseCommand):
    help = "Load the DMJ Computer Services home page and privacy policy, in English and French."

    def handle(self, *args, **options):
        self.changes = []
        # What `migrate` creates after migrating: an emptied database lacks them.
        for app_config in apps.get_app_configs():
            create_contenttypes(app_config, verbosity=0)
            create_permissions(app_config, verbosity=0)
        # ...and this one, which a wagtail-localize data migration makes.
        Permission.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(Translation),
            codename="submit_translation",
            defaults={"name": "Can submit translations"},
        )
        with transaction.atomic():
            source_locale = self.locale(settings.LANGUAGE_CODE)
            home = self.home_page(source_locale)
            self.site(home)
            to_translate = [(home, seed.po_file)]
            for module in app_seed_modules():
                to_translate += module.add_source_pages(home, self.changes.append)
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            target_locale = self.locale(code)
            # Parents first, so that the policy lands under the translated home
            # page. Each translation is committed on its own: localize publishes
            # on commit, and a parent published after its child was added would
            # be saved from a stale copy of the tree.
            for page, po_file in to_translate:
                with transaction.atomic():
                    self.translate(page, po_file(code), target_locale)

        with transaction.atomic():
            self.changes += ensure_roles(home, list(home.get_translations()))

        if self.changes:
            for change in self.changes:
                self.stdout.write(f"- {change}")
            self.stdout.write(self.style.SUCCESS("Seed content loaded."))
        else:
            self.stdout.write("The seed content is already in place: nothing changed.")

    def locale(self, language_code):
        locale, created = Locale.objects.get_or_create(language_code=language_code)
        if created:
            self.changes.append(f"Created the {language_code} locale")
        return locale

    def home_page(self, locale):
        home = HomePage.objects.filter(locale=locale, depth=2).first()
        if home:
            return home
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        # Wagtail's migrations make these; an emptied database has lost them.
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        # Wagtail's installer leaves a plain "Welcome" page where the home page goes.
        for placeholder in root.get_children().filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            placeholder.delete()
            self.changes.append("Removed Wagtail's placeholder welcome page")
        home = root.add_child(
            instance=HomePage(locale=locale, **seed.english_home_page())
        )
        home.save_revision().publish()
        self.changes.append(f"Created and published the home page “{home.title}”")
        return home

    def site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            # The address the site is served at, as the admin's links use it.
            address = urlsplit(settings.WAGTAILADMIN_BASE_URL or "http://localhost")
            Site.objects.create(
                hostname=address.hostname,
                port=address.port or (443 if address.scheme == "https" else 80),
                site_name=settings.WAGTAIL_SITE_NAME,
                root_page=home,
                is_default_site=True,
            )
            self.changes.append("Created the default site")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
            self.changes.append("Pointed the default site at the home page")

    def translate(self, page, po_file, locale):
        if page.get_translations().filter(locale=locale).exists():
            return
        source, _created = TranslationSource.get_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        warnings = translation.import_po(polib.pofile(str(po_file), encoding="utf-8"))
        if warnings:
            raise CommandError(
                f"{po_file.name} does not match the English page: "
                f"{'; '.join(str(w) for w in warnings)}"
            )
        progress = translation.get_progress()
        if progress[0] != progress[1]:
            raise CommandError(
                f"{po_file.name} translates {progress[1]} of {progress[0]} strings: "
                "every string needs a translation."
            )
        translation.save_target(publish=True)
        self.changes.append(
            f"Translated “{page}” into {locale.get_display_name()} and published it"
        )
