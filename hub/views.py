"""Views of the core app: parse input, call one selector or service, render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from hub import home, selectors, services
from hub.bidi import isolate
from hub.errors import HubError
from hub.forms import AccessRequestForm, AccessRequestRejectForm, LanguageForm, ProfileForm
from hub.health import health_status
from hub.http import authenticated_user, set_language_cookie, translate_url_and_next
from hub.models import AccessRequest
from hub.permissions import can_decide_access_request, can_review_access_requests
from hub.search import clean_query

if TYPE_CHECKING:
    from django.http.response import HttpResponseBase


class HomeView(TemplateView):
    template_name = "hub/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = authenticated_user(self.request)
        panels = home.home_panels(user=user, request=self.request)
        return super().get_context_data(**kwargs) | {"panels": panels}


class SearchView(TemplateView):
    template_name = "hub/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.get("q", "")
        results = selectors.taxonomy_search(query=query)
        return super().get_context_data(**kwargs) | {
            "query": clean_query(query, limit=selectors.MAX_QUERY_LENGTH),
            **results,
        }


@method_decorator(login_not_required, name="dispatch")
class AccessRequestCreateView(FormView):
    form_class = AccessRequestForm
    template_name = "hub/accessrequest_form.html"
    success_url = reverse_lazy("hub:accessrequest-sent")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return HttpResponseRedirect(reverse("hub:home"))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not ratelimit.consume(request, action="request_access"):
            return render(request, "429.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AccessRequestForm) -> HttpResponse:
        try:
            services.access_request_create(
                **form.cleaned_data, language=translation.get_language(), request=self.request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return super().form_valid(form)

    def form_invalid(self, form: AccessRequestForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@method_decorator(login_not_required, name="dispatch")
class AccessRequestSentView(TemplateView):
    template_name = "hub/accessrequest_sent.html"


class ReviewerRequiredMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_review_access_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class AccessRequestListView(ReviewerRequiredMixin, ListView):
    template_name = "hub/accessrequest_list.html"
    context_object_name = "access_requests"
    paginate_by = 50

    def get_queryset(self) -> Any:
        qs = selectors.access_request_list_for_user(user=authenticated_user(self.request))
        self.show = "decided" if self.request.GET.get("show") == "decided" else "pending"
        if self.show == "pending":
            return qs.pending().order_by("created_at")
        return qs.exclude(status=AccessRequest.Status.PENDING).order_by("-decided_at")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"show": self.show}


class AccessRequestDetailView(ReviewerRequiredMixin, View):
    template_name = "hub/accessrequest_detail.html"

    def get(self, request: HttpRequest, pk: str) -> HttpResponse:
        access_request = selectors.access_request_get_for_user(
            user=authenticated_user(request), pk=pk
        )
        return self.render(request, access_request, AccessRequestRejectForm())

    def render(
        self,
        request: HttpRequest,
        access_request: AccessRequest,
        reject_form: AccessRequestRejectForm,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "access_request": access_request,
            "reject_form": reject_form,
            "can_decide": access_request.is_pending
            and can_decide_access_request(request.user, access_request),
        }
        return render(request, self.template_name, context, status=status)


class AccessRequestApproveView(ReviewerRequiredMixin, View):
    def post(self, request: HttpRequest, pk: str) -> HttpResponse:
        access_request = selectors.access_request_get_for_user(
            user=authenticated_user(request), pk=pk
        )
        try:
            user = services.access_request_approve(
                access_request=access_request, by=authenticated_user(request), request=request
            )
        except (HubError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
            return HttpResponseRedirect(
                reverse("hub:accessrequest-detail", kwargs={"pk": access_request.pk})
            )
        messages.success(
            request,
            _("%(name)s now has an account and has been emailed a link to set a password.")
            % {"name": isolate(user.name)},
        )
        return HttpResponseRedirect(reverse("hub:accessrequest-list"))


class AccessRequestRejectView(ReviewerRequiredMixin, View):
    def post(self, request: HttpRequest, pk: str) -> HttpResponse:
        access_request = selectors.access_request_get_for_user(
            user=authenticated_user(request), pk=pk
        )
        form = AccessRequestRejectForm(request.POST)
        if not form.is_valid():
            return AccessRequestDetailView().render(request, access_request, form, status=400)
        try:
            services.access_request_reject(
                access_request=access_request,
                by=authenticated_user(request),
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except (HubError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
            return HttpResponseRedirect(
                reverse("hub:accessrequest-detail", kwargs={"pk": access_request.pk})
            )
        messages.success(
            request,
            _("The request from %(name)s was rejected and they have been told why.")
            % {"name": isolate(access_request.name)},
        )
        return HttpResponseRedirect(reverse("hub:accessrequest-list"))


def _error_text(exc: HubError | ValidationError) -> str:
    if isinstance(exc, HubError):
        return str(exc.message)
    return " ".join(str(m) for m in exc.messages)


class ProfileView(FormView):
    form_class = ProfileForm
    template_name = "hub/profile_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"instance": self.request.user}

    def form_valid(self, form: ProfileForm) -> HttpResponse:
        user = services.user_update_profile(
            user=authenticated_user(self.request),
            name=form.cleaned_data["name"],
            language=form.cleaned_data["language"],
            organisation=form.cleaned_data["organisation"],
            time_zone=form.cleaned_data["time_zone"],
        )
        with translation.override(user.language):
            messages.success(self.request, _("Your profile has been saved."))
            url = reverse("hub:profile")
        response = HttpResponseRedirect(url)
        set_language_cookie(response, user.language)
        return response

    def form_invalid(self, form: ProfileForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@method_decorator(login_not_required, name="dispatch")
class LanguageSetView(View):
    """Switch language and stay on the same page; a member's choice is kept on their profile."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = LanguageForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("Unknown language."), status=400, content_type="text/plain")
        language = form.cleaned_data["language"]
        next_url = form.cleaned_data["next"] or request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("hub:home")
        if request.user.is_authenticated:
            services.user_set_language(user=authenticated_user(request), language=language)
        response = HttpResponseRedirect(translate_url_and_next(next_url, language))
        set_language_cookie(response, language)
        return response


@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    """The state of the database, Redis and the Celery workers, and nothing else."""
    status = health_status()
    return JsonResponse(status, status=200 if all(v == "ok" for v in status.values()) else 503)
