"""The consent script that other sites embed, and the records it sends back.

GET /consent.js and /consent-mode.js are public and the same for everyone,
like the API: the shared cache and the edge keep them, and a publish purges them
(caching/middleware.py, caching/edge.py). POST /consent/records/ comes
from other sites' pages, so it cannot carry a CSRF token: the Origin header,
checked against CONSENT_ALLOWED_ORIGINS, is the guard.
"""

import functools
import hashlib
import json
import re
import time
import uuid

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from access.client_address import visitor_network
from policy.models import PolicyVersion

from .config import consent_config, mode_config
from .models import CHOICES, ConsentRecord, ConsentTextsVersion

# A record is about a hundred bytes; anything much longer is not one.
MAX_RECORD_BYTES = 2048


@functools.cache
def script_function(name):
    """consent/static/consent/<name>: a function of its configuration.

    A plain script file, so that the linter and formatter read it; read once
    per process from the app's static folder (where the installed package
    carries it too), not through a template.
    """
    with open(finders.find(f"consent/{name}"), encoding="utf-8") as script:
        return script.read().strip()


def called_with(name, config):
    """The script `name`, called with its configuration, as one statement."""
    # Safe inside any script: no "<" that could close a <script> element.
    config_json = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    config_json = config_json.replace("<", "\\u003c")
    return f"({script_function(name)})({config_json});\n"


def _script(text):
    return HttpResponse(text, content_type="text/javascript; charset=utf-8")


# What /consent.js runs, in order: Google Consent Mode, then the banner.
CONSENT_JS = ("consent-mode.js", "consent.js")


@functools.cache
def script_digest():
    """The SHA-256 of the code /consent.js runs (its functions joined by a line
    break, without their configurations): which script showed the visitor the
    banner."""
    code = "\n".join(script_function(name) for name in CONSENT_JS)
    return hashlib.sha256(code.encode()).hexdigest()


def receipts_prefix(request):
    """The address of the receipts, before a receipt's id: consent.js adds the id."""
    example = uuid.UUID(int=0)
    address = reverse("consent_receipt", args=[example])
    return request.build_absolute_uri(address.removesuffix(f"{example}/"))


@require_safe
def consent_js(request):
    """The banner called with its configuration: one script, one request.

    Other sites embed this address: the configuration comes with the code,
    not from a second request, and nothing is evaluated from a string, so that
    it runs under their strict Content-Security-Policy. Google Consent Mode
    runs first (unless /consent-mode.js ran already on the page), so that the
    default is sent before any tag the banner lets run.
    """
    config = consent_config(
        request,
        records_url=request.build_absolute_uri(reverse("consent_records")),
        stylesheet_url=request.build_absolute_uri(static("consent/consent.css")),
    )
    config["script"] = script_digest()
    config["receipts"] = receipts_prefix(request)
    configs = {
        "consent-mode.js": mode_config(request, config["languages"]),
        "consent.js": config,
    }
    return _script("".join(called_with(name, configs[name]) for name in CONSENT_JS))


@require_safe
def consent_mode_js(request):
    """Google Consent Mode alone: the synchronous snippet embedding sites put
    before their Google tag, when it loads at once (Google's advanced mode)."""
    return _script(called_with("consent-mode.js", mode_config(request)))


def _refuse(status, message, origin=None):
    response = JsonResponse({"message": message}, status=status)
    if origin:
        _allow(response, origin)
    return response


def _allow(response, origin):
    response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"


def _allowed_origins():
    return {origin.lower() for origin in settings.CONSENT_ALLOWED_ORIGINS}


def _over_the_limit(origin, request):
    """Counts this visitor's records for this site in the current window.

    The address is hashed into the key of a counter in the shared cache that
    lasts one window: it is never stored anywhere else. Without the cache
    (Redis away: every call is a miss, caching/redis_cache.py) nobody is over
    the limit: a visitor's choice matters more than a flood's cost, and the
    record is stored all the same.
    """
    limit, window = settings.CONSENT_RATE_LIMIT
    slot = int(time.time() // window)
    visitor = hashlib.sha256(
        f"{settings.SECRET_KEY}|{origin}|{visitor_network(request)}".encode()
    ).hexdigest()
    key = f"consent-rate:{visitor}:{slot}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _check_version(version, language):
    """Raise ValueError unless `version` is a published version of the policy in `language`.

    Versions are numbered from 1; one greater than the latest published is
    not shown to anyone yet.
    """
    if version < 1:
        raise ValueError(
            f"the policy has no version {version}: versions are numbered from 1"
        )
    numbers = set(
        PolicyVersion.objects.filter(
            page__locale__language_code=language, page__live=True
        ).values_list("number", flat=True)
    )
    if numbers and version > max(numbers):
        raise ValueError(
            f"the policy has no version {version} in {language} yet: "
            f"the latest published is {max(numbers)}"
        )
    if version not in numbers:
        raise ValueError(f"the policy has no version {version} in {language}")


def _texts_version(number, language):
    """The version of the banner's texts numbered `number` in `language`, or ValueError."""
    if type(number) is not int:
        raise ValueError(
            "texts must be the version of the banner's texts shown, a whole number"
        )
    version = ConsentTextsVersion.objects.filter(
        language=language, number=number
    ).first()
    if version is None:
        raise ValueError(f"the banner's texts have no version {number} in {language}")
    return version


DIGEST = re.compile(r"[0-9a-f]{64}")
RECEIPT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _proof(data, language):
    """The texts version, script digest and receipt of a record, or raise ValueError.

    A page loaded before the script gained them (kept open in a tab, or
    served by a browser's cache for its last minute) sends none of the three:
    its visitor's choice is recorded all the same, without them. Sent, each
    must be right.
    """
    if not {"texts", "script", "receipt"} & set(data):
        return {}
    script = data.get("script")
    if not isinstance(script, str) or not DIGEST.fullmatch(script.lower()):
        raise ValueError(
            "script must be the SHA-256 digest of the banner's script, "
            "64 hexadecimal characters"
        )
    receipt = data.get("receipt")
    if not isinstance(receipt, str) or not RECEIPT.fullmatch(receipt.lower()):
        raise ValueError(
            "receipt must be the random id of this choice, written as a UUID "
            "(8-4-4-4-12 hexadecimal characters)"
        )
    return {
        "texts": _texts_version(data.get("texts"), language),
        "script": script.lower(),
        "receipt": uuid.UUID(receipt),
    }


def _parse(body):
    """The record a body describes, or raise ValueError saying what is wrong."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError("the body is not JSON") from error
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    version = data.get("version")
    if type(version) is not int:
        raise ValueError("version must be the policy version shown, a whole number")
    language = data.get("language")
    if language is not None and not isinstance(language, str):
        raise ValueError("language must be a language code, such as en")
    languages = {code for code, _name in settings.LANGUAGES}
    if language not in languages:
        language = settings.LANGUAGE_CODE
    choices = data.get("choices")
    if not isinstance(choices, dict):
        raise ValueError("choices must be an object of categories")
    unknown = sorted(set(choices) - set(CHOICES))
    if unknown:
        raise ValueError(
            f"unknown categories: {', '.join(map(str, unknown))}; "
            f"choices are made for {', '.join(CHOICES)}"
        )
    if not all(isinstance(value, bool) for value in choices.values()):
        raise ValueError("each choice must be true or false")
    gpc = data.get("gpc", False)
    if not isinstance(gpc, bool):
        raise ValueError("gpc must be true or false")
    proof = _proof(data, language)
    _check_version(version, language)
    return {
        "policy_version": version,
        "language": language,
        "choices": choices,
        "gpc": gpc,
        **proof,
    }


def _read_body(request, size):
    """At most `size` bytes of the request's body, however it was sent.

    With a Content-Length, Django's request stream ends there (and never
    reads past it). A chunked body has none, and Django reads it as empty:
    when the server has decoded the chunks and says where the body ends
    (wsgi.input_terminated, as gunicorn does), it is read from the server's
    stream instead. Either way no more than `size` bytes are read, whatever
    the client claims. request.body is not used: it reads the whole body
    first and only refuses it past DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB),
    with a 400.
    """
    stream = request
    if not request.META.get("CONTENT_LENGTH") and request.META.get(
        "wsgi.input_terminated"
    ):
        stream = request.META["wsgi.input"]
    chunks = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


@csrf_exempt
@require_POST
def records(request):
    """Store one visitor's choice, from an allowed site's page."""
    origin = request.headers.get("Origin", "").rstrip("/").lower()
    if origin not in _allowed_origins():
        return _refuse(403, "records are accepted only from the company's sites")
    if _over_the_limit(origin, request):
        return _refuse(429, "too many records: try again later", origin)
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return _refuse(400, "Content-Length must be a number", origin)
    if length > MAX_RECORD_BYTES:
        return _refuse(413, f"a record has at most {MAX_RECORD_BYTES} bytes", origin)
    body = _read_body(request, MAX_RECORD_BYTES + 1)
    if len(body) > MAX_RECORD_BYTES:
        return _refuse(413, f"a record has at most {MAX_RECORD_BYTES} bytes", origin)
    try:
        fields = _parse(body)
    except ValueError as error:
        return _refuse(400, str(error), origin)
    try:
        with transaction.atomic():
            record = ConsentRecord.objects.create(origin=origin, **fields)
    except IntegrityError:
        return _refuse(
            409,
            "this receipt is recorded already: each choice has a receipt of its own",
            origin,
        )
    response = JsonResponse({"id": str(record.id)}, status=201)
    _allow(response, origin)
    return response
