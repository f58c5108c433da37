"""Every admin address wagtail-localize registers, and what each role may do there.

(For the policy pages; tests/test_consent_texts_rights.py does the same for
the consent banner's texts, a translatable snippet.)

A French translator translates and publishes French pages; nobody but an
administrator may change what a translation *is* (stop or restart its sync,
turn it back into an alias showing the English). If a new version of
wagtail-localize adds an admin address, the first test fails until it is
listed here with the test that covers it.

Every address is built from localize's own URL names (tests/localize_urls.py),
and the page editor's buttons are posted under the names the guards read
(compat/localize.py): tests/test_localize_guarded_addresses.py checks that
those addresses lead to the guards, tests/test_compat_localize.py that
localize's menus send those names.
"""

from urllib.parse import urlencode

from django.urls import URLResolver, get_resolver, reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from compat.localize import CONVERT_TO_ALIAS, RESTART_TRANSLATION
from policy.models import PolicyPage
from tests.localize_urls import localize_url
from tests.roles import refused

# Every admin address of wagtail-localize (namespace:name) and where it is tested.
LOCALIZE_ADMIN_ADDRESSES = {
    "wagtail_localize:javascript_catalog": "test_shared_read_only_addresses",
    "wagtail_localize:submit_page_translation": "test_permissions.py (submit)",
    "wagtail_localize:submit_snippet_translation": (
        "test_snippet_addresses, test_consent_texts_rights.py"
    ),
    "wagtail_localize:update_translations": "test_permissions.py (sync)",
    "wagtail_localize:edit_string_translation": "test_editing_strings",
    "wagtail_localize:edit_override": "test_overrides",
    "wagtail_localize:download_pofile": "test_po_download",
    "wagtail_localize:upload_pofile": "test_permissions.py, test_po_upload_checks",
    "wagtail_localize:machine_translate": "test_machine_translation",
    "wagtail_localize:preview_translation": "test_preview",
    "wagtail_localize:stop_translation": "test_stopping_the_sync",
    "wagtail_localize:convert_to_alias": "test_converting_to_an_alias",
    "wagtail_localize:translations_report": "test_shared_read_only_addresses",
    "wagtail_localize:translations_report_results": "test_shared_read_only_addresses",
    "wagtail_localize:snippets_api_listing": "test_snippet_addresses",
    "wagtail_localize:snippets_api_detail": "test_snippet_addresses",
    "wagtaillocales:index": "test_locales_are_for_administrators",
    "wagtaillocales:index_results": "test_locales_are_for_administrators",
    "wagtaillocales:add": "test_locales_are_for_administrators",
    "wagtaillocales:edit": "test_locales_are_for_administrators",
    "wagtaillocales:delete": "test_locales_are_for_administrators",
    "wagtaillocales:copy": "test_locales_are_for_administrators",
    "wagtaillocales:usage": "test_locales_are_for_administrators",
    "wagtaillocales:history": "test_locales_are_for_administrators",
    "wagtaillocales:history_results": "test_locales_are_for_administrators",
}


def _named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            yield from _named_patterns(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name}", pattern.callback


def registered_localize_addresses():
    return {
        name
        for name, view in _named_patterns(get_resolver().url_patterns)
        if name.startswith(("wagtail_localize:", "wagtaillocales:"))
        or getattr(view, "__module__", "").startswith("wagtail_localize")
    }


def test_every_admin_address_of_wagtail_localize_is_covered(db):
    assert registered_localize_addresses() == set(LOCALIZE_ADMIN_ADDRESSES)


@pytest.fixture
def french_translation(en_policy):
    return Translation.objects.get(
        source__object_id=en_policy.translation_key,
        target_locale__language_code="fr",
    )


def page_editor(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def french_text(fr_policy):
    page = PolicyPage.objects.get(pk=fr_policy.pk)
    return page.title, page.alias_of_id, page.body.get_prep_value()


# Roles are fixtures asked for by name: the mark tells pytest-django these
# tests use the seeded database.
pytestmark = pytest.mark.django_db

ROLES = ["editor", "approver", "translator"]
FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize("role", ROLES)
def test_converting_to_an_alias(request, role, fr_policy, french_translation):
    """Nobody but an administrator may replace the French text by the English."""
    client = request.getfixturevalue(role)
    before = french_text(fr_policy)
    url = localize_url("convert_to_alias", fr_policy.pk)

    assert refused(client.post(url))
    # The page editor's action menu sends there too.
    assert refused(client.post(page_editor(fr_policy), {CONVERT_TO_ALIAS: "1"}))

    assert french_text(fr_policy) == before
    assert Translation.objects.filter(pk=french_translation.pk).exists()


def test_an_administrator_may_convert_to_an_alias(
    admin_client, fr_policy, en_policy, french_translation
):
    response = admin_client.post(localize_url("convert_to_alias", fr_policy.pk))

    assert response.status_code == 302
    assert Page.objects.get(pk=fr_policy.pk).alias_of_id == en_policy.pk


@pytest.mark.parametrize("role", ROLES)
def test_stopping_the_sync(request, role, french_translation):
    client = request.getfixturevalue(role)

    response = client.post(localize_url("stop_translation", french_translation.pk))

    assert refused(response)
    french_translation.refresh_from_db()
    assert french_translation.enabled


@pytest.mark.parametrize("role", ROLES)
def test_restarting_the_sync(request, role, fr_policy, french_translation):
    french_translation.enabled = False
    french_translation.save()
    client = request.getfixturevalue(role)

    response = client.post(page_editor(fr_policy), {RESTART_TRANSLATION: "1"})

    assert refused(response)
    french_translation.refresh_from_db()
    assert not french_translation.enabled


def test_an_administrator_may_stop_the_sync(admin_client, french_translation):
    response = admin_client.post(
        localize_url("stop_translation", french_translation.pk), {"next": "/admin/"}
    )

    assert response.status_code == 302
    french_translation.refresh_from_db()
    assert not french_translation.enabled


def _a_string_of(translation):
    segment = StringSegment.objects.filter(source=translation.source).first()
    return segment, localize_url("edit_string_translation", translation.pk, segment.pk)


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_editing_strings(request, role, french_translation):
    """Only those who may edit the French page change its strings."""
    segment, url = _a_string_of(french_translation)
    before = list(StringTranslation.objects.values_list("pk", "data"))
    client = request.getfixturevalue(role)

    response = client.put(url, urlencode({"value": "Vandalisme"}), content_type=FORM)

    assert response.status_code in (302, 403)
    assert list(StringTranslation.objects.values_list("pk", "data")) == before


def test_the_translator_edits_french_strings(translator, french_translation):
    segment, url = _a_string_of(french_translation)

    # As localize's editor sends it.
    response = translator.put(
        url, urlencode({"value": "Nouveau texte"}), content_type=FORM
    )

    assert response.status_code == 200
    assert (
        StringTranslation.objects.get(
            translation_of=segment.string, locale__language_code="fr"
        ).data
        == "Nouveau texte"
    )


@pytest.mark.parametrize("role", ROLES)
def test_overrides(request, role, french_translation):
    # The policy has no overridable segments (images, links to pages): there
    # is nothing to override, for a translator; the others may not even ask.
    client = request.getfixturevalue(role)
    response = client.put(
        localize_url("edit_override", french_translation.pk, 999999),
        urlencode({"value": "x"}),
        content_type=FORM,
    )

    if role == "translator":
        assert response.status_code == 404
    else:
        assert refused(response)


def test_po_download(translator, editor, french_translation):
    url = localize_url("download_pofile", french_translation.pk)

    response = translator.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/x-gettext-translation; charset=utf-8"
    assert "données".encode() in response.content
    assert refused(editor.get(url))


@pytest.mark.parametrize("role", ROLES)
def test_machine_translation(request, role, french_translation):
    # No machine translator is configured: nobody can run one, and only the
    # translator may ask.
    client = request.getfixturevalue(role)
    before = list(StringTranslation.objects.values_list("pk", "data"))

    response = client.post(localize_url("machine_translate", french_translation.pk))

    if role == "translator":
        assert response.status_code == 404
    else:
        assert refused(response)
    assert list(StringTranslation.objects.values_list("pk", "data")) == before


def test_preview(translator, editor, french_translation):
    url = localize_url("preview_translation", french_translation.pk)

    assert translator.get(url).status_code == 200
    assert refused(editor.get(url))


@pytest.mark.parametrize("role", ROLES)
def test_locales_are_for_administrators(request, role):
    client = request.getfixturevalue(role)
    french = Locale.objects.get(language_code="fr")
    before = list(Locale.objects.values_list("pk", "language_code"))

    for url in [
        reverse("wagtaillocales:index"),
        reverse("wagtaillocales:index_results"),
        reverse("wagtaillocales:add"),
        reverse("wagtaillocales:copy", args=[french.pk]),
        reverse("wagtaillocales:usage", args=[french.pk]),
        reverse("wagtaillocales:history", args=[french.pk]),
        reverse("wagtaillocales:history_results", args=[french.pk]),
    ]:
        assert refused(client.get(url)), url
    assert refused(client.post(reverse("wagtaillocales:add"), {"language_code": "de"}))
    assert refused(client.post(reverse("wagtaillocales:delete", args=[french.pk])))
    assert refused(
        client.post(
            reverse("wagtaillocales:edit", args=[french.pk]), {"language_code": "de"}
        )
    )
    assert list(Locale.objects.values_list("pk", "language_code")) == before


@pytest.mark.parametrize("role", ROLES)
def test_snippet_addresses(request, role):
    # Sites are not translatable snippets: these addresses lead nowhere.
    # The consent banner's texts are: tests/test_consent_texts_rights.py.
    client = request.getfixturevalue(role)

    for url in [
        localize_url("submit_snippet_translation", "wagtailcore", "site", "1"),
        localize_url("snippets_api_listing", "wagtailcore", "site"),
        localize_url("snippets_api_detail", "wagtailcore", "site", "1"),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert response.status_code != 302 or refused(response), url


@pytest.mark.parametrize("role", ROLES)
def test_shared_read_only_addresses(request, role):
    client = request.getfixturevalue(role)

    assert client.get(localize_url("javascript_catalog")).status_code == 200
    report = client.get(localize_url("translations_report"))
    assert report.status_code == 200 or refused(report)
