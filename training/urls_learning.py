"""Training's URLs for learners: modules, lessons and the POSTs that record progress (included
by training.urls). One POST route per action; GETs change nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import path

from training.views import learning

if TYPE_CHECKING:
    from django.urls import URLPattern, URLResolver

LESSON = "modules/<slug:slug>/lessons/<int:position>/"
ATTEMPT = LESSON + "quiz/<int:attempt>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", learning.ModuleListView.as_view(), name="module-list"),
    path("modules/<slug:slug>/", learning.ModuleDetailView.as_view(), name="module-detail"),
    path("modules/<slug:slug>/enrol/", learning.EnrolView.as_view(), name="enrol"),
    path(LESSON, learning.LessonDetailView.as_view(), name="lesson-detail"),
    path(LESSON + "done/", learning.LessonDoneView.as_view(), name="lesson-done"),
    path(LESSON + "quiz/start/", learning.QuizStartView.as_view(), name="quiz-start"),
    path(ATTEMPT, learning.AttemptDetailView.as_view(), name="attempt-detail"),
    path(ATTEMPT + "answer/", learning.QuizAnswerView.as_view(), name="quiz-answer"),
    path(ATTEMPT + "submit/", learning.QuizSubmitView.as_view(), name="quiz-submit"),
    path(
        LESSON + "scenario/choose/", learning.ScenarioChooseView.as_view(), name="scenario-choose"
    ),
    path(
        LESSON + "scenario/replay/", learning.ScenarioReplayView.as_view(), name="scenario-replay"
    ),
]
