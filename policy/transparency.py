"""What a privacy notice must tell its readers, and what a policy page covers of it.

UK GDPR and GDPR Articles 13 and 14 list what a notice gives the people whose
data is collected. Each item of that list is here once, with its key (what
sections are tagged with, what the API gives), its title, its article and one
sentence telling editors what to write. Editors tag each section of the policy
with the items it covers (`covers`, SectionBlock); what no section covers is
missing.

The structured facts' closed lists are here too: the six lawful bases of
Art. 6(1) and the rights of Arts. 15 to 21 and 7(3), each with its article, so
that the facts map directly onto the W3C Data Privacy Vocabulary's GDPR terms.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    """One thing a notice must say: `article` as the regulation numbers it."""

    key: str
    title: str
    article: str
    guidance: str

    @property
    def reference(self):
        """“Art. 13(1)(a)”, in the admin's language."""
        return article_label(self.article)


ITEMS = (
    Item(
        "controller",
        _("Who is responsible for the data, and how to contact them"),
        "13(1)(a)",
        _(
            "Name the company responsible for the data (the controller) and give "
            "its contact details: a postal address and an email address or "
            "telephone number."
        ),
    ),
    Item(
        "representative",
        _("The representative, if there is one"),
        "13(1)(a), 27",
        _(
            "If the company has a representative in the UK or the EU because it is "
            "based outside it, give the representative's name and contact details."
        ),
    ),
    Item(
        "dpo",
        _("The data protection officer, if there is one"),
        "13(1)(b)",
        _(
            "If the company has appointed a data protection officer, give their "
            "contact details; a company without one may say so."
        ),
    ),
    Item(
        "purposes",
        _("What the data is used for"),
        "13(1)(c)",
        _("Say, for each kind of data collected, what the company uses it for."),
    ),
    Item(
        "lawful_basis",
        _("The lawful basis of each purpose"),
        "13(1)(c), 6(1)",
        _(
            "Name the lawful basis of each purpose: consent, a contract, a legal "
            "obligation, vital interests, a public task or legitimate interests."
        ),
    ),
    Item(
        "legitimate_interests",
        _("The legitimate interests relied on"),
        "13(1)(d)",
        _(
            "Where a purpose relies on legitimate interests, say what those "
            "interests are."
        ),
    ),
    Item(
        "recipients",
        _("Who receives the data"),
        "13(1)(e)",
        _(
            "Name the recipients of the data, or the kinds of recipients, such as "
            "hosting companies, contractors or the other party to a complaint."
        ),
    ),
    Item(
        "transfers",
        _("Transfers abroad and their safeguards"),
        "13(1)(f)",
        _(
            "Say whether data leaves the UK or the EEA, for which countries, and "
            "the safeguard used: an adequacy decision, the IDTA or standard "
            "contractual clauses."
        ),
    ),
    Item(
        "retention",
        _("How long the data is kept"),
        "13(2)(a)",
        _(
            "Give, for each kind of data, how long it is kept, or the criteria "
            "that decide how long."
        ),
    ),
    Item(
        "right_access",
        _("The right of access"),
        "13(2)(b), 15",
        _("Tell readers they may ask for a copy of their data, and how to ask."),
    ),
    Item(
        "right_rectification",
        _("The right to rectification"),
        "13(2)(b), 16",
        _("Tell readers they may have inaccurate or incomplete data corrected."),
    ),
    Item(
        "right_erasure",
        _("The right to erasure"),
        "13(2)(b), 17",
        _("Tell readers they may ask for their data to be erased."),
    ),
    Item(
        "right_restriction",
        _("The right to restriction of processing"),
        "13(2)(b), 18",
        _("Tell readers they may ask for the use of their data to be restricted."),
    ),
    Item(
        "right_objection",
        _("The right to object"),
        "13(2)(b), 21",
        _(
            "Tell readers they may object to uses based on legitimate interests or "
            "a public task, and to direct marketing at any time."
        ),
    ),
    Item(
        "right_portability",
        _("The right to data portability"),
        "13(2)(b), 20",
        _(
            "Tell readers they may receive the data they gave in a "
            "machine-readable format, or have it sent to another company."
        ),
    ),
    Item(
        "withdraw_consent",
        _("The right to withdraw consent"),
        "13(2)(c), 7(3)",
        _(
            "Where a purpose relies on consent, tell readers they may withdraw it "
            "at any time, as easily as they gave it."
        ),
    ),
    Item(
        "complaint",
        _("The right to complain to a supervisory authority"),
        "13(2)(d), 77",
        _(
            "Tell readers they may complain to a supervisory authority, such as "
            "the ICO in the UK or the CNIL in France, and how to reach it."
        ),
    ),
    Item(
        "requirement",
        _("Whether the data must be given"),
        "13(2)(e)",
        _(
            "Say whether giving the data is required by law or by a contract, or "
            "needed to enter one, and what happens if it is not given."
        ),
    ),
    Item(
        "automated_decisions",
        _("Automated decisions and profiling"),
        "13(2)(f), 22",
        _(
            "Say whether decisions about people are made by automated means "
            "alone, including profiling, how, and what they mean for them; or "
            "say there are none."
        ),
    ),
    Item(
        "source",
        _("Where data not collected from the person comes from"),
        "14(2)(f)",
        _(
            "For data obtained from someone other than the person, say where it "
            "comes from, and whether from publicly accessible sources."
        ),
    ),
)

ITEM_KEYS = tuple(item.key for item in ITEMS)
ITEMS_BY_KEY = {item.key: item for item in ITEMS}


def article_label(article):
    """“Art. 13(2)(b), 15”, in the admin's language."""
    return _("Art. %(article)s") % {"article": article}


def item_choices():
    """(key, “title (Art. …)”) of every item, for the sections' “Covers” field.

    A function, so that migrations name it rather than copy the list, and the
    titles come in the admin's language.
    """
    return [
        (item.key, f"{item.title} ({article_label(item.article)})") for item in ITEMS
    ]


# The lawful bases of Art. 6(1), each with the code of the W3C Data Privacy
# Vocabulary's GDPR extension (eu-gdpr:A6-1-a …).
@dataclass(frozen=True)
class LawfulBasis:
    key: str
    title: str
    article: str
    dpv: str


LAWFUL_BASES = (
    LawfulBasis("consent", _("Consent"), "6(1)(a)", "A6-1-a"),
    LawfulBasis("contract", _("Contract"), "6(1)(b)", "A6-1-b"),
    LawfulBasis("legal_obligation", _("Legal obligation"), "6(1)(c)", "A6-1-c"),
    LawfulBasis("vital_interests", _("Vital interests"), "6(1)(d)", "A6-1-d"),
    LawfulBasis("public_task", _("Public task"), "6(1)(e)", "A6-1-e"),
    LawfulBasis("legitimate_interests", _("Legitimate interests"), "6(1)(f)", "A6-1-f"),
)
LAWFUL_BASES_BY_KEY = {basis.key: basis for basis in LAWFUL_BASES}


def lawful_basis_choices():
    """(key, “Consent (Art. 6(1)(a))”) of each lawful basis, for a purpose's fact."""
    return [
        (basis.key, f"{basis.title} ({article_label(basis.article)})")
        for basis in LAWFUL_BASES
    ]


# The rights a notice names (Art. 13(2)(b) and (c)), as checklist items: a
# right is stated where a section covers its item. Their DPV names are the
# GDPR extension's (eu-gdpr:A15 …).
RIGHTS = {
    "right_access": ("access", "15", "A15"),
    "right_rectification": ("rectification", "16", "A16"),
    "right_erasure": ("erasure", "17", "A17"),
    "right_restriction": ("restriction", "18", "A18"),
    "right_portability": ("portability", "20", "A20"),
    "right_objection": ("objection", "21", "A21"),
    "withdraw_consent": ("withdraw_consent", "7(3)", "A7-3"),
}


def sections_covering(body):
    """{item key: [(anchor, heading), …]} of the sections of `body` tagged with it.

    `body` is a policy page's StreamField value; the items come in the
    checklist's order, each with the sections in page order.
    """
    found = {key: [] for key in ITEM_KEYS}
    for block in body:
        if block.block_type != "section":
            continue
        for key in block.value.get("covers") or ():
            if key in found:
                found[key].append((block.value["anchor"], block.value["heading"]))
    return found


@dataclass
class Coverage:
    """What a page covers of the checklist, and by which sections."""

    sections: dict

    @property
    def covered(self):
        return [item for item in ITEMS if self.sections[item.key]]

    @property
    def missing(self):
        return [item for item in ITEMS if not self.sections[item.key]]


def coverage(page):
    """The checklist as `page` (a policy page, live or a draft) covers it."""
    return Coverage(sections_covering(page.body))


def _contact_point(value):
    return {
        "name": value["name"],
        "department": value["department"] or None,
        "address": list(value["address"]),
        "country": value["country"] or None,
        "email": value["email"] or None,
        "telephone": value["telephone"] or None,
    }


def facts(page, covered=None):
    """The structured facts of `page` as data: codes as codes, words in its language.

    `rights` are the rights the page's sections are tagged as stating
    (`covered`: its Coverage), each with its article.
    """
    covered = covered or coverage(page)
    found = {
        "controller": None,
        "representative": None,
        "data_protection_officer": None,
        "supervisory_authorities": [],
        "purposes": [],
        "retention": [],
    }
    for block in page.facts:
        value = block.value
        if block.block_type in ("controller", "representative"):
            found[block.block_type] = _contact_point(value)
        elif block.block_type == "dpo":
            found["data_protection_officer"] = _contact_point(value)
        elif block.block_type == "authority":
            found["supervisory_authorities"].append(
                {
                    "name": value["name"],
                    "url": value["url"],
                    "country": value["country"],
                }
            )
        elif block.block_type == "purpose":
            basis = LAWFUL_BASES_BY_KEY.get(value["lawful_basis"])
            found["purposes"].append(
                {
                    "description": value["description"],
                    "lawful_basis": value["lawful_basis"],
                    "article": basis.article if basis else None,
                    "legitimate_interests": value["legitimate_interests"] or None,
                }
            )
        elif block.block_type == "retention":
            found["retention"].append(
                {
                    "data": value["data"],
                    "period": value["period"],
                    "duration": value["duration"] or None,
                }
            )
    stated = {item.key for item in covered.covered}
    found["rights"] = [
        {"right": right, "article": article}
        for key, (right, article, _dpv) in RIGHTS.items()
        if key in stated
    ]
    return found
