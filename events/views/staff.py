"""SCN staff's pages of an event: its participants with their answers (and as CSV), attendance
marked after the event, and removing the attendee data early. Anyone else gets a 404 from the
selector, as for a page that does not exist."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from events.selectors_staff import participant_list, staff_event_get
from events.services.attendance import attendance_set
from events.services.attendee_data import attendee_data_remove
from hub.bidi import isolate
from hub.errors import HubError
from hub.http import authenticated_user
from hub.models.accounts import Role
from hub.translated import in_reader_language

if TYPE_CHECKING:
    from django.http import HttpRequest

    from events.selectors_staff import ParticipantList

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): the
# same rule as the training report's CSV.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> Any:
    """`value` as a cell a spreadsheet shows as text (a leading apostrophe before a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _role_labels(roles: list[str]) -> list[str]:
    labels = dict(Role.choices)
    return [str(labels.get(role, role)) for role in roles]


def _page(
    request: HttpRequest, listing: ParticipantList, *, status: int = 200, error: str = ""
) -> HttpResponse:
    rows = [
        {
            "row": row,
            "roles": ", ".join(_role_labels(row.registration.roles)),
            "answers": list(zip(listing.questions, row.answers, strict=True)),
        }
        for row in listing.rows
    ]
    context = {
        "listing": listing,
        "event": listing.event,
        "title": in_reader_language(listing.event, "title"),
        "questions": [in_reader_language(q, "text") for q in listing.questions],
        "rows": rows,
        "error": error,
    }
    return render(request, "events/participant_list.html", context, status=status)


class ParticipantListView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        listing = participant_list(user=authenticated_user(request), slug=slug)
        return _page(request, listing)


class ParticipantCsvView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        listing = participant_list(user=authenticated_user(request), slug=slug)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y-%m-%d")
        response["Content-Disposition"] = (
            f'attachment; filename="participants-{listing.event.slug}-{stamp}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        # A byte-order mark, so spreadsheets read French and Arabic as UTF-8.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Name"),
                _("Email"),
                _("City"),
                _("Roles"),
                _("Status"),
                _("Registered at"),
                _("Attended"),
                *(in_reader_language(q, "text").text for q in listing.questions),
            ]
        )
        yes, no = _("yes"), _("no")
        for row in listing.rows:
            registration = row.registration
            user = registration.user
            attended = "" if registration.attended is None else yes if registration.attended else no
            writer.writerow(
                [
                    csv_cell(value)
                    for value in (
                        user.name if user else "",
                        user.email if user else "",
                        registration.city.name if registration.city else "",
                        ", ".join(_role_labels(registration.roles)),
                        registration.get_status_display(),
                        timezone.localtime(registration.requested_at).strftime("%Y-%m-%d %H:%M"),
                        attended,
                        *row.answers,
                    )
                ]
            )
        return response


class AttendanceSetView(View):
    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        listing = participant_list(user=user, slug=slug)
        raw = request.POST.getlist("attended")
        if not all(value.isascii() and value.isdigit() and len(value) <= 12 for value in raw):
            return _page(
                request,
                listing,
                status=400,
                error=_("Some of the people marked are not confirmed participants of this event."),
            )
        try:
            present = attendance_set(event=listing.event, attended={int(v) for v in raw}, by=user)
        except ValidationError as exc:
            return _page(request, listing, status=400, error=" ".join(exc.messages))
        except HubError as exc:
            return _page(request, listing, status=409, error=str(exc.message))
        messages.success(
            request,
            ngettext(
                "Attendance is saved: %(count)d participant came.",
                "Attendance is saved: %(count)d participants came.",
                present,
            )
            % {"count": present},
        )
        return redirect("events:participants", slug=listing.event.slug)


class AttendeeDataRemoveView(View):
    """A page that asks to confirm (GET), then the removal (POST)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        event = staff_event_get(user=authenticated_user(request), slug=slug)
        context = {"event": event, "title": in_reader_language(event, "title")}
        return render(request, "events/attendee_data_confirm_delete.html", context)

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        event = staff_event_get(user=user, slug=slug)
        removed = attendee_data_remove(event=event, by=user)
        messages.success(
            request,
            ngettext(
                "The attendee data of %(event)s is removed: %(count)d registration anonymised.",
                "The attendee data of %(event)s is removed: %(count)d registrations anonymised.",
                removed,
            )
            % {"count": removed, "event": isolate(in_reader_language(event, "title"))},
        )
        return redirect("events:participants", slug=event.slug)
