"""The profile editor: the draft's overview, a form per part in any of the three languages, the
submission, and the editors the focal point names. Only the city's editors reach these pages
(anyone else: 404; anonymous visitors: the login page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from cityprofiles import drafts, drafts_diff
from cityprofiles.forms_editing import (
    ChallengeForm,
    DraftPartForm,
    EditorsForm,
    NetworkForm,
    PracticeForm,
    ProfileForm,
    language_name,
)
from cityprofiles.models import CityProfile, ProfileDraft
from cityprofiles.permissions import can_edit_profile, can_name_editors
from cityprofiles.services import editing as services
from hub.errors import NotAllowed
from hub.http import authenticated_user
from hub.models import City

if TYPE_CHECKING:
    from django.http import HttpRequest

    from hub.models import User


def _city_to_edit(request: HttpRequest, slug: str) -> tuple[User, City]:
    """The user and the city whose profile they edit; 404 unless they are one of its editors."""
    user = authenticated_user(request)
    city = City.objects.filter(slug=slug).first()
    if city is None or not can_edit_profile(user, city):
        raise Http404
    return user, city


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang") or translation.get_language() or "en"
    return wanted if wanted in drafts.LANGUAGES else "en"


def city_page_url(city: City) -> str:
    """The published city page (built by the city page's own module, when it is there)."""
    try:
        return reverse("cityprofiles:city", kwargs={"slug": city.slug})
    except NoReverseMatch:
        return f"/{translation.get_language() or 'en'}/cities/{city.slug}/"


def _overview_url(city: City) -> str:
    return reverse("cityprofiles:draft-detail", kwargs={"slug": city.slug})


def _overview(
    request: HttpRequest,
    user: User,
    city: City,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    draft = services.draft_peek(city=city)
    content = draft.content
    changes = drafts_diff.diff(drafts.content_of_published(city), content, viewer=user)
    for change in changes:
        change["change_label"] = drafts_diff.change_label(change["change"])
    network = content["network"]
    context = {
        "city": city,
        "draft": draft,
        "changes": changes,
        "error": error,
        "profile_overview": drafts.shown_text(content["profile"], "overview"),
        "challenges": [
            {"key": c["key"], "text": drafts.shown_text(c, "text")} for c in content["challenges"]
        ],
        "network": None if network is None else {"name": drafts.shown_text(network, "name")},
        "practices": [
            {"key": p["key"], "title": drafts.shown_text(p, "title")} for p in content["practices"]
        ],
        "is_submitted": draft.state == ProfileDraft.State.SUBMITTED,
        "can_name_editors": can_name_editors(user, city),
        "city_url": city_page_url(city),
        "published_at": CityProfile.objects.filter(city=city)
        .values_list("published_at", flat=True)
        .first(),
        "max_challenges": services.MAX_CHALLENGES,
        "max_practices": services.MAX_PRACTICES,
    }
    return render(request, "cityprofiles/draft_detail.html", context, status=status)


class DraftDetailView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user, city = _city_to_edit(request, slug)
        return _overview(request, user, city)


class DraftPartView(View):
    """A form for one part of the draft (GET shows it, POST saves it through draft_save)."""

    form_class: ClassVar[type[DraftPartForm]]
    part: ClassVar[str]
    keyed: ClassVar[bool] = False
    title: ClassVar[str]
    needs_user: ClassVar[bool] = True

    def item(self, draft: ProfileDraft, key: str | None) -> dict[str, Any]:
        content = draft.content
        if self.part == "profile":
            return dict(content["profile"])
        if self.part == "network":
            return dict(content["network"] or drafts.empty_network())
        items = content[f"{self.part}s"]
        if key is None:
            empty = (
                drafts.empty_challenge() if self.part == "challenge" else drafts.empty_practice()
            )
            return empty
        for item in items:
            if item["key"] == key:
                return dict(item)
        raise Http404

    def make_form(
        self, request: HttpRequest, user: User, city: City, draft: ProfileDraft, key: str | None
    ) -> DraftPartForm:
        language = _language(request)
        item = self.item(draft, key)
        if (
            key is None
            and self.part in ("challenge", "practice", "network")
            and not any(
                item.get(f"{name}_{code}")
                for name in self.form_class.texts
                for code in drafts.LANGUAGES
            )
        ):
            item["source_language"] = language
        kwargs: dict[str, Any] = {"language": language, "item": item}
        if self.form_class in (ProfileForm, NetworkForm, PracticeForm):
            kwargs |= {"user": user, "city": city}
        data = request.POST if request.method == "POST" else None
        return self.form_class(data, initial={"version": draft.version}, **kwargs)

    def render_form(
        self,
        request: HttpRequest,
        city: City,
        draft: ProfileDraft,
        form: DraftPartForm,
        key: str | None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "city": city,
            "draft": draft,
            "form": form,
            "key": key,
            "part": self.part,
            "title": self.heading(key),
            "language": form.language,
            "language_name": language_name(form.language),
            "languages": [(code, language_name(code)) for code in drafts.LANGUAGES],
            "overview_url": _overview_url(city),
            "remove_url": self.remove_url(city, key),
        }
        return render(request, "cityprofiles/draft_form.html", context, status=status)

    def heading(self, key: str | None) -> str:
        return self.title

    def remove_url(self, city: City, key: str | None) -> str:
        return ""

    def get(self, request: HttpRequest, slug: str, key: Any = None) -> HttpResponse:
        user, city = _city_to_edit(request, slug)
        key = str(key) if key is not None else None
        draft = services.draft_peek(city=city)
        if draft.state == ProfileDraft.State.SUBMITTED:
            messages.warning(request, str(services.DraftWaiting.message))
            return HttpResponseRedirect(_overview_url(city))
        form = self.make_form(request, user, city, draft, key)
        return self.render_form(request, city, draft, form, key)

    def post(self, request: HttpRequest, slug: str, key: Any = None) -> HttpResponse:
        user, city = _city_to_edit(request, slug)
        key = str(key) if key is not None else None
        draft = services.draft_peek(city=city)
        form = self.make_form(request, user, city, draft, key)
        if not form.is_valid():
            return self.render_form(request, city, draft, form, key, status=400)
        data = form.changes()
        if key is not None:
            data["key"] = key
        try:
            services.draft_save(
                draft=draft,
                by=user,
                part=self.part,
                data=data,
                version=form.cleaned_data["version"],
            )
        except (services.StaleDraft, services.DraftWaiting) as exc:
            form.add_error(None, ValidationError(exc.message, code=exc.code))
            return self.render_form(request, city, draft, form, key, status=409)
        except services.UnknownItem as exc:
            raise Http404 from exc
        except NotAllowed as exc:
            raise Http404 from exc
        except ValidationError as exc:
            _errors_onto(form, exc)
            return self.render_form(request, city, draft, form, key, status=400)
        messages.success(
            request, _("Saved in the draft. Members see it once SCN staff publish it.")
        )
        return HttpResponseRedirect(_overview_url(city))


def _errors_onto(form: DraftPartForm, exc: ValidationError) -> None:
    """Put what the service refused onto the form, each error on its field when it has one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class DraftProfileView(DraftPartView):
    form_class = ProfileForm
    part = "profile"

    def heading(self, key: str | None) -> str:
        return _("The profile")


class DraftChallengeView(DraftPartView):
    form_class = ChallengeForm
    part = "challenge"

    def heading(self, key: str | None) -> str:
        return _("A new challenge") if key is None else _("A challenge")

    def remove_url(self, city: City, key: str | None) -> str:
        if key is None:
            return ""
        return reverse(
            "cityprofiles:draft-challenge-delete", kwargs={"slug": city.slug, "key": key}
        )


class DraftNetworkView(DraftPartView):
    form_class = NetworkForm
    part = "network"

    def heading(self, key: str | None) -> str:
        return _("The local prevention network")

    def remove_url(self, city: City, key: str | None) -> str:
        return reverse("cityprofiles:draft-network-delete", kwargs={"slug": city.slug})


class DraftPracticeView(DraftPartView):
    form_class = PracticeForm
    part = "practice"

    def heading(self, key: str | None) -> str:
        return _("A new practice") if key is None else _("A practice")

    def remove_url(self, city: City, key: str | None) -> str:
        if key is None:
            return ""
        return reverse("cityprofiles:draft-practice-delete", kwargs={"slug": city.slug, "key": key})


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


class _DraftActionView(View):
    """A POST that changes the draft as a whole (removing an item, sending it for review)."""

    items: ClassVar[str] = ""  # the list of the draft the URL's key names an item of

    def act(self, draft: ProfileDraft, user: User, version: int, key: str | None) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, slug: str, key: Any = None) -> HttpResponse:
        user, city = _city_to_edit(request, slug)
        draft = services.draft_peek(city=city)
        if self.items and str(key) not in {item["key"] for item in draft.content[self.items]}:
            raise Http404  # a key the draft does not have: tampered, or removed meanwhile
        version = _version(request)
        if version is None:
            return _overview(
                request, user, city, error=_("Reload the page and try again."), status=400
            )
        try:
            self.act(draft, user, version, str(key) if key is not None else None)
        except (
            services.StaleDraft,
            services.DraftWaiting,
            services.NothingToSubmit,
        ) as exc:
            return _overview(request, user, city, error=str(exc.message), status=409)
        except (services.UnknownItem, NotAllowed) as exc:
            raise Http404 from exc
        messages.success(request, self.message())
        return HttpResponseRedirect(_overview_url(city))

    def message(self) -> str:
        raise NotImplementedError


class DraftChallengeDeleteView(_DraftActionView):
    items = "challenges"

    def act(self, draft: ProfileDraft, user: User, version: int, key: str | None) -> None:
        services.draft_save(
            draft=draft, by=user, part="challenge_remove", data={"key": key}, version=version
        )

    def message(self) -> str:
        return _("The challenge is removed from the draft.")


class DraftNetworkDeleteView(_DraftActionView):
    def act(self, draft: ProfileDraft, user: User, version: int, key: str | None) -> None:
        services.draft_save(draft=draft, by=user, part="network_remove", data={}, version=version)

    def message(self) -> str:
        return _("The network is removed from the draft.")


class DraftPracticeDeleteView(_DraftActionView):
    items = "practices"

    def act(self, draft: ProfileDraft, user: User, version: int, key: str | None) -> None:
        services.draft_save(
            draft=draft, by=user, part="practice_remove", data={"key": key}, version=version
        )

    def message(self) -> str:
        return _("The practice is removed from the draft.")


class DraftSubmitView(_DraftActionView):
    def act(self, draft: ProfileDraft, user: User, version: int, key: str | None) -> None:
        services.draft_submit(draft=draft, by=user, version=version)

    def message(self) -> str:
        return _("Sent to SCN staff for review. You will be told by email when they decide.")


class DraftDiscardView(_DraftActionView):
    def act(self, draft: ProfileDraft, user: User, version: int, key: str | None) -> None:
        services.draft_discard(draft=draft, by=user, version=version)

    def message(self) -> str:
        return _("The draft's changes are discarded: it is the published profile again.")


class DraftEditorsView(View):
    """The focal point names the people of the city who edit the profile with them."""

    def _setup(self, request: HttpRequest, slug: str) -> tuple[User, City]:
        user, city = _city_to_edit(request, slug)
        if not can_name_editors(user, city):
            raise Http404
        return user, city

    def _render(
        self, request: HttpRequest, city: City, form: EditorsForm, status: int = 200
    ) -> HttpResponse:
        context = {
            "city": city,
            "form": form,
            "overview_url": _overview_url(city),
            "editors": [person.name for person in services.draft_editors(city=city)],
        }
        return render(request, "cityprofiles/draft_editors.html", context, status=status)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        _user, city = self._setup(request, slug)
        current = list(
            CityProfile.editors.through.objects.filter(cityprofile__city=city).values_list(
                "user_id", flat=True
            )
        )
        return self._render(request, city, EditorsForm(city=city, initial={"editors": current}))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user, city = self._setup(request, slug)
        form = EditorsForm(request.POST, city=city)
        if not form.is_valid():
            return self._render(request, city, form, status=400)
        try:
            services.editors_set(city=city, by=user, users=form.cleaned_data["editors"])
        except ValidationError as exc:
            form.add_error("editors", exc)
            return self._render(request, city, form, status=400)
        messages.success(request, _("The editors of the profile are saved."))
        return HttpResponseRedirect(_overview_url(city))
