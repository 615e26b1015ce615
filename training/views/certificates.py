"""Views of certificates: asking for one, its page and download (its learner and staff only),
and the public verification of a code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.core.internal import ratelimit
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from hub.admin_actions import error_text
from hub.http import authenticated_user, protected_file_response
from library.filenames import attachment_disposition, title_filename
from training import selectors_certificates as selectors
from training.certificates import CODE_INPUT_MAX, code_parse
from training.models import Certificate
from training.permissions import can_manage_training
from training.services.certificates import certificate_request

if TYPE_CHECKING:
    from django.http import HttpRequest

#: Lookups of codes per client address (allauth's limiter, counted in the cache). A code is
#: 78 random bits, so this is not what stops guessing; it keeps the one public page that reads
#: the database from being scraped or hammered.
VERIFY_RATE_LIMITS = {"certificate_verify": "30/m/ip,300/h/ip"}


class CertificateRequestView(View):
    """POST only: the learner's certificate of a module they completed, made once."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        enrolment = selectors.enrolment_get_for_certificate(user=user, slug=slug)
        try:
            certificate = certificate_request(enrolment=enrolment, by=user)
        except ValidationError as exc:
            context = {"enrolment": enrolment, "error": error_text(exc)}
            return render(request, "training/certificate_refused.html", context, status=400)
        return HttpResponseRedirect(reverse("training:certificate-detail", args=[certificate.pk]))


class CertificateDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        certificate = selectors.certificate_get_for_user(user=authenticated_user(request), pk=pk)
        context = {"certificate": certificate, "enrolment": certificate.enrolment}
        return render(request, "training/certificate_detail.html", context)


class CertificateStatusView(View):
    """The certificate panel alone, polled by the page while the PDF is being made."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        certificate = selectors.certificate_get_for_user(user=authenticated_user(request), pk=pk)
        context = {
            "enrolment": certificate.enrolment,
            "is_fragment": True,
            "is_certificate_page": request.GET.get("on") == "page",
        }
        response = render(request, "training/partials/_certificate_panel.html", context)
        response["Cache-Control"] = "private, no-store"
        return response


class CertificateDownloadView(View):
    """Access checked on every download; a revoked certificate is served to staff only."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
        user = authenticated_user(request)
        certificate = selectors.certificate_get_for_user(user=user, pk=pk)
        if certificate.status != Certificate.Status.DONE or not certificate.file:
            raise Http404
        if not certificate.is_valid and not can_manage_training(user):
            raise Http404
        response = protected_file_response(certificate.file, content_type="application/pdf")
        with translation.override(certificate.language):
            title = _("Certificate - %(module)s") % {"module": certificate.module_title}
        response["Content-Disposition"] = attachment_disposition(title_filename(title, ".pdf"))
        response["Cache-Control"] = "private, no-store"
        return response


@method_decorator(login_not_required, name="dispatch")
class CertificateVerifyView(View):
    """Public: whether a code is a valid certificate and, if so, for whom, of what and when.

    Nothing else is ever read or shown (no city, no email, no score, no other certificate).
    A revoked code says so and no more; an unknown one is a 404; an input that cannot be a code
    a 400.
    """

    template_name = "training/certificate_verify.html"

    def get(self, request: HttpRequest, code: str | None = None) -> HttpResponse:
        typed = code if code is not None else request.GET.get("code")
        if typed is None:
            return self._render(request, state="form", typed="")
        shown = typed if len(typed) <= CODE_INPUT_MAX else ""
        usage = ratelimit.consume(
            request,
            app="training",
            action="certificate_verify",
            config=VERIFY_RATE_LIMITS,
            limit_get=True,
        )
        if not usage:
            return render(request, "429.html", status=429)
        parsed = code_parse(typed)
        if parsed is None:
            state = "empty" if not typed.strip() else "malformed"
            return self._render(request, state=state, typed=shown, status=400)
        certificate = selectors.certificate_verify(code=parsed)
        if certificate is None:
            return self._render(request, state="unknown", typed=parsed, status=404)
        if not certificate.is_valid:
            return self._render(request, state="revoked", typed=parsed)
        return self._render(request, state="valid", typed=parsed, certificate=certificate)

    def _render(
        self,
        request: HttpRequest,
        *,
        state: str,
        typed: str,
        certificate: Certificate | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "state": state,
            "typed": typed,
            "code_max": CODE_INPUT_MAX,
            "certificate": certificate,
        }
        response = render(request, self.template_name, context, status=status)
        # What a code says can change (revocation): never kept by a shared cache.
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
