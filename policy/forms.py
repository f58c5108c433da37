"""The policy's admin form: every publication says whether it is a major or a minor change."""

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.forms import WagtailAdminPageForm

from languages.dates import long_date

MAJOR, MINOR = "major", "minor"
# Buttons of the page editor that put content in front of readers or approvers.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")
# The workflow action that sends a change back to its editor: nothing is published.
REQUEST_CHANGES = "reject"


def earliest_go_live():
    """The first moment a major change published today gives readers their notice.

    The start of the day POLICY_NOTICE_PERIOD_DAYS after today, in the site's
    time zone (TIME_ZONE).
    """
    site_zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate(timezone=site_zone)
    day = today + timedelta(days=settings.POLICY_NOTICE_PERIOD_DAYS)
    return datetime.combine(day, time.min, tzinfo=site_zone)


class PolicyPageForm(WagtailAdminPageForm):
    update_type = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=[
            (
                MAJOR,
                _(
                    "Major change: it changes what the policy says. Readers see a new "
                    "“last updated” date and your change note."
                ),
            ),
            (
                MINOR,
                _(
                    "Minor change: a typo, formatting or a broken link. The date and "
                    "the history stay as they are."
                ),
            ),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    accept_short_notice = forms.BooleanField(
        label=_("Publish with less notice"),
        help_text=_(
            "Readers are told of a major change before it takes effect (its "
            "go-live date: “Set schedule” in the Status panel). Tick this to "
            "publish one that takes effect sooner than that."
        ),
        required=False,
    )

    class Media:
        # Shows the notice rule and proposes the go-live date as soon as
        # "Major change" is picked; without it the check in clean() explains.
        js = ["policy/notice-period.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The body's blocks check each cookie's lifetime where the editor
        # reads it: the page's own check (PolicyPage.clean) is for
        # translations saved by wagtail-localize.
        self.instance.checked_by_form = True
        self.recorded = self.instance.recorded_changes()
        if self.recorded:
            self.propose_go_live()
        if not self.recorded:
            # The first publication is always the first version.
            self.fields["update_type"].choices = self.fields["update_type"].choices[:1]
            self.initial.setdefault("update_type", MAJOR)
        elif self.instance.change_key in self.recorded:
            # Submitted for approval, it was declared a minor change: the approver
            # sees that answer. Otherwise the editor decides afresh.
            in_moderation = self.instance.pk and self.instance.workflow_in_progress
            self.initial["update_type"] = MINOR if in_moderation else ""
            self.initial["change_note"] = ""
        else:
            # A draft saved as a major change keeps its choice and note.
            self.initial["update_type"] = MAJOR

    def clean(self):
        cleaned_data = super().clean()
        update_type = cleaned_data.get("update_type")
        publishing = any(action in self.data for action in PUBLISHING_ACTIONS) and (
            self.data.get("workflow-action-name") != REQUEST_CHANGES
        )
        if publishing and not update_type:
            self.add_error(
                "update_type",
                _("Say whether this is a major or a minor change before publishing."),
            )
        if (
            publishing
            and update_type == MAJOR
            and not cleaned_data.get("change_note", "").strip()
        ):
            self.add_error(
                "change_note",
                _(
                    "A major change needs a change note: tell readers in a sentence what changed."
                ),
            )
        if publishing and update_type == MAJOR and self.recorded:
            self.check_notice(cleaned_data)
        return cleaned_data

    def propose_go_live(self):
        """The rule and the earliest go-live date that respects it, for the script.

        They ride on the "Major change" choice as data attributes: the script
        (policy/static/policy/notice-period.js) shows the rule when it is
        picked and puts the date in the go-live field, if that is empty.
        """
        period = settings.POLICY_NOTICE_PERIOD_DAYS
        proposed = earliest_go_live()
        self.fields["update_type"].widget.attrs.update(
            {
                "data-notice-rule": ngettext(
                    "Readers are told of a major change %(period)d day before it "
                    "takes effect: its go-live date (“Set schedule” in the Status "
                    "panel) is %(date)s or later.",
                    "Readers are told of a major change %(period)d days before it "
                    "takes effect: its go-live date (“Set schedule” in the Status "
                    "panel) is %(date)s or later.",
                    period,
                )
                % {"period": period, "date": long_date(proposed)},
                "data-notice-proposed": _(
                    "It is set to %(date)s for you; a later date is fine too. For "
                    "an exception, tick “Publish with less notice”."
                )
                % {"date": long_date(proposed)},
                # As the go-live field reads it: in the admin's time zone.
                "data-proposed-go-live": self.fields["go_live_at"].widget.format_value(
                    timezone.localtime(proposed)
                ),
            }
        )

    def check_notice(self, cleaned_data):
        """A major change taking effect sooner than the notice period needs a tick.

        The notice is counted in days of the site's time zone: a change published
        on 12 January with 30 days' notice may take effect from 11 February. The
        first publication and minor changes tell readers of nothing in advance,
        and are never held up.
        """
        period = settings.POLICY_NOTICE_PERIOD_DAYS
        now = timezone.now()
        go_live_at = cleaned_data.get("go_live_at")
        if cleaned_data.get("accept_short_notice") or (
            go_live_at and go_live_at >= earliest_go_live()
        ):
            return
        if go_live_at and go_live_at > now:
            message = ngettext(
                "This major change takes effect on %(date)s, less than %(period)d day "
                "from now: readers are told of a major change %(period)d day before "
                "it takes effect.",
                "This major change takes effect on %(date)s, less than %(period)d days "
                "from now: readers are told of a major change %(period)d days before "
                "it takes effect.",
                period,
            ) % {
                "date": long_date(go_live_at),
                "period": period,
            }
        else:
            message = ngettext(
                "This major change takes effect as soon as it is published: readers "
                "are told of a major change %(period)d day before it takes effect.",
                "This major change takes effect as soon as it is published: readers "
                "are told of a major change %(period)d days before it takes effect.",
                period,
            ) % {"period": period}
        self.add_error(
            "accept_short_notice",
            message
            + " "
            + str(
                _(
                    "Choose a later go-live date (“Set schedule” in the Status "
                    "panel), or tick “Publish with less notice” to go ahead."
                )
            ),
        )

    def save(self, commit=True):
        page = super().save(commit=False)
        update_type = self.cleaned_data.get("update_type")
        if update_type == MAJOR:
            if page.change_key in self.recorded:
                page.change_key = uuid.uuid4()
        elif update_type == MINOR or page.change_key in self.recorded:
            # A minor change stays part of the latest major change, note included.
            latest_key = next(reversed(self.recorded))
            page.change_key = latest_key
            page.change_note = self.recorded[latest_key]
        if commit:
            page.save()
        return page
