"""Views of working groups and their toolkits: parse input, call one selector or service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views import View

from hub.http import authenticated_user, protected_file_response
from library.filenames import attachment_disposition
from training import selectors_toolkits as selectors
from training.models import ToolkitArchive
from training.services import toolkits as services
from training.toolkits import archive_filename, failure_message

if TYPE_CHECKING:
    from django.http import HttpRequest


class WorkingGroupListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user = authenticated_user(request)
        groups = selectors.working_group_list(user=user)
        return render(request, "training/workinggroup_list.html", {"groups": groups})


class ToolkitDetailView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        page = selectors.toolkit_page(user=user, slug=slug)
        return render(request, "training/toolkit_detail.html", {"page": page})


class ToolkitArchiveRequestView(View):
    """POST: ask for the toolkit as one ZIP, in the reader's language (or the one chosen)."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        group = selectors.working_group_get_for_user(user=user, slug=slug)
        toolkit = selectors.toolkit_of(group)
        if toolkit is None:
            raise Http404
        language = request.POST.get("language") or translation.get_language()
        try:
            archive = services.toolkit_archive_request(
                toolkit=toolkit, user=user, language=language
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            page = selectors.toolkit_page(user=user, slug=slug)
            return render(request, "training/toolkit_detail.html", {"page": page}, status=400)
        return redirect("training:toolkit-archive-status", pk=archive.pk)


class ToolkitArchiveStatusView(View):
    """The build's progress, a plain page: a "refresh" link without JavaScript, a small poll
    (static/js/toolkit-archive.js) with it; the download once it is built."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        user = authenticated_user(request)
        archive = selectors.toolkit_archive_get_for_user(user=user, pk=pk)
        toolkit = archive.toolkit
        context = {
            "archive": archive,
            "group": toolkit.working_group,
            "is_outdated": archive.version != toolkit.version,
            "failure": failure_message(archive.failure_reason)
            if archive.status == ToolkitArchive.Status.FAILED
            else "",
            "is_working": archive.status
            in {ToolkitArchive.Status.PENDING, ToolkitArchive.Status.BUILDING},
        }
        response = render(request, "training/toolkit_archive.html", context)
        response["Cache-Control"] = "private, no-store"
        return response


class ToolkitArchiveDownloadView(View):
    """The ZIP, for a reader whose access key is the archive's now (checked on every request):
    404 for anyone else, for an archive not built, or one of an older version."""

    def get(self, request: HttpRequest, pk: str) -> HttpResponse | FileResponse:
        user = authenticated_user(request)
        archive = selectors.toolkit_archive_get_for_user(user=user, pk=pk)
        if (
            archive.status != ToolkitArchive.Status.DONE
            or not archive.file
            or archive.version != archive.toolkit.version
        ):
            raise Http404
        response = protected_file_response(archive.file, content_type="application/zip")
        with translation.override(archive.language):
            name = archive_filename(str(archive.toolkit.working_group.name))
        response["Content-Disposition"] = attachment_disposition(name)
        response["Cache-Control"] = "private, no-store"
        return response
