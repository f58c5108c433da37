"""Every publication says whether it is a major or a minor change."""

from policy.models import PolicyVersion
from tests.admin_forms import policy_form_data, set_cookie_duration
from tests.pages import soup, visible_text


def post_edit(admin_client, page, **fields):
    return admin_client.post(
        f"/admin/pages/{page.pk}/edit/", policy_form_data(page, **fields)
    )


def field_errors(response, name):
    return [str(error) for error in response.context["form"].errors.get(name, [])]


def test_the_editor_asks_what_kind_of_change_it_is(admin_client, en_policy):
    page = soup(admin_client.get(f"/admin/pages/{en_policy.pk}/edit/"))

    labels = [
        visible_text(radio.parent) for radio in page.select("input[name=update_type]")
    ]
    assert [label.split(":")[0] for label in labels] == ["Major change", "Minor change"]
    assert not page.select("input[name=update_type][checked]")
    assert visible_text(page.select_one("textarea[name=change_note]")) == ""


def test_publishing_without_saying_major_or_minor_is_refused(admin_client, en_policy):
    response = post_edit(
        admin_client, en_policy, body=set_cookie_duration(en_policy, "_ga", "13 months")
    )

    assert response.status_code == 200
    assert field_errors(response, "update_type") == [
        "Say whether this is a major or a minor change before publishing."
    ]
    assert "2 years" in visible_text(soup(admin_client.get("/en/privacy-and-cookies/")))


def test_a_major_change_needs_a_change_note(admin_client, en_policy):
    response = post_edit(
        admin_client,
        en_policy,
        body=set_cookie_duration(en_policy, "_ga", "13 months"),
        update_type="major",
        change_note="  ",
    )

    assert response.status_code == 200
    assert field_errors(response, "change_note") == [
        "A major change needs a change note: tell readers in a sentence what changed."
    ]
    assert PolicyVersion.objects.filter(page=en_policy).count() == 1


def test_a_minor_change_keeps_the_published_change_note(admin_client, en_policy):
    response = post_edit(
        admin_client,
        en_policy,
        body=set_cookie_duration(en_policy, "_ga", "2 years."),
        update_type="minor",
        change_note="This note is ignored.",
    )

    assert response.status_code == 302
    en_policy.refresh_from_db()
    assert en_policy.change_note == "First published."
    assert PolicyVersion.objects.filter(page=en_policy).count() == 1


def test_the_french_admin_asks_in_french(admin_client, en_policy, django_user_model):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="admin"))
    profile.preferred_language = "fr"
    profile.save()

    page = admin_client.get(f"/admin/pages/{en_policy.pk}/edit/").content.decode()

    assert "De quel type de modification s’agit-il ?" in page
