"""The introduction pages of members: ask, follow one's requests, answer an offer.

Each party sees only their own side: a request is its requester's, an offer its current
counterpart's (anyone else gets a 404), and before the introduction is made neither page names
the other person (the templates show the other side's city and role only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from cityprofiles import selectors_introductions as selectors
from cityprofiles.forms_introductions import (
    DelegateForm,
    FollowUpForm,
    IntroductionRequestForm,
    ReasonForm,
)
from cityprofiles.models import ContactPolicy, Introduction
from cityprofiles.permissions import is_focal_point_of, is_member
from cityprofiles.services import introductions as services
from hub.admin_actions import error_text
from hub.errors import HubError, NotAllowed
from hub.http import authenticated_user

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse
    from django.http.response import HttpResponseBase

    from hub.models import User

T = TypeVar("T")


def _attempt(
    request: HttpRequest,
    action: Callable[[], T],
    done: str,
    refused: Callable[[HubError | ValidationError], object],
) -> T | None:
    """`action()`, then the `done` message; None after `refused(error)` when the service
    refuses. NotAllowed is a 403."""
    try:
        result = action()
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except (HubError, ValidationError) as exc:
        refused(exc)
        return None
    messages.success(request, done)
    return result


def _submit(
    request: HttpRequest, form: Any, action: Callable[[dict[str, Any]], T], done: str
) -> T | None:
    """`action(cleaned_data)` when the form is valid (see _attempt); the service's refusal is
    put on the form."""
    if not form.is_valid():
        return None
    return _attempt(
        request,
        lambda: action(form.cleaned_data),
        done,
        lambda exc: form.add_error(
            None, ValidationError(error_text(exc), code=getattr(exc, "code", None))
        ),
    )


class _MemberView(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_member(request.user):
            # SCN staff broker introductions in the admin; they do not ask for them.
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IntroductionCreateView(_MemberView):
    """`?city=<slug>` or `?practice=<key>`: what the member wants to learn, and from whom."""

    template_name = "cityprofiles/introduction_form.html"

    def _target(self, params: Any) -> dict[str, Any]:
        """The city (and practice) asked, from the query or the form; `error` if none."""
        practice_key, slug = params.get("practice", ""), params.get("city", "")
        if practice_key:
            practice = selectors.introduction_target_practice(key=practice_key)
            if practice is None:
                return {"error": _("This practice was not found. Go back to the city's page.")}
            city = practice.profile.city
            return {"city": city, "practice": practice, "policy": practice.profile.contact_policy}
        if slug:
            found = selectors.introduction_target_city(slug=slug)
            if found is None:
                return {"error": _("This city was not found. Choose it from the directory.")}
            city, policy = found
            return {"city": city, "practice": None, "policy": policy}
        return {"error": _("Choose the city you would like to be put in touch with.")}

    def _render(
        self, request: HttpRequest, target: dict[str, Any], form: Any, status: int = 200
    ) -> HttpResponse:
        user = authenticated_user(request)
        refusal = target.get("error", "")
        city = target.get("city")
        if not refusal and city is not None:
            if city.pk == user.city_id:
                refusal = str(services.OwnCity.message)
            elif target["policy"] == ContactPolicy.PAUSED:
                refusal = str(services.ContactPaused.message)
        open_count = selectors.introduction_open_count(user=user)
        context = {
            "target": target,
            "refusal": refusal,
            "form": form,
            "open_count": open_count,
            "at_limit": open_count >= settings.HUB_INTRODUCTION_MAX_OPEN,
        }
        if refusal and status == 200:
            status = 400 if city is None or city.pk == user.city_id else 200
        return render(request, self.template_name, context, status=status)

    def _form(self, target: dict[str, Any], data: Any = None) -> IntroductionRequestForm:
        practices = None
        if (
            target.get("city") is not None
            and target.get("practice") is None
            and target["policy"] == ContactPolicy.PRACTICES
        ):
            practices = selectors.introduction_practices_of(city=target["city"])
        return IntroductionRequestForm(data, practices=practices)

    def get(self, request: HttpRequest) -> HttpResponse:
        target = self._target(request.GET)
        return self._render(request, target, self._form(target))

    def post(self, request: HttpRequest) -> HttpResponse:
        user = authenticated_user(request)
        target = self._target(request.POST)
        form = self._form(target, request.POST)
        if "error" in target:
            return self._render(request, target, form, status=400)
        introduction = _submit(
            request,
            form,
            lambda data: services.introduction_request(
                by=user,
                city=target["city"],
                practice=target["practice"] or data.get("practice"),
                message=data["message"],
            ),
            _("Your request is sent to SCN staff. You will be told by email what happens."),
        )
        if introduction is not None:
            return redirect("cityprofiles:introduction-detail", pk=introduction.pk)
        return self._render(request, target, form, status=400)


class IntroductionListView(_MemberView):
    """My introductions: the requests I made and the offers forwarded to me."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = authenticated_user(request)
        context = {
            "asked": selectors.introduction_list_asked(user=user)[:100],
            "offered": selectors.introduction_list_offered(user=user)[:100],
        }
        return render(request, "cityprofiles/introduction_list.html", context)


class IntroductionDetailView(_MemberView):
    """The requester's page of one request: where it stands, and Withdraw while open."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_asked(user=user, pk=pk)
        return render(
            request, "cityprofiles/introduction_detail.html", {"introduction": introduction}
        )


def _act(
    request: HttpRequest, introduction: Introduction, action: Any, done: str, back: str
) -> HttpResponse:
    """A button's POST (see _attempt): the service's refusal is a message; back to `back`."""
    _attempt(request, action, done, lambda exc: messages.error(request, error_text(exc)))
    return HttpResponseRedirect(reverse(back, kwargs={"pk": introduction.pk}))


class IntroductionWithdrawView(_MemberView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_asked(user=user, pk=pk)
        return _act(
            request,
            introduction,
            lambda: services.introduction_withdraw(introduction=introduction, by=user),
            _("You withdrew your request."),
            "cityprofiles:introduction-detail",
        )


class IntroductionOfferView(_MemberView):
    """The counterpart's page of a request forwarded to them: accept, decline, or (a focal
    point) pass it to a colleague."""

    def _context(self, user: User, introduction: Introduction, **forms: Any) -> dict[str, Any]:
        can_delegate = introduction.status == Introduction.Status.FORWARDED and is_focal_point_of(
            user, introduction.city
        )
        return {
            "introduction": introduction,
            "reason_form": forms.get("reason_form") or ReasonForm(auto_id="decline-%s"),
            "delegate_form": (
                forms.get("delegate_form")
                or DelegateForm(
                    colleagues=selectors.introduction_colleagues(
                        introduction=introduction, user=user
                    )
                )
            )
            if can_delegate
            else None,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_offered(user=user, pk=pk)
        return render(
            request, "cityprofiles/introduction_offer.html", self._context(user, introduction)
        )


class IntroductionAcceptView(_MemberView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_offered(user=user, pk=pk)
        return _act(
            request,
            introduction,
            lambda: services.introduction_accept(introduction=introduction, by=user),
            _("You are introduced: both of you receive an email with the other's details."),
            "cityprofiles:introduction-offer",
        )


class _OfferFormView(IntroductionOfferView):
    """A form of the offer's page, posted to a route of its own."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        # Where the form's page was (re)loaded after an error: back to the offer, if theirs.
        introduction = selectors.introduction_get_offered(user=authenticated_user(request), pk=pk)
        return HttpResponseRedirect(
            reverse("cityprofiles:introduction-offer", kwargs={"pk": introduction.pk})
        )


class IntroductionDeclineView(_OfferFormView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_offered(user=user, pk=pk)
        form = ReasonForm(request.POST, auto_id="decline-%s")
        if _submit(
            request,
            form,
            lambda data: services.introduction_decline(
                introduction=introduction, by=user, reason=data["reason"]
            ),
            _("You declined the request; the person who asked is told."),
        ):
            return redirect("cityprofiles:introduction-offer", pk=introduction.pk)
        context = self._context(user, introduction, reason_form=form)
        return render(request, "cityprofiles/introduction_offer.html", context, status=400)


class IntroductionDelegateView(_OfferFormView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_offered(user=user, pk=pk)
        if not is_focal_point_of(user, introduction.city):
            raise PermissionDenied
        colleagues = selectors.introduction_colleagues(introduction=introduction, user=user)
        form = DelegateForm(request.POST, colleagues=colleagues)
        if _submit(
            request,
            form,
            lambda data: services.introduction_delegate(
                introduction=introduction, by=user, colleague=data["colleague"]
            ),
            _("You passed the request to your colleague."),
        ):
            return redirect("cityprofiles:introduction-list")
        context = self._context(user, introduction, delegate_form=form)
        return render(request, "cityprofiles/introduction_offer.html", context, status=400)


class IntroductionFollowUpView(_MemberView):
    """Either side says whether the introduction helped, and what came of it."""

    template_name = "cityprofiles/introduction_follow_up.html"

    def _initial(self, user: User, introduction: Introduction) -> dict[str, Any]:
        if user.pk == introduction.requester_id:
            helped, outcome = introduction.requester_helped, introduction.requester_outcome
        else:
            helped, outcome = introduction.counterpart_helped, introduction.counterpart_outcome
        if helped is None:
            return {}
        return {"helped": "yes" if helped else "no", "outcome": outcome}

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_for_follow_up(user=user, pk=pk)
        form = FollowUpForm(initial=self._initial(user, introduction))
        return render(request, self.template_name, {"introduction": introduction, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)
        introduction = selectors.introduction_get_for_follow_up(user=user, pk=pk)
        form = FollowUpForm(request.POST)
        if _submit(
            request,
            form,
            lambda data: services.introduction_follow_up_answer(
                introduction=introduction, by=user, helped=data["helped"], outcome=data["outcome"]
            ),
            _("Thank you: your answer is recorded."),
        ):
            return redirect("cityprofiles:introduction-list")
        context = {"introduction": introduction, "form": form}
        return render(request, self.template_name, context, status=400)
