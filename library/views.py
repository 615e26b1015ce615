"""Views of the library: parse input, call one selector or service, render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from hub.errors import NotAllowed
from hub.http import authenticated_user, protected_file_response
from hub.object_panels import DOCUMENT_PAGE, object_panels
from hub.search.page import SearchPageView
from library import search, selectors, services
from library.filenames import attachment_disposition
from library.forms import ContributionFilterForm, DocumentForm
from library.links import results_query
from library.models import DOCUMENT_LANGUAGES, Document
from library.permissions import can_contribute, can_review, can_see_processing

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase

    from hub.models import User
    from hub.search import SearchParams, SearchResult

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "html": "application/octet-stream",  # never rendered by the browser: it is an attachment
}


class DocumentSearchView(SearchPageView):
    template_name = "library/document_list.html"
    source = search.DOCUMENTS

    def page_extra(self, result: SearchResult, params: SearchParams) -> dict[str, Any]:
        return {
            "language_names": dict(DOCUMENT_LANGUAGES),
            "sorts": [
                (sort.key, sort.label, sort.key == result.sort)
                for sort in search.DOCUMENTS.sorts
                if sort.key != "relevance" or params.query
            ],
            "query": params.query,
        }


class DocumentDetailView(View):
    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        user = authenticated_user(request)
        document = selectors.document_get_for_user(user=user, pk=pk)
        # `from`: the query string of the results this page was opened from (links.py).
        results = results_query(request.GET.get("from", ""))
        library_url = reverse("library:document-list")
        context = {
            "document": document,
            "versions": selectors.document_versions(user=user, document=document),
            "related": selectors.document_related(user=user, document=document),
            # What other apps say about the document ("From: <event>"; hub.object_panels).
            "panels": object_panels(DOCUMENT_PAGE, obj=document, user=user),
            "can_see_processing": can_see_processing(user, document),
            "language_names": dict(DOCUMENT_LANGUAGES),
            "back_url": f"{library_url}?{results}" if results else library_url,
            "back_to_results": bool(results),
            # Carried on to the other documents this page links to, so their way back is too.
            "from_query": urlencode({"from": results}) if results else "",
        }
        return render(request, "library/document_detail.html", context)


class DocumentStatusView(View):
    """The extraction state as an HTML fragment, polled by the page while it changes."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        _, document = _document_in_processing(request, pk)
        return render(request, "library/partials/_document_status.html", {"document": document})


def _document_in_processing(request: HttpRequest, pk: str) -> tuple[User, Document]:
    """The reader and the document whose processing they may follow (its contributor, staff)."""
    user = authenticated_user(request)
    document = selectors.document_get_for_user(user=user, pk=pk)
    if not can_see_processing(user, document):
        raise Http404
    return user, document


class DocumentDownloadView(View):
    """Access is checked again on every download; a document you may not see does not exist."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse | FileResponse:
        user = authenticated_user(request)
        document = selectors.document_get_for_user(user=user, pk=pk)
        services.download_record(document=document, user=user)
        content_type = CONTENT_TYPES.get(document.file_kind, "application/octet-stream")
        response = protected_file_response(document.file, content_type=content_type)
        # Named after the title in the reader's language (RFC 6266, UTF-8 in filename*).
        response["Content-Disposition"] = attachment_disposition(document.download_name)
        response["Cache-Control"] = "private, no-store"
        return response


class DocumentPreviewView(View):
    """The first page of a document as an image, for whoever may see the document: the same
    access check as a download, and a 404 for a document without a preview."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse | FileResponse:
        user = authenticated_user(request)
        document = selectors.document_preview_get_for_user(user=user, pk=pk)
        response = protected_file_response(document.preview, content_type="image/webp")
        response["Content-Disposition"] = 'inline; filename="preview.webp"'
        # The URL carries the preview's version (Document.preview_url); only this reader's
        # browser keeps it, and not past a day.
        response["Cache-Control"] = "private, max-age=86400"
        response["Cross-Origin-Resource-Policy"] = "same-origin"
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
        except (services.DuplicateDocument, ValidationError) as exc:
            _add_upload_error(form, user, exc)
            return self.form_invalid(form)
        except NotAllowed as exc:
            raise PermissionDenied from exc
        if document.is_published:
            return HttpResponseRedirect(document.get_absolute_url())
        # A page that says what happens next; it holds no one-off message, so the upload
        # script can fetch it and then show it.
        return redirect("library:document-sent", pk=document.pk)

    def form_invalid(self, form: DocumentForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def _add_upload_error(
    form: DocumentForm, user: User, exc: services.DuplicateDocument | ValidationError
) -> None:
    """Put what the contribute or resubmit service refused onto the form, where it belongs."""
    if isinstance(exc, services.DuplicateDocument):
        form.add_error("file", _duplicate_error(user, exc.existing))
    elif hasattr(exc, "error_dict"):
        form.add_error(None, exc)
    else:
        form.add_error("file", exc)


def _duplicate_error(user: User, existing: Document) -> ValidationError:
    """The error of a file already in the library: a link to it for someone who may see it;
    for anyone else only that it exists, not what it is called."""
    message: str
    if selectors.document_is_visible(user=user, document=existing):
        if existing.contributed_by_id == user.pk and existing.status in services.EDITABLE_STATUSES:
            message = format_html(
                '{} <a href="{}"><bdi>{}</bdi></a>',
                _(
                    "You have sent this file before; you can change that contribution and send "
                    "it again:"
                ),
                reverse("library:document-update", kwargs={"pk": existing.pk}),
                existing.title,
            )
        else:
            message = format_html(
                '{} <a href="{}"><bdi>{}</bdi></a>',
                _("This file is already in the library:"),
                existing.get_absolute_url(),
                existing.title,
            )
    else:
        message = _("This file is already in the library.")
    return ValidationError(message, code="duplicate_file")


class DocumentSentView(View):
    """Where a contribution lands once sent: what happens next, and its processing as it goes."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        user, document = _document_in_processing(request, pk)
        if document.status != Document.Status.SUBMITTED:
            # Decided (or never sent): its own page says where it stands.
            return HttpResponseRedirect(document.get_absolute_url())
        email_language = dict(settings.LANGUAGES).get(user.language, user.language)
        context = {"document": document, "email_language": email_language}
        return render(request, "library/document_sent.html", context)


class DocumentUpdateView(FormView):
    """Its contributor (or staff) corrects a draft or rejected contribution and sends it again."""

    form_class = DocumentForm
    template_name = "library/document_form.html"
    document: Document

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = authenticated_user(request)
        self.document = selectors.document_get_to_edit(user=user, pk=kwargs["pk"])
        if self.document.status not in services.EDITABLE_STATUSES:
            messages.warning(request, services.NotEditable.message)
            return HttpResponseRedirect(self.document.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"document": self.document}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"document": self.document}

    def form_valid(self, form: DocumentForm) -> HttpResponse:
        user = authenticated_user(self.request)
        try:
            services.document_resubmit(
                document=self.document,
                by=user,
                changes=form.description(),
                uploaded_file=form.cleaned_data.get("file") or None,
            )
        except (services.DuplicateDocument, ValidationError) as exc:
            _add_upload_error(form, user, exc)
            return self.form_invalid(form)
        except services.NotEditable as exc:
            # Decided by staff while the form was open.
            messages.warning(self.request, exc.message)
            return HttpResponseRedirect(self.document.get_absolute_url())
        except NotAllowed as exc:
            raise Http404 from exc
        return redirect("library:document-sent", pk=self.document.pk)

    def form_invalid(self, form: DocumentForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class DocumentMineView(ListView):
    template_name = "library/document_mine.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_queryset(self) -> Any:
        self.filter_form = ContributionFilterForm(self.request.GET)
        status = self.filter_form.cleaned_data["status"] if self.filter_form.is_valid() else ""
        return selectors.document_list_contributed(
            user=authenticated_user(self.request), status=status
        )

    def paginate_queryset(self, queryset: Any, page_size: int) -> Any:
        # A page number past the end (or not a number) shows the nearest page, not a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        page = context["page_obj"]
        return context | {
            "filter_form": self.filter_form,
            "base_query": query.urlencode(),
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "editable_statuses": services.EDITABLE_STATUSES,
        }
