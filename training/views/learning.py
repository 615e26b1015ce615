"""The learner's pages: the modules, a module, its lessons, and the POSTs that record progress.

Every page is a plain page and every action a plain form (no JavaScript needed); GETs change
nothing. Each action answers with a redirect to where the learner goes next, or, when the
service refuses it (a stale or tampered form), with a page that says why: 409 for a form
the state of things has overtaken, 400 for one that makes no sense, 404 for somebody else's
attempt or play.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from hub.admin_actions import error_text
from hub.errors import HubError, NotAllowed
from hub.http import authenticated_user
from training import selectors, selectors_attempts, selectors_lessons
from training.forms import AnswerForm, ChoiceForm, first_error
from training.models import Lesson
from training.permissions import can_learn
from training.services import progress

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse
    from django.http.response import HttpResponseBase

    from hub.models import User
    from training.lesson_content import LessonContent
    from training.models import Module


def lesson_url(lesson: Lesson, module: Module | None = None) -> str:
    slug = (module or lesson.module).slug
    return reverse("training:lesson-detail", kwargs={"slug": slug, "position": lesson.position})


def video_embed_url(url: str) -> str:
    """`url` when it is an https address of an allowed video host (HUB_TRAINING_VIDEO_HOSTS),
    to embed; "" otherwise (the page then only links to it)."""
    parts = urlsplit(url or "")
    if parts.scheme == "https" and parts.hostname in settings.HUB_TRAINING_VIDEO_HOSTS:
        return url
    return ""


class _LearnerView(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_learn(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def learner(self) -> User:
        return authenticated_user(self.request)


def _refused(
    request: HttpRequest, exc: HubError | ValidationError, back: str, status: int | None = None
) -> HttpResponse:
    """The page of a refused action: what went wrong, in the learner's language, and the way
    back to the lesson as it now is."""
    if status is None:
        status = getattr(exc, "status", 409) if isinstance(exc, HubError) else 400
    context = {"message": error_text(exc), "back_url": back}
    return render(request, "training/refused.html", context, status=status)


def _attempt(
    request: HttpRequest, action: Callable[[], Any], back: str
) -> tuple[Any, HttpResponse | None]:
    """`action()`, or the refusal page when the service refuses it."""
    try:
        return action(), None
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except (HubError, ValidationError) as exc:
        return None, _refused(request, exc, back)


class ModuleListView(_LearnerView):
    def get(self, request: HttpRequest) -> HttpResponse:
        rows = selectors.module_list(user=self.learner)
        return render(request, "training/module_list.html", {"rows": rows})


class ModuleDetailView(_LearnerView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = selectors.module_page(user=self.learner, slug=slug)
        return render(request, "training/module_detail.html", {"page": page, "module": page.module})


class EnrolView(_LearnerView):
    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = self.learner
        module = selectors.module_get(user=user, slug=slug)
        back = reverse("training:module-detail", kwargs={"slug": module.slug})
        enrolment, refused = _attempt(
            request, lambda: progress.enrolment_create(user=user, module=module, by=user), back
        )
        if refused:
            return refused
        messages.success(request, _("You are enrolled. Your progress is kept as you go."))
        return redirect(back)


class LessonDetailView(_LearnerView):
    def get(self, request: HttpRequest, slug: str, position: int) -> HttpResponse:
        page = selectors_lessons.lesson_page(
            user=self.learner, slug=slug, position=position, question=request.GET.get("q")
        )
        context: dict[str, Any] = {"page": page, "module": page.module, "lesson": page.lesson}
        if page.lesson.kind == Lesson.Kind.VIDEO:
            context["embed_url"] = video_embed_url(page.lesson.video_url)
        return render(request, "training/lesson_detail.html", context)


class _LessonActionView(_LearnerView):
    """A POST about one lesson, by its enrolled learner (a first step enrols them)."""

    def setup_lesson(self, slug: str, position: int) -> tuple[Module, Lesson, str]:
        module, lesson = selectors_lessons.lesson_get(
            user=self.learner, slug=slug, position=position
        )
        return module, lesson, lesson_url(lesson, module)

    def enrolment(self, module: Module) -> Any:
        return progress.enrolment_create(user=self.learner, module=module, by=self.learner)


def _after(lesson: Lesson, module: Module) -> str:
    """Where a learner goes once a lesson is done: the next lesson, else the module page."""
    following = (
        Lesson.objects.filter(module=module, position__gt=lesson.position)
        .order_by("position")
        .only("position")
        .first()
    )
    if following is None:
        return reverse("training:module-detail", kwargs={"slug": module.slug})
    return reverse(
        "training:lesson-detail", kwargs={"slug": module.slug, "position": following.position}
    )


class LessonDoneView(_LessonActionView):
    """A reading seen, a video watched, a document read."""

    def post(self, request: HttpRequest, slug: str, position: int) -> HttpResponse:
        module, lesson, back = self.setup_lesson(slug, position)

        def done() -> bool:
            enrolment = self.enrolment(module)
            return progress.lesson_mark_done(enrolment=enrolment, lesson=lesson, by=self.learner)

        _result, refused = _attempt(request, done, back)
        if refused:
            return refused
        messages.success(request, _("Lesson complete."))
        return redirect(_after(lesson, module))


class QuizStartView(_LessonActionView):
    def post(self, request: HttpRequest, slug: str, position: int) -> HttpResponse:
        module, lesson, back = self.setup_lesson(slug, position)
        if lesson.kind != Lesson.Kind.QUIZ or not hasattr(lesson, "quiz"):
            return _refused(request, progress.NotMarkable(_("This lesson is not a quiz.")), back)

        def start() -> Any:
            enrolment = self.enrolment(module)
            return progress.quiz_attempt_start(
                enrolment=enrolment, quiz=lesson.quiz, by=self.learner
            )

        _attempt_row, refused = _attempt(request, start, back)
        return refused or redirect(back)


def _content_url(content: LessonContent) -> str:
    kwargs = {"slug": content.module.slug, "position": content.lesson.position}
    return reverse("training:lesson-detail", kwargs=kwargs)


class QuizAnswerView(_LessonActionView):
    def post(self, request: HttpRequest, slug: str, position: int, attempt: int) -> HttpResponse:
        # The lesson's cached content is enough here: the service reads the learner's attempt
        # at its quiz (anybody else's is a 404) and locks it in one statement, and checks the
        # answer against the quiz's answer key cached under the content's generation.
        content = selectors_lessons.lesson_content_for_user(
            user=self.learner, slug=slug, position=position
        )
        back = _content_url(content)
        quiz = content.lesson.quiz
        attempt_id = selectors_lessons.id_of(attempt)
        form = AnswerForm(request.POST)
        if quiz is None or not form.is_valid():
            # Somebody else's attempt is a 404 whatever they post (as it is below).
            selectors_attempts.attempt_for_user(
                user=self.learner, pk=attempt_id, lesson=content.lesson.pk
            )
            return _refused(request, ValidationError(first_error(form)), back, status=400)
        question_id = form.cleaned_data["question"]
        selectors_attempts.question_exists(pk=question_id, quiz=quiz)
        answer, refused = _attempt(
            request,
            lambda: progress.quiz_answer_own(
                attempt_id=attempt_id,
                quiz_id=quiz.pk,
                question_id=question_id,
                option_ids=form.cleaned_data["option"],
                by=self.learner,
                generation=content.generation,
            ),
            back,
        )
        if refused:
            return refused
        if answer is None:
            raise Http404
        # On to the next question: the page shows the first one not answered yet.
        return redirect(back)


class QuizSubmitView(_LessonActionView):
    def post(self, request: HttpRequest, slug: str, position: int, attempt: int) -> HttpResponse:
        content = selectors_lessons.lesson_content_for_user(
            user=self.learner, slug=slug, position=position
        )
        lesson, back = content.lesson, _content_url(content)
        attempt_id = selectors_lessons.id_of(attempt)
        if lesson.quiz is None:
            raise Http404
        quiz_id = lesson.quiz.pk
        # Only the attempt is read from the request: its score is worked out from the kept
        # answers (anything else posted, a "score" among it, is ignored).
        graded, refused = _attempt(
            request,
            lambda: progress.quiz_attempt_submit_own(
                attempt_id=attempt_id, quiz_id=quiz_id, by=self.learner
            ),
            back,
        )
        if refused:
            return refused
        if graded is None:  # not the learner's attempt, or not at this quiz
            raise Http404
        return redirect(
            reverse(
                "training:attempt-detail",
                kwargs={"slug": slug, "position": lesson.position, "attempt": graded.pk},
            )
        )


class AttemptDetailView(_LearnerView):
    """A submitted attempt's result: score, pass or fail, the feedback of the answers chosen."""

    def get(self, request: HttpRequest, slug: str, position: int, attempt: int) -> HttpResponse:
        module, lesson = selectors_lessons.lesson_get(
            user=self.learner, slug=slug, position=position
        )
        row = selectors_attempts.attempt_for_user(user=self.learner, pk=attempt, lesson=lesson)
        if row.submitted_at is None:
            return redirect(lesson_url(lesson, module))
        page = selectors_lessons.lesson_page(user=self.learner, slug=slug, position=position)
        context = {
            "page": page,
            "module": module,
            "lesson": page.lesson,
            "attempt": row,
            "results": selectors_attempts.attempt_results(attempt=row),
        }
        return render(request, "training/attempt_detail.html", context)


class ScenarioChooseView(_LessonActionView):
    def post(self, request: HttpRequest, slug: str, position: int) -> HttpResponse:
        module, lesson, back = self.setup_lesson(slug, position)
        if lesson.kind != Lesson.Kind.SCENARIO or not hasattr(lesson, "scenario"):
            return _refused(
                request, progress.NotMarkable(_("This lesson is not a scenario.")), back
            )
        form = ChoiceForm(request.POST)
        if not form.is_valid():
            return _refused(request, ValidationError(first_error(form)), back, status=400)
        run_id = form.cleaned_data.get("run")
        run = (
            selectors_attempts.run_for_user(user=self.learner, pk=run_id, lesson=lesson)
            if run_id
            else None
        )

        def choose() -> Any:
            played = run
            if played is None:
                enrolment = self.enrolment(module)
                played = progress.scenario_run_start(
                    enrolment=enrolment, scenario=lesson.scenario, by=self.learner
                )
            return progress.scenario_choose(
                run=played,
                step_id=form.cleaned_data["step"],
                choice_id=form.cleaned_data["choice"],
                by=self.learner,
            )

        _move, refused = _attempt(request, choose, back)
        return refused or redirect(back + "#scenario")


class ScenarioReplayView(_LessonActionView):
    def post(self, request: HttpRequest, slug: str, position: int) -> HttpResponse:
        module, lesson, back = self.setup_lesson(slug, position)
        if lesson.kind != Lesson.Kind.SCENARIO or not hasattr(lesson, "scenario"):
            return _refused(
                request, progress.NotMarkable(_("This lesson is not a scenario.")), back
            )

        def replay() -> Any:
            enrolment = self.enrolment(module)
            return progress.scenario_run_start(
                enrolment=enrolment, scenario=lesson.scenario, by=self.learner, again=True
            )

        _run, refused = _attempt(request, replay, back)
        return refused or redirect(back + "#scenario")
