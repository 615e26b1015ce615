"""`python -m bench.training_lessons`: server time of the lesson pages and of a quiz answer and
submission (issue 13, item 12: p95 ≤ 30 ms with 10,000 learners and 50 modules).

The whole request as a learner makes it (middleware, selectors, services, template), through
Django's test client in this process, on a database of `--learners` learners and `--modules`
published modules (a reading, a video, a quiz of five questions and a scenario each) with
their progress: each learner enrolled in `--per-learner` modules, with completed lessons,
submitted quiz attempts and their answers, and scenario plays with their moves. Seeding is done
once (idempotent: a second run finds the rows and measures). Each of `--rounds` rounds measures
a reference first — a trivial page of the same stack (the "access request sent" page) and a raw
`SELECT 1` — then the pages, so that the machine's load at that moment is seen in the same run.
Not part of the test suite.

    .venv/bin/python -m bench.training_lessons --database scn_hub_training_bench

It uses its own database (`--database`, created and migrated if missing), never the development
one, and a Redis database of its own (`--redis`).
"""

# ruff: noqa: S311  (reproducible synthetic data)
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")

from bench.library_search.common import (  # noqa: E402
    BENCH_DIR,
    DEFAULT_DSN,
    OUT_DIR,
    ensure_database,
    error,
    log,
    migrate_and_load,
    run_facts,
    setup_django,
)

TARGET_P95_MS = 30.0
MARKER = "bench-training-"  # the slug prefix of every seeded module
LEARNER_EMAIL = "bench-learner-{}@training.example"
QUESTIONS = 5


def _p(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return round(ordered[max(0, int(len(ordered) * share + 0.5) - 1)], 2)


def _summary(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": _p(times, 0.95),
        "max_ms": round(max(times), 2),
    }


def _tr(name: str, text: str) -> dict[str, str]:
    return {f"{name}_en": text, f"{name}_fr": f"{text} (fr)", f"{name}_ar": f"{text} (ar)"}


def _seed_modules(count: int) -> list[Any]:
    from training.models import Choice, Lesson, Module, Option, Question, Quiz, Scenario, Step

    modules = []
    body = "<p>" + "Listening first builds the trust that prevention needs. " * 60 + "</p>"
    for index in range(count):
        module = Module.objects.create(
            slug=f"{MARKER}{index:02d}",
            is_published=True,
            position=index,
            estimated_minutes=40,
            **_tr("title", f"Bench module {index}"),
            **_tr("summary", "What practitioners learn, in four lessons."),
        )
        Lesson.objects.create(
            module=module, position=1, kind=Lesson.Kind.READING, **_tr("title", "Read"),
            **_tr("body", body),
        )  # fmt: skip
        Lesson.objects.create(
            module=module, position=2, kind=Lesson.Kind.VIDEO, **_tr("title", "Watch"),
            video_url="https://player.vimeo.com/video/1", **_tr("transcript", "Words. " * 300),
        )  # fmt: skip
        quiz_lesson = Lesson.objects.create(
            module=module, position=3, kind=Lesson.Kind.QUIZ, **_tr("title", "Check")
        )
        quiz = Quiz.objects.create(lesson=quiz_lesson, pass_mark=60, max_attempts=30000)
        for q in range(QUESTIONS):
            question = Question.objects.create(
                quiz=quiz, position=q + 1, kind=Question.Kind.SINGLE, **_tr("text", f"Q{q}?")
            )
            for o in range(4):
                Option.objects.create(
                    question=question, position=o + 1, is_correct=o == 0,
                    **_tr("text", f"Answer {o}"), **_tr("feedback", f"Because {o}."),
                )  # fmt: skip
        scenario_lesson = Lesson.objects.create(
            module=module, position=4, kind=Lesson.Kind.SCENARIO, **_tr("title", "Decide")
        )
        scenario = Scenario.objects.create(lesson=scenario_lesson)
        steps = [
            Step.objects.create(
                scenario=scenario, key=f"s{s}", position=s, **_tr("situation", f"Situation {s}.")
            )
            for s in range(3)
        ]
        good = Step.objects.create(
            scenario=scenario, key="good", position=9, is_ending=True, outcome="good",
            **_tr("situation", "It went well."), **_tr("debrief", "Why it went well."),
        )  # fmt: skip
        for s, step in enumerate(steps):
            following = steps[s + 1] if s + 1 < len(steps) else good
            Choice.objects.create(
                step=step, position=1, leads_to=following, score=2, **_tr("text", "Talk")
            )
            Choice.objects.create(
                step=step, position=2, leads_to=following, score=0, **_tr("text", "Wait")
            )
        scenario.start = steps[0]
        scenario.save(update_fields=["start"])
        modules.append(module)
    return modules


def _seed(learners: int, module_count: int, per_learner: int, seed: int) -> dict[str, Any]:
    """Learners, modules and progress, once; bulk-written as the services leave them."""
    from django.db import connection, transaction
    from django.utils import timezone

    from hub.models import City, User
    from hub.models.accounts import Role
    from training.models import (
        Choice,
        Enrolment,
        Lesson,
        LessonCompletion,
        Module,
        Option,
        QuizAnswer,
        QuizAttempt,
        ScenarioMove,
        ScenarioRun,
    )

    if Enrolment.objects.filter(module__slug__startswith=MARKER).count() >= learners * per_learner:
        return {"seeded": False}
    if Module.objects.filter(slug__startswith=MARKER).exists():
        raise SystemExit("A seeding was interrupted: drop the database and run again.")
    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        modules = _seed_modules(module_count)
    with transaction.atomic():
        cities = list(City.objects.values_list("pk", flat=True))
        User.objects.bulk_create(
            [
                User(
                    email=LEARNER_EMAIL.format(i),
                    name=f"Learner {i}",
                    city_id=rng.choice(cities),
                    roles=[Role.PRACTITIONER.value],
                    password="!",  # noqa: S106  (an unusable password)
                )
                for i in range(learners)
            ],
            batch_size=2000,
        )
        users = list(
            User.objects.filter(email__startswith="bench-learner-").values_list("pk", "city_id")
        )
        lessons = {
            module.pk: list(Lesson.objects.filter(module=module).order_by("position"))
            for module in modules
        }
        options = {
            module.pk: [
                (q.pk, [o.pk for o in q.options.order_by("position")])
                for q in lessons[module.pk][2].quiz.questions.order_by("position")
            ]
            for module in modules
        }
        first_choice = {
            module.pk: list(
                Choice.objects.filter(step__scenario__lesson__module=module, position=1)
                .order_by("step__position")
                .values_list("pk", "step_id", "leads_to_id")
            )
            for module in modules
        }
        now = timezone.now()
    for offset in range(0, len(users), 1000):
        batch = users[offset : offset + 1000]
        with transaction.atomic(), connection.cursor() as cursor:
            # The rows are built consistent: no foreign-key trigger per row (Django's are
            # deferred to the commit, a million checks at once); one transaction per batch.
            cursor.execute("SET LOCAL session_replication_role = replica")
            enrolments, progress_of = [], []
            for user_id, city_id in batch:
                for module in rng.sample(modules, per_learner):
                    done = rng.randint(0, 4)
                    enrolments.append(
                        Enrolment(
                            user_id=user_id,
                            module=module,
                            city_id=city_id,
                            enrolled_at=now,
                            completed_count=done,
                            last_lesson=lessons[module.pk][min(done, 3)],
                            completed_at=now if done == 4 else None,
                        )
                    )
                    progress_of.append(done)
            Enrolment.objects.bulk_create(enrolments)
            completions, attempts, runs = [], [], []
            for enrolment, done in zip(enrolments, progress_of, strict=True):
                for lesson in lessons[enrolment.module_id][:done]:
                    completions.append(LessonCompletion(enrolment=enrolment, lesson=lesson))
                if done >= 3:
                    quiz = lessons[enrolment.module_id][2].quiz
                    attempts.append(
                        QuizAttempt(
                            enrolment=enrolment, quiz=quiz, number=1, submitted_at=now,
                            score=80, passed=True,
                        )
                    )  # fmt: skip
                if done == 4:
                    scenario = lessons[enrolment.module_id][3].scenario
                    runs.append(
                        ScenarioRun(
                            enrolment=enrolment, scenario=scenario, number=1, ended_at=now,
                            current_step_id=first_choice[enrolment.module_id][-1][2],
                            outcome="good", score=6,
                        )
                    )  # fmt: skip
            LessonCompletion.objects.bulk_create(completions)
            QuizAttempt.objects.bulk_create(attempts)
            ScenarioRun.objects.bulk_create(runs)
            QuizAnswer.objects.bulk_create(
                [
                    QuizAnswer(
                        attempt=attempt,
                        question_id=q,
                        option_ids=[opts[0 if n < 4 else 1]],
                        is_correct=n < 4,
                    )  # fmt: skip
                    for attempt in attempts
                    for n, (q, opts) in enumerate(options[attempt.enrolment.module_id])
                ]
            )
            log(f"  {offset + len(batch)} learners seeded")
            ScenarioMove.objects.bulk_create(
                [
                    ScenarioMove(run=run, position=p + 1, step_id=step, choice_id=choice)
                    for run in runs
                    for p, (choice, step, _to) in enumerate(first_choice[run.enrolment.module_id])
                ]
            )
    assert Option.objects.exists()
    return {"seeded": True, "seconds": round(time.perf_counter() - started, 1)}


def _counts() -> dict[str, int]:
    from hub.models import User
    from training.models import (
        Enrolment,
        LessonCompletion,
        Module,
        QuizAnswer,
        QuizAttempt,
        ScenarioMove,
    )

    return {
        "learners": User.objects.filter(email__startswith="bench-learner-").count(),
        "modules": Module.objects.filter(slug__startswith=MARKER).count(),
        "enrolments": Enrolment.objects.count(),
        "lesson_completions": LessonCompletion.objects.count(),
        "quiz_attempts": QuizAttempt.objects.count(),
        "quiz_answers": QuizAnswer.objects.count(),
        "scenario_moves": ScenarioMove.objects.count(),
    }


def _timed(call: Any) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _measure(rounds: int, runs: int, warmup: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from hub.models import User
    from training.models import Module, QuizAttempt
    from training.services import progress

    learner = User.objects.get(email=LEARNER_EMAIL.format(0))
    module = Module.objects.filter(slug__startswith=MARKER).order_by("slug")[module_index(learner)]
    enrolment = progress.enrolment_create(user=learner, module=module, by=learner)
    lessons = {lesson.kind: lesson for lesson in module.lessons.all()}
    quiz_lesson, scenario_lesson = lessons["quiz"], lessons["scenario"]
    client = Client(HTTP_HOST="localhost")
    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")

    def url(name: str, lesson: Any, **extra: Any) -> str:
        kwargs = {"slug": module.slug, "position": lesson.position, **extra}
        return reverse(f"training:{name}", kwargs=kwargs)

    questions = list(quiz_lesson.quiz.questions.order_by("position").prefetch_related("options"))
    first_option = {question.pk: question.options.all()[0].pk for question in questions}

    def open_attempt(answered: int) -> Any:
        """The learner's attempt in progress, with its first `answered` questions answered."""
        attempt = progress.quiz_attempt_start(
            enrolment=enrolment, quiz=quiz_lesson.quiz, by=learner
        )
        for question in questions[:answered]:
            progress.quiz_answer(
                attempt=attempt, question=question, option_ids=[first_option[question.pk]],
                by=learner,
            )  # fmt: skip
        return attempt

    # The learner is in the middle of an attempt (two questions answered) and of a play.
    current = {"attempt": open_attempt(2)}
    progress.scenario_run_start(enrolment=enrolment, scenario=scenario_lesson.scenario, by=learner)
    third = questions[2]
    third_options = [o.pk for o in third.options.all()]

    def answer() -> None:
        answer_url = url("quiz-answer", quiz_lesson, attempt=current["attempt"].pk)
        response = client.post(
            answer_url, {"question": third.pk, "option": [rng.choice(third_options)]}
        )
        assert response.status_code == 302, response.status_code

    def submit() -> float:
        """The attempt in progress with every question answered, submitted (timed); then a
        new attempt is in progress again."""
        attempt = open_attempt(len(questions))
        submit_url = url("quiz-submit", quiz_lesson, attempt=attempt.pk)
        started = time.perf_counter()
        response = client.post(submit_url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.status_code
        current["attempt"] = open_attempt(2)
        return elapsed

    rng = random.Random(7)
    pages = {
        "lesson page: reading": url("lesson-detail", lessons["reading"]),
        "lesson page: video": url("lesson-detail", lessons["video"]),
        "lesson page: quiz question": url("lesson-detail", quiz_lesson),
        "lesson page: scenario step": url("lesson-detail", scenario_lesson),
    }
    reference_url = reverse("hub:accessrequest-sent")

    def select_one() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    for _ in range(warmup):
        client.get(reference_url)
        for page in pages.values():
            assert client.get(page).status_code == 200
        answer()
    every: dict[str, list[float]] = {}
    per_round = []
    for number in range(1, rounds + 1):
        trivial = [_timed(lambda: client.get(reference_url)) for _ in range(runs)]
        times: dict[str, list[float]] = {
            "reference: trivial page": trivial,
            "reference: SELECT 1": [_timed(select_one) for _ in range(runs)],
        }
        for label, page in pages.items():
            times[label] = [_timed(lambda page=page: client.get(page)) for _ in range(runs)]
        times["quiz answer POST"] = [_timed(answer) for _ in range(runs)]
        times["quiz submission POST"] = [submit() for _ in range(max(5, runs // 4))]
        summary = {label: _summary(values) for label, values in times.items()}
        per_round.append({"round": number, "load_1": round(os.getloadavg()[0], 2), **summary})
        log(
            f"  round {number}: "
            + ", ".join(f"{label} p95 {s['p95_ms']} ms" for label, s in summary.items())
        )
        for label, values in times.items():
            every.setdefault(label, []).extend(values)
    queries = {}
    for label, page in pages.items():
        with CaptureQueriesContext(connection) as captured:
            client.get(page)
        queries[label] = len(captured.captured_queries)
        queries[f"{label}: bytes"] = len(client.get(page).content)
    with CaptureQueriesContext(connection) as captured:
        answer()
    queries["quiz answer POST"] = len(captured.captured_queries)
    QuizAttempt.objects.filter(enrolment=enrolment, submitted_at__isnull=True).delete()
    overall = {label: _summary(values) for label, values in every.items()}
    # The median over the rounds of each round's p95: what a single busy round cannot sway.
    median_p95 = {
        label: round(statistics.median(r[label]["p95_ms"] for r in per_round), 2)
        for label in overall
    }
    return {
        "overall": overall,
        "median_of_round_p95_ms": median_p95,
        "queries_and_bytes": queries,
        "rounds": per_round,
    }


def module_index(learner: Any) -> int:
    """A module the bench learner is enrolled in (their progress is part of what is read)."""
    from training.models import Enrolment, Module

    slugs = list(
        Module.objects.filter(slug__startswith=MARKER)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    enrolled = (
        Enrolment.objects.filter(user=learner, module__slug__startswith=MARKER)
        .order_by("module__slug")
        .values_list("module__slug", flat=True)
        .first()
    )
    return slugs.index(enrolled) if enrolled else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.training_lessons", description=__doc__)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--modules", type=int, default=50)
    parser.add_argument("--per-learner", type=int, default=5, help="modules each learner takes")
    parser.add_argument("--database", default="scn_hub_training_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="server, without a database name")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=100, help="requests per page per round")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--publish", action="store_true", help="write bench/results-training-*")
    args = parser.parse_args()
    if args.database in {"scn_hub_bench", "scn_hub", "scn_hub_dev"}:
        return error(f"{args.database} is not this benchmark's database; choose another.")
    if args.rounds < 5:
        return error("at least 5 rounds, each with its reference.")
    os.environ["TEST_REDIS_URL"] = args.redis
    os.environ["REDIS_URL"] = args.redis
    created = ensure_database(args.dsn, args.database)
    setup_django(args.dsn, args.database)
    log(f"Database {args.database}{' (created)' if created else ''}: migrating, taxonomy.")
    migrate_and_load()
    log("Seeding learners, modules and progress.")
    seeded = _seed(args.learners, args.modules, args.per_learner, seed=2026)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts = _counts()
    log(f"  {counts}")
    log("Measuring.")
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    results = _measure(args.rounds, args.runs, args.warmup)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "meta": {
            **run_facts(),
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
            "load_average_at_start": load_at_start,
        },
        "target_p95_ms": TARGET_P95_MS,
        "seeded": seeded,
        "rows": counts,
        "results": results,
    }
    if args.publish:
        path = BENCH_DIR / f"results-training-{args.learners}.json"
    else:
        OUT_DIR.mkdir(exist_ok=True)
        path = OUT_DIR / f"results-training-{args.learners}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"Wrote {path}.")
    measured = {k: v for k, v in results["median_of_round_p95_ms"].items() if "reference" not in k}
    log(f"Median of the rounds' p95: {results['median_of_round_p95_ms']}")
    return 0 if all(p95 <= TARGET_P95_MS for p95 in measured.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
