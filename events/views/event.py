"""The event page, registration, a member's events and the calendar files: thin views over
events.selectors and events.services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from events import selectors
from events.calendar_files import calendar_bytes
from events.forms import RegistrationForm
from events.models import Registration
from events.services import feeds
from events.services.registrations import registration_cancel, registration_create
from hub.bidi import isolate
from hub.errors import HubError
from hub.http import authenticated_user
from hub.services.email import site_url
from hub.translated import in_reader_language

if TYPE_CHECKING:
    from django.http import HttpRequest

    from events.models import Event

Status = Registration.Status


def _link(event: Event) -> str:
    return site_url("events:event-detail", slug=event.slug)


def _calendar_response(body: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class EventDetailView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        page = selectors.event_page(user=user, slug=slug)
        return render(request, "events/event_detail.html", {"page": page, "event": page.event})


class RegistrationCreateView(View):
    def _page(
        self,
        request: HttpRequest,
        event: Event,
        form: RegistrationForm,
        *,
        status: int = 200,
        refusal: str = "",
    ) -> HttpResponse:
        user = authenticated_user(request)
        context = {
            "event": event,
            "title": in_reader_language(event, "title"),
            "form": form,
            "state": selectors.registration_state(event=event, user=user),
            "refusal": refusal,
        }
        return render(request, "events/registration_form.html", context, status=status)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        event = selectors.event_get_for_user(user=user, slug=slug)
        form = RegistrationForm(questions=selectors.event_questions(event=event))
        return self._page(request, event, form)

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        event = selectors.event_get_for_user(user=user, slug=slug)
        form = RegistrationForm(request.POST, questions=selectors.event_questions(event=event))
        if not form.is_valid():
            return self._page(request, event, form, status=400)
        try:
            registration = registration_create(event=event, by=user, answers=form.answers())
        except ValidationError as exc:
            for error in exc.error_list:
                form.add_error(None, error)
            return self._page(request, event, form, status=400)
        except HubError as exc:
            return self._page(request, event, form, status=409, refusal=str(exc.message))
        title = isolate(in_reader_language(event, "title"))
        if registration.status == Status.CONFIRMED:
            text = _("You are registered for %(event)s: your place is confirmed.")
        elif registration.status == Status.WAITLISTED:
            text = _(
                "%(event)s is full: you are on the waiting list, and will be told if a "
                "place frees up."
            )
        else:
            text = _("Your registration for %(event)s is awaiting approval by SCN staff.")
        messages.success(request, text % {"event": title})
        return redirect("events:event-detail", slug=event.slug)


class RegistrationCancelView(View):
    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        event = selectors.event_get_for_user(user=user, slug=slug)
        registration = selectors.active_registration(event=event, user=user)
        if registration is None:
            messages.info(request, _("You have no registration to cancel for this event."))
            return redirect("events:event-detail", slug=event.slug)
        try:
            registration_cancel(registration=registration, by=user)
        except HubError as exc:
            messages.error(request, str(exc.message))
            return redirect("events:event-detail", slug=event.slug)
        messages.success(
            request,
            _("Your registration for %(event)s is cancelled.")
            % {"event": isolate(in_reader_language(event, "title"))},
        )
        return redirect("events:event-detail", slug=event.slug)


class EventIcsView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        event = selectors.event_get_for_user(user=user, slug=slug)
        if event.starts_at is None:
            raise Http404
        registration = selectors.active_registration(event=event, user=user)
        online = (
            {event.pk: event.online_url}
            if event.online_url and registration and registration.status == Status.CONFIRMED
            else {}
        )
        body = calendar_bytes(
            [event],
            language=translation.get_language() or "en",
            link=_link,
            online_urls=online,
        )
        return _calendar_response(body, f"{slugify(event.slug)[:80] or 'event'}.ics")


class MyEventsView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user = authenticated_user(request)
        token = feeds.feed_token_of(user=user)
        context = {
            "mine": selectors.my_events(user=user),
            "feed_url": site_url("events:feed", token=token) if token else "",
        }
        return render(request, "events/my_events.html", context)


class FeedTokenRegenerateView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        user = authenticated_user(request)
        had = feeds.feed_token_of(user=user) is not None
        feeds.feed_token_regenerate(user=user)
        messages.success(
            request,
            _("Your calendar feed has a new address: the old one no longer works.")
            if had
            else _("Your calendar feed is ready: add its address to your calendar."),
        )
        return redirect("events:my-events")


class FeedTokenRevokeView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        user = authenticated_user(request)
        feeds.feed_token_revoke(user=user)
        messages.success(
            request, _("Your calendar feed is turned off: its address no longer works.")
        )
        return redirect("events:my-events")


@method_decorator(login_not_required, name="dispatch")
class FeedView(View):
    """A member's calendar: public, opened by the secret token alone. A wrong, revoked or
    malformed token is a plain 404 that says nothing about why."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        user = feeds.feed_user_for_token(token)
        if user is None:
            raise Http404
        registrations = selectors.feed_registrations(user=user)
        language = user.language or "en"
        events, online = [], {}
        with translation.override(language):
            for registration in registrations:
                event = registration.event
                if registration.status == Status.CONFIRMED:
                    if event.online_url:
                        online[event.pk] = event.online_url
                else:
                    # The calendar says which events are not confirmed yet.
                    event.title = _("%(title)s (%(status)s)") % {
                        "title": event.title,
                        "status": registration.get_status_display(),
                    }
                events.append(event)
            name = _("My SCN events")
            body = calendar_bytes(
                events, language=language, link=_link, name=name, online_urls=online
            )
        return _calendar_response(body, "scn-events.ics", attachment=False)
