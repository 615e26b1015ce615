"""Views of the library: parse input, call one selector or service, render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from hub.errors import NotAllowed
from hub.http import authenticated_user
from library import search, selectors, services
from library.forms import DocumentForm
from library.models import DOCUMENT_LANGUAGES
from library.permissions import can_contribute, can_review, can_see_processing

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "html": "application/octet-stream",  # never rendered by the browser: it is an attachment
}


class DocumentSearchView(TemplateView):
    template_name = "library/document_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = search.params_from(self.request.GET)
        result = search.search(user=authenticated_user(self.request), params=params)
        query_without_page = self.request.GET.copy()
        query_without_page.pop("page", None)
        return super().get_context_data(**kwargs) | {
            "params": params,
            "result": result,
            "language_names": dict(DOCUMENT_LANGUAGES),
            "base_query": query_without_page.urlencode(),
            "sorts": [(sort.key, sort.label) for sort in search.DOCUMENTS.sorts],
            "query": params.query,
        }


class DocumentDetailView(View):
    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        user = authenticated_user(request)
        document = selectors.document_get_for_user(user=user, pk=pk)
        context = {
            "document": document,
            "versions": selectors.document_versions(user=user, document=document),
            "related": selectors.document_related(user=user, document=document),
            "can_see_processing": can_see_processing(user, document),
            "language_names": dict(DOCUMENT_LANGUAGES),
        }
        return render(request, "library/document_detail.html", context)


class DocumentStatusView(View):
    """The extraction state as an HTML fragment, polled by the page while it changes."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        user = authenticated_user(request)
        document = selectors.document_get_for_user(user=user, pk=pk)
        if not can_see_processing(user, document):
            raise Http404
        return render(request, "library/partials/_document_status.html", {"document": document})


class DocumentDownloadView(View):
    """Access is checked again on every download; a document you may not see does not exist."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse | FileResponse:
        user = authenticated_user(request)
        document = selectors.document_get_for_user(user=user, pk=pk)
        services.download_record(document=document, user=user)
        content_type = CONTENT_TYPES.get(document.file_kind, "application/octet-stream")
        if settings.HUB_X_ACCEL_REDIRECT_PREFIX:
            response: HttpResponse | FileResponse = HttpResponse(content_type=content_type)
            response["X-Accel-Redirect"] = (
                f"{settings.HUB_X_ACCEL_REDIRECT_PREFIX}{document.file.name}"
            )
            response["Content-Disposition"] = (
                content_disposition_header(as_attachment=True, filename=document.download_name)
                or "attachment"
            )
        else:
            try:
                handle = document.file.open("rb")
            except FileNotFoundError as exc:
                raise Http404 from exc
            response = FileResponse(
                handle,
                as_attachment=True,
                filename=document.download_name,
                content_type=content_type,
            )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class DocumentCreateView(FormView):
    form_class = DocumentForm
    template_name = "library/document_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_contribute(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"can_publish": can_review(self.request.user)}

    def form_valid(self, form: DocumentForm) -> HttpResponse:
        data = form.cleaned_data
        user = authenticated_user(self.request)
        try:
            document = services.document_contribute(
                by=user,
                uploaded_file=data["file"],
                data=data,
                publish=bool(data.get("publish")),
            )
        except services.DuplicateDocument as exc:
            existing = exc.existing
            message: str
            if selectors.document_is_visible(user=user, document=existing):
                message = format_html(
                    '{} <a href="{}">{}</a>',
                    _("This file is already in the library:"),
                    existing.get_absolute_url(),
                    existing.title,
                )
            else:
                message = _("This file is already in the library.")
            form.add_error("file", ValidationError(message, code="duplicate_file"))
            return self.form_invalid(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.add_error(None, exc)
            else:
                form.add_error("file", exc)
            return self.form_invalid(form)
        except NotAllowed as exc:
            raise PermissionDenied from exc
        return HttpResponseRedirect(document.get_absolute_url())

    def form_invalid(self, form: DocumentForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class DocumentMineView(ListView):
    template_name = "library/document_mine.html"
    context_object_name = "documents"
    paginate_by = 50

    def get_queryset(self) -> Any:
        return selectors.document_list_contributed(user=authenticated_user(self.request))
