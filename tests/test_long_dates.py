"""Every date in a sentence reads the same way: the day, the month's name, the year,
in the reader's language and the site's time zone."""

import datetime

from django.template import Context, Template
from django.utils import translation

import pytest

from languages.dates import long_date

# 23:30 on 31 March 2024 in UTC is already 1 April in London (summer time).
LATE_IN_UTC = datetime.datetime(2024, 3, 31, 23, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "text"), [("en", "1 April 2024"), ("fr", "1 avril 2024")]
)
def test_a_moment_is_read_on_the_site_s_calendar_in_the_reader_s_language(
    language, text
):
    with translation.override(language):
        assert long_date(LATE_IN_UTC) == text


def test_a_calendar_date_is_written_as_it_is():
    with translation.override("fr"):
        assert long_date(datetime.date(2018, 1, 23)) == "23 janvier 2018"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_templates_write_dates_as_the_code_does(language):
    template = Template("{% load dates %}{{ moment|long_date }}|{{ none|long_date }}")

    with translation.override(language):
        rendered = template.render(Context({"moment": LATE_IN_UTC, "none": None}))
        expected = f"{long_date(LATE_IN_UTC)}|"

    assert rendered == expected
