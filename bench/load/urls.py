"""The project's URLs plus one bare view, the reference for the cost of a request.

``i18n_patterns`` may only appear in a root URLconf, so the project's patterns are taken as
they are rather than through ``include()``.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from hub.urls import urlpatterns as hub_urlpatterns


@login_not_required
def bare(request: HttpRequest) -> HttpResponse:
    """Through the whole middleware stack, with or without a session; no query of its own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/bare/", bare, name="bench-bare"), *hub_urlpatterns]
