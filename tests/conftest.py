import io

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

import pytest

from tests.pages import english_policy, french_policy


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the test database once, committed, as `make run` does.

    Tests that use `db` run inside a transaction that is rolled back, so each
    one starts from this seeded site.
    """
    with django_db_blocker.unblock():
        call_command("seed_site", stdout=io.StringIO())


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
