"""Google Consent Mode as the scripts carry it, and the banner's settings editors change.

What a Google tag receives in a browser is in tests/browser/test_consent_mode.py.
"""

import gzip

from django.utils.translation import override

from wagtail.models import Site

import pytest

from consent.models import ConsentBannerSettings
from tests.responses import config_of, configs_of, mode_config_of
from tests.roles import client_for, refused, user_in

DEFAULT_GOOGLE = {
    "types": [
        "security_storage",
        "analytics_storage",
        "ad_storage",
        "ad_user_data",
        "ad_personalization",
        "functionality_storage",
        "personalization_storage",
    ],
    "map": {
        "necessary": ["security_storage"],
        "analytics": ["analytics_storage"],
        "functionality": ["functionality_storage", "personalization_storage"],
        "marketing": ["ad_storage", "ad_user_data", "ad_personalization"],
    },
    "regions": [],
    "wait": 500,
    "redaction": True,
    "passthrough": False,
}
# The form as an editor leaves it without changing anything.
FORM = {
    "analytics_types": ["analytics_storage"],
    "functionality_types": ["functionality_storage", "personalization_storage"],
    "marketing_types": ["ad_storage", "ad_user_data", "ad_personalization"],
    "ads_data_redaction": "on",
    "regions": "",
    "wait_for_update": "500",
    "show_control": "on",
}


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return f"/admin/settings/consent/consentbannersettings/{site.pk}/"


@pytest.mark.parametrize("path", ["/consent.js", "/consent-mode.js"])
def test_head_answers_like_get(client, db, path):
    get = client.get(path)
    head = client.head(path)

    assert get.status_code == head.status_code == 200
    assert head.content == b""
    for header in ("Content-Type", "Cache-Control", "Content-Language"):
        assert head[header] == get[header]
    assert head["Content-Type"] == "text/javascript; charset=utf-8"
    assert "s-maxage" in head["Cache-Control"]


def test_a_post_to_the_scripts_is_refused(client, db):
    assert client.post("/consent.js").status_code == 405
    assert client.post("/consent-mode.js").status_code == 405


def test_the_snippet_carries_the_defaults_and_the_published_versions(client, db):
    config = mode_config_of(client.get("/consent-mode.js"))

    assert config == {
        "versions": {"en": 1, "fr": 1},
        "source_language": "en",
        "cookie": "dmj_consent",
        "max_age": 183 * 24 * 60 * 60,
        "google": DEFAULT_GOOGLE,
    }


def test_consent_js_runs_consent_mode_first_then_the_banner(client, db):
    response = client.get("/consent.js")
    mode, banner = configs_of(response)

    assert mode == mode_config_of(client.get("/consent-mode.js"))
    assert banner == config_of(response)
    assert banner["control"] is True
    assert banner["languages"]["en"]["text"]["control"] == "Cookie choices"
    assert banner["languages"]["fr"]["text"]["control"] == "Choix des cookies"
    assert response.content.decode().index("function consentMode") < (
        response.content.decode().index("function consentBanner")
    )


def test_the_scripts_stay_small_gzipped(client, db):
    assert len(gzip.compress(client.get("/consent.js").content)) < 12 * 1024
    # The snippet blocks the page while it loads (docs/consent.md says 2 KB).
    assert len(gzip.compress(client.get("/consent-mode.js").content)) < 2 * 1024


def test_an_editors_save_reaches_both_scripts_at_once(
    client, db, edge, django_capture_on_commit_callbacks
):
    # Both remembered in the shared cache.
    assert mode_config_of(client.get("/consent.js"))["google"] == DEFAULT_GOOGLE
    assert mode_config_of(client.get("/consent-mode.js"))["google"] == DEFAULT_GOOGLE
    editor = client_for(user_in("Editors"))

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            settings_url(),
            {
                **FORM,
                "analytics_types": ["analytics_storage", "ad_user_data"],
                "marketing_types": [],
                "ads_data_redaction": "",
                "url_passthrough": "on",
                "regions": "gb, fr ,es-ct",
                "wait_for_update": "1500",
                "show_control": "",
            },
        )

    assert response.status_code == 302
    expected = {
        **DEFAULT_GOOGLE,
        "map": {
            **DEFAULT_GOOGLE["map"],
            "analytics": ["analytics_storage", "ad_user_data"],
            "marketing": [],
        },
        "regions": ["GB", "FR", "ES-CT"],
        "wait": 1500,
        "redaction": False,
        "passthrough": True,
    }
    assert mode_config_of(client.get("/consent.js"))["google"] == expected
    assert config_of(client.get("/consent.js"))["control"] is False
    assert mode_config_of(client.get("/consent-mode.js"))["google"] == expected
    purged = {path for path, _host, _generation in edge}
    assert {"/consent.js", "/consent-mode.js"} <= purged


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "regions",
            "GB, Britain, 12",
            "Not a region code: BRITAIN, 12. Write two-letter country codes",
        ),
        (
            "wait_for_update",
            "60000",
            "Ensure this value is less than or equal to 10000.",
        ),
        ("wait_for_update", "-1", "Ensure this value is greater than or equal to 0."),
        (
            "marketing_types",
            ["ad_storage", "cookies_please"],
            "Select a valid choice. cookies_please is not one of the available choices.",
        ),
        (
            "analytics_types",
            ["security_storage"],
            "Select a valid choice. security_storage is not one of the available choices.",
        ),
    ],
)
def test_wrong_settings_are_refused_with_a_reason(
    client, editor, field, value, message
):
    response = editor.post(settings_url(), {**FORM, field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert mode_config_of(client.get("/consent-mode.js"))["google"] == DEFAULT_GOOGLE


def test_editors_see_what_each_setting_does(editor):
    page = editor.get(settings_url()).content.decode()

    assert "Google Consent Mode" in page
    assert "analytics_storage: cookies that measure visits" in page
    assert "security_storage (security, such as fraud prevention) is always" in page
    assert "Leave empty (recommended)" in page
    assert "opens the banner again, so that visitors can always change their mind" in (
        page
    )


def test_a_french_editor_reads_the_settings_in_french(db):
    from wagtail.users.models import UserProfile

    user = user_in("Editors")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()

    page = client_for(user).get(settings_url()).content.decode()

    assert "Mode Consentement de Google" in page
    assert "analytics_storage : cookies qui mesurent les visites" in page
    assert "Laissez vide (recommandé)" in page
    assert "Afficher le bouton « Choix des cookies »" in page


def test_approvers_change_the_settings_and_translators_may_not(
    client, approver, translator
):
    assert approver.get(settings_url()).status_code == 200
    assert refused(translator.get(settings_url()))
    assert refused(translator.post(settings_url(), {**FORM, "show_control": ""}))
    assert config_of(client.get("/consent.js"))["control"] is True


def test_the_defaults_hold_until_an_editor_saves(client, db):
    client.get("/consent.js")

    # Reading the settings writes nothing.
    assert not ConsentBannerSettings.objects.exists()
    field = ConsentBannerSettings._meta.get_field("analytics_types").formfield()
    with override("fr"):
        labels = {name: str(label) for name, label in field.choices}
    assert labels["ad_storage"] == "ad_storage : cookies publicitaires"
