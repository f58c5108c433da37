"""The transparency checklist as editors see it in Chromium, in the English and
the French admin: in the policy's editor (the draft beside each language's live
policy, a section tagged and saved) and on the dashboard (each language live,
a French page behind showing what its published version covers)."""

import re

import pytest
from playwright.sync_api import expect

from access.roles import EDITORS
from tests.browser.admin import admin_message, block, person_in, signed_in
from tests.pages import english_policy

COMPLAINT = "The right to complain to a supervisory authority (Art. 13(2)(d), 77)"
COMPLAINT_GUIDANCE = (
    "Tell readers they may complain to a supervisory authority, such as the ICO in "
    "the UK or the CNIL in France, and how to reach it."
)
CONTROLLER = "Who is responsible for the data, and how to contact them (Art. 13(1)(a))"
RECLAMATION = (
    "Le droit d’introduire une réclamation auprès d’une autorité de contrôle "
    "(Art. 13(2)(d), 77)"
)


@pytest.fixture
def french_editor(people):
    return person_in(EDITORS, "editrice", admin_language="fr")


@pytest.fixture
def english_tagged(people):
    """The English policy says it covers complaints to the authority; the French is behind."""
    policy = english_policy()
    for section in policy.body:
        if section.value["anchor"] == "complaints-or-queries":
            section.value["covers"] = ["complaint"]
    policy.save_revision().publish()


def open_checklist(page, tab="Transparency"):
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Privacy and Cookies", exact=True).click()
    page.get_by_role("tab", name=tab).click()


def row(scope, title):
    """The checklist's row of the item `title` (its header also holds the guidance)."""
    return scope.get_by_role("row").filter(
        has=scope.page.get_by_role("rowheader", name=re.compile(re.escape(title)))
    )


def test_the_editor_sees_what_the_draft_and_each_language_cover(
    people, open_page, screenshot
):
    with signed_in(open_page, people["editor"]) as page:
        open_checklist(page)
        panel = page.get_by_role("region", name="Transparency checklist")
        table = panel.get_by_role(
            "table", name="The transparency checklist: the draft and each language"
        )
        expect(table.get_by_role("columnheader")).to_have_text(
            [
                "What a privacy notice must say",
                "This draft",
                "English, live",
                "French, live",
            ]
        )
        expect(panel.get_by_role("listitem")).to_have_text(
            [
                "This draft: 9 of 20 items covered",
                "English, live: 9 of 20 items covered",
                "French, live: 9 of 20 items covered",
            ]
        )
        complaint = row(table, COMPLAINT)
        expect(complaint.get_by_role("rowheader")).to_contain_text(COMPLAINT_GUIDANCE)
        expect(complaint.get_by_role("cell")).to_have_text(["Missing"] * 3)
        expect(row(table, CONTROLLER).get_by_role("cell")).to_have_text(
            [
                "Covered Our Privacy Statement, How to Contact Us",
                "Covered Our Privacy Statement, How to Contact Us",
                "Covered Notre Déclaration de Confidentialité, Comment nous contacter",
            ]
        )
        screenshot(page, "transparency-checklist-editor-en")

        # The editor tags a section and saves a draft: the draft covers it,
        # readers do not have it yet.
        page.get_by_role("tab", name="Content").click()
        section = block(page, "Section Complaints or Queries")
        section.get_by_role("checkbox", name=COMPLAINT).check()
        page.get_by_role("button", name="Save draft").click()
        expect(admin_message(page, "has been updated")).to_be_visible()
        page.get_by_role("tab", name="Transparency").click()

        expect(complaint.get_by_role("cell")).to_have_text(
            ["Covered Complaints or Queries", "Missing", "Missing"]
        )
        expect(panel.get_by_role("listitem").first).to_have_text(
            "This draft: 10 of 20 items covered"
        )


def test_the_french_admin_shows_the_checklist_in_french(
    french_editor, open_page, screenshot
):
    with signed_in(open_page, french_editor) as page:
        open_checklist(page, tab="Transparence")
        panel = page.get_by_role("region", name="Liste de contrôle de transparence")
        expect(panel.get_by_role("columnheader")).to_have_text(
            [
                "Ce qu’un avis de confidentialité doit indiquer",
                "Ce brouillon",
                "Anglais, en ligne",
                "Français, en ligne",
            ]
        )
        reclamation = row(panel, RECLAMATION)
        expect(reclamation.get_by_role("rowheader")).to_contain_text(
            "Dites aux lecteurs qu’ils peuvent introduire une réclamation auprès "
            "d’une autorité de contrôle, comme l’ICO au Royaume-Uni ou la CNIL en "
            "France, et comment la joindre."
        )
        expect(reclamation.get_by_role("cell")).to_have_text(["Manquant"] * 3)
        expect(panel.get_by_role("listitem").first).to_have_text(
            re.compile(r"^Ce brouillon\s:\s9 éléments couverts sur 20$")
        )
        screenshot(page, "transparency-checklist-editor-fr")


def test_the_dashboard_shows_each_language_live_with_the_french_behind(
    english_tagged, people, open_page, screenshot
):
    with signed_in(open_page, people["approver"]) as page:
        panel = page.get_by_role("region", name="Transparency checklist", exact=True)
        table = panel.get_by_role(
            "table", name="What “Privacy and Cookies” covers in each language"
        )
        expect(table.get_by_role("columnheader")).to_have_text(
            ["What a privacy notice must say", "English, live", "French, live"]
        )
        complaint = row(table, COMPLAINT)
        expect(complaint.get_by_role("rowheader")).to_contain_text(COMPLAINT_GUIDANCE)
        expect(complaint.get_by_role("cell")).to_have_text(
            ["Covered Complaints or Queries", "Missing"]
        )
        expect(panel.get_by_role("listitem")).to_have_text(
            [
                "English, live: 10 of 20 items covered",
                "French, live: 9 of 20 items covered",
            ]
        )
        screenshot(page, "transparency-checklist-dashboard-en")


def test_the_french_dashboard_shows_the_checklist_in_french(
    french_editor, open_page, screenshot
):
    with signed_in(open_page, french_editor) as page:
        panel = page.get_by_role(
            "region", name="Liste de contrôle de transparence", exact=True
        )
        expect(panel.get_by_role("columnheader")).to_have_text(
            [
                "Ce qu’un avis de confidentialité doit indiquer",
                "Anglais, en ligne",
                "Français, en ligne",
            ]
        )
        expect(row(panel, RECLAMATION).get_by_role("cell")).to_have_text(
            ["Manquant", "Manquant"]
        )
        expect(
            row(
                panel,
                "Qui est responsable des données, et comment le joindre (Art. 13(1)(a))",
            ).get_by_role("cell")
        ).to_have_text(
            [
                "Couvert Our Privacy Statement, How to Contact Us",
                "Couvert Notre Déclaration de Confidentialité, Comment nous contacter",
            ]
        )
        screenshot(page, "transparency-checklist-dashboard-fr")
