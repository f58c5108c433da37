"""The second factor's admin pages: choosing one, giving it, recovery codes,
one's own devices, and an administrator's reset (access/two_factor.py)."""

import base64
import re
from base64 import b32encode

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .two_factor import (
    added_today,
    end_other_sessions,
    factor_required,
    has_factor,
    new_recovery_codes,
    recovery_codes_left,
    remove_all_factors,
    reset_factors,
)

# Recovery codes waiting to be shown once, in the session.
NEW_CODES_KEY = "two_factor_new_recovery_codes"


# The element of the code field's error (templates: error_message_id).
ERROR_ID = "id_code_error"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )

    def add_error(self, field, error):
        super().add_error(field, error)
        # The field names its error (and its help) for screen readers.
        if field == "code":
            ids = [ERROR_ID]
            if self.fields["code"].help_text:
                ids.append("id_code-helptext")
            self.fields["code"].widget.attrs["aria-describedby"] = " ".join(ids)


WRONG_CODE = gettext_lazy(
    "This code is not right, or has already been used. Enter the code your "
    "authenticator app shows now, or an unused recovery code."
)
WRONG_APP_CODE = gettext_lazy(
    "This code is not right. Enter the 6-digit code your authenticator app "
    "shows now for this account."
)


def throttled_message(device):
    """What to say when django-otp holds back a device after wrong codes (each
    wrong code doubles the wait)."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    return _(
        "Too many wrong codes in a row: wait a few seconds, then enter the code "
        "your app shows at that time."
    )


def safe_next(request, default=None):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default or reverse("wagtailadmin_home")


def is_verified(user):
    return user.is_verified()


class SignInStep(TemplateView):
    """A page of the sign-in, laid out like Wagtail's login page."""

    title = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["next"] = safe_next(self.request)
        context["factor_required"] = factor_required()
        return context


class VerifyView(SignInStep):
    """The second sign-in step: a code from the app or a recovery code, or a passkey."""

    template_name = "access/two_factor/verify.html"
    title = gettext_lazy("Two-step verification")

    def code_form(self, *args):
        form = CodeForm(*args)
        if TOTPDevice.objects.filter(user=self.request.user, confirmed=True).exists():
            form.fields["code"].help_text = _(
                "The 6-digit code your authenticator app shows, or one of your "
                "recovery codes."
            )
        else:
            form.fields["code"].help_text = _(
                "One of the recovery codes you were given when you set up "
                "two-step verification. Each works once."
            )
        return form

    def dispatch(self, request, *args, **kwargs):
        if is_verified(request.user):
            return redirect(safe_next(request))
        if not has_factor(request.user):
            return redirect(
                f"{reverse('home_two_factor_setup')}?{request.GET.urlencode()}"
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["form"] = form or self.code_form()
        context["has_app"] = TOTPDevice.objects.filter(
            user=user, confirmed=True
        ).exists()
        context["has_passkey"] = WebAuthnCredential.objects.filter(
            user=user, confirmed=True
        ).exists()
        return context

    def post(self, request):
        form = self.code_form(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"].replace(" ", "")
            # Six digits come from an app; a recovery code is longer. Each kind
            # of device is tried (and held back after wrong codes) on its own.
            model = TOTPDevice if re.fullmatch(r"\d{6}", code) else StaticDevice
            devices = model.objects.filter(user=request.user, confirmed=True)
            held_back = next(filter(None, map(throttled_message, devices)), None)
            device = None
            if not held_back:
                device = next(
                    (device for device in devices if device.verify_token(code)), None
                )
            if device is not None:
                otp_login(request, device)
                return redirect(safe_next(request))
            form.add_error("code", held_back or WRONG_CODE)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SetupView(SignInStep):
    """Choosing a second factor: an authenticator app or a passkey."""

    template_name = "access/two_factor/setup.html"
    title = gettext_lazy("Set up two-step verification")

    def dispatch(self, request, *args, **kwargs):
        # Someone who has a factor proves it before adding another.
        if has_factor(request.user) and not is_verified(request.user):
            return redirect(
                f"{reverse('home_two_factor_verify')}?{request.GET.urlencode()}"
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["first_factor"] = not has_factor(self.request.user)
        return context


def qr_code_data_url(text):
    svg = segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def written_secret(device):
    """The secret as authenticator apps take it when typed: base 32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class AuthenticatorView(SetupView):
    """Adding an authenticator app: a QR code, the secret written out, and a code
    from the app to confirm it."""

    template_name = "access/two_factor/authenticator.html"
    title = gettext_lazy("Set up an authenticator app")

    def get_device(self):
        device = TOTPDevice.objects.filter(
            user=self.request.user, confirmed=False
        ).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user,
                name=added_today(_("Authenticator app")),
                confirmed=False,
            )
        return device

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.get_device()
        context["form"] = form or CodeForm()
        context["qr_code"] = qr_code_data_url(device.config_url)
        context["secret"] = written_secret(device)
        return context

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            device = self.get_device()
            held_back = throttled_message(device)
            if held_back:
                form.add_error("code", held_back)
            elif device.verify_token(form.cleaned_data["code"].replace(" ", "")):
                first_factor = not has_factor(request.user)
                device.confirmed = True
                device.save()
                otp_login(request, device)
                end_other_sessions(request.user, keep=request.session.session_key)
                return finish_enrolment(request, first_factor)
            else:
                form.add_error("code", WRONG_APP_CODE)
        return self.render_to_response(self.get_context_data(form=form), status=400)


def finish_enrolment(request, first_factor):
    """After the first factor, the recovery codes, shown once; after another, the
    list of one's devices."""
    if first_factor or recovery_codes_left(request.user) == 0:
        request.session[NEW_CODES_KEY] = new_recovery_codes(request.user)
        return redirect(
            f"{reverse('home_two_factor_recovery_codes')}?next={safe_next(request)}"
        )
    messages.success(request, _("Your new second factor is ready."))
    return redirect("home_two_factor_devices")


def passkey_added(request):
    """Where the passkey page goes once the browser has registered a passkey
    (django-otp-webauthn has already saved it and verified the session)."""
    credentials = WebAuthnCredential.objects.filter(user=request.user, confirmed=True)
    if not credentials.exists():
        return redirect("home_two_factor_setup")
    # Recovery codes come with the first factor; coming back here makes no new ones.
    first_factor = not StaticDevice.objects.filter(user=request.user).exists()
    end_other_sessions(request.user, keep=request.session.session_key)
    return finish_enrolment(request, first_factor)


class AccountPage(WagtailAdminTemplateMixin, TemplateView):
    """A page of one's own account, in the admin's usual layout."""

    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.page_title},
        ]


class RecoveryCodesView(AccountPage):
    """New recovery codes, shown once; or how many are left, and new ones."""

    template_name = "access/two_factor/recovery_codes.html"
    page_title = gettext_lazy("Recovery codes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["codes"] = self.request.session.pop(NEW_CODES_KEY, None)
        context["left"] = recovery_codes_left(self.request.user)
        context["next"] = safe_next(self.request, reverse("home_two_factor_devices"))
        return context

    def post(self, request):
        request.session[NEW_CODES_KEY] = new_recovery_codes(request.user)
        end_other_sessions(request.user, keep=request.session.session_key)
        return redirect("home_two_factor_recovery_codes")


class DevicesView(AccountPage):
    """One's own authenticator apps and passkeys, each with a Remove button."""

    template_name = "access/two_factor/devices.html"
    page_title = gettext_lazy("Two-step verification")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["apps"] = TOTPDevice.objects.filter(user=user, confirmed=True)
        context["passkeys"] = WebAuthnCredential.objects.filter(
            user=user, confirmed=True
        )
        context["left"] = recovery_codes_left(user)
        return context

    def post(self, request):
        kind = request.POST.get("kind")
        model = {"app": TOTPDevice, "passkey": WebAuthnCredential}.get(kind)
        device = None
        if model is not None and request.POST.get("id", "").isdigit():
            device = model.objects.filter(
                user=request.user, pk=int(request.POST["id"])
            ).first()
        if device is None:
            messages.warning(request, _("This device had already been removed."))
            return redirect("home_two_factor_devices")
        name = device.name
        device.delete()
        if not has_factor(request.user):
            # Spare codes without a factor would be a factor of their own.
            remove_all_factors(request.user)
        end_other_sessions(request.user, keep=request.session.session_key)
        messages.success(request, _("Removed “%(name)s”.") % {"name": name})
        return redirect("home_two_factor_devices")


def may_reset(user):
    return user.is_superuser


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """An administrator removes every second factor of an account."""

    template_name = "access/two_factor/reset.html"
    page_title = gettext_lazy("Reset two-step verification")
    header_icon = "key"

    def dispatch(self, request, user_id):
        if not may_reset(request.user):
            raise PermissionDenied
        self.account = get_object_or_404(get_user_model(), pk=user_id)
        return super().dispatch(request, user_id)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["account"] = self.account
        context["has_factor"] = has_factor(self.account)
        return context

    def post(self, request, user_id):
        reset_factors(self.account, by=request.user, keep=request.session.session_key)
        messages.success(
            request,
            _(
                "Two-step verification of “%(username)s” was reset: they choose a "
                "new second factor at their next sign-in."
            )
            % {"username": self.account.get_username()},
        )
        return redirect("wagtailusers_users:index")
