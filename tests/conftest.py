import io

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

import pytest

from home.public_cache import GENERATION_KEY
from tests.admin_forms import MAJOR_CHANGE_IN_FRENCH, publish_major_change
from tests.pages import english_policy, french_policy, translate_into_french
from tests.roles import client_for, user_in


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the test database once, committed, as `make run` does.

    Tests that use `db` run inside a transaction that is rolled back, so each
    one starts from this seeded site.
    """
    with django_db_blocker.unblock():
        call_command("seed_site", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def new_content_generation():
    """Each test starts in a content generation of its own (home/public_cache.py).

    A test's changes are rolled back, but what was remembered of them in the
    generation they started would otherwise reach the next test.
    """
    cache.delete(GENERATION_KEY)


@pytest.fixture
def en_policy(db):
    return english_policy()


@pytest.fixture
def fr_policy(db):
    return french_policy()


@pytest.fixture(autouse=True)
def source_language():
    """Each test starts in English: a French request must not leak into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def editor(db):
    """Signed in as a member of the Editors group."""
    return client_for(user_in("Editors"))


@pytest.fixture
def approver(db):
    """Signed in as a member of the Approvers group."""
    return client_for(user_in("Approvers"))


@pytest.fixture
def translator(db):
    """Signed in as a member of the Translators group."""
    return client_for(user_in("Translators"))


@pytest.fixture
def major_change(admin_client, en_policy):
    """The seeded policy, then a major change published on 4 March 2024: `_ga` lasts 13 months."""
    return publish_major_change(admin_client, en_policy)


@pytest.fixture
def translated_major_change(major_change, django_capture_on_commit_callbacks):
    """The major change, translated into French and published by localize."""
    translate_into_french(
        major_change, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )
    return major_change
