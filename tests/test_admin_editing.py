"""Editors open the policy in the Wagtail admin; the French page opens in localize's editor."""


def test_editor_opens_the_english_policy_with_its_blocks_and_help_text(
    admin_client, en_policy
):
    response = admin_client.get(f"/admin/pages/{en_policy.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Our Privacy Statement" in html
    assert "The section&#x27;s title, shown in the table of contents." in html


def test_french_policy_opens_in_the_translation_editor(admin_client, fr_policy):
    response = admin_client.get(f"/admin/pages/{fr_policy.pk}/edit/")

    assert response.status_code == 200
    assert b'class="js-translation-editor"' in response.content
