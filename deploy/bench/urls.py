"""The bare view: the bytes of the French policy page, the same at every address."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import re_path

# The page as the stack served it (written by deploy/bench/run.py).
PAGE = Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
