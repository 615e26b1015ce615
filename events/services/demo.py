"""The demo events of `make demo`: upcoming events in every registration mode (open, on approval,
by invitation, closed), one online, one full with a waiting list, with registration questions
in the three languages, and the demo accounts registered through the real path.

Every demo event is marked: its provenance is DEMO and its title starts with "DEMO — " in every
language. Idempotent: an event is matched by its slug, and a demo account already registered
is left alone; an event whose date has passed is moved forward again, so the demo stays
upcoming. No real person: the participants are the demo accounts of `seed_demo`.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from events.models import Event, EventCity, Invitation, Provenance, Question, Registration
from events.services.registrations import registration_create
from hub.models import City, Theme, User

DEMO_DOMAIN = "demo.scn.invalid"
MARK = "DEMO — "


@dataclass
class DemoEventsReport:
    events: int = 0
    registrations: int = 0


def _texts(name: str, en: str, fr: str, ar: str, *, mark: bool = False) -> dict[str, str]:
    prefix = MARK if mark else ""
    return {f"{name}_en": prefix + en, f"{name}_fr": prefix + fr, f"{name}_ar": prefix + ar}


_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": Question.Kind.TEXT,
        "is_required": True,
        **_texts(
            "text",
            "What would you like to take away from this event?",
            "Qu’aimeriez-vous retirer de cet événement ?",
            "ما الذي تودّ أن تخرج به من هذه الفعالية؟",
        ),
    },
    {
        "kind": Question.Kind.CHOICE,
        "is_required": True,
        **_texts(
            "text",
            "Which session will you join?",
            "À quelle session participerez-vous ?",
            "في أيّ جلسة ستشارك؟",
        ),
        **_texts(
            "options",
            "Morning\nAfternoon",
            "Matin\nAprès-midi",
            "الصباح\nبعد الظهر",
        ),
    },
    {
        "kind": Question.Kind.YES_NO,
        "is_required": False,
        **_texts(
            "text",
            "Do you need interpretation?",
            "Avez-vous besoin d’une interprétation ?",
            "هل تحتاج إلى ترجمة فورية؟",
        ),
    },
]

# Each: its fields, how many days from today it starts (at `hour` in its zone) and for how
# many hours, its host and visiting cities, themes, invited cities, and the demo accounts who
# register (in this order: the full one's waiting list is the last two).
_EVENTS: list[dict[str, Any]] = [
    {
        "slug": "demo-regional-workshop-mombasa",
        "fields": {
            "kind": Event.Kind.REGIONAL_WORKSHOP,
            "registration": Event.Registration.OPEN,
            "capacity": 30,
            "time_zone": "Africa/Nairobi",
            "venue": "DEMO venue",
            **_texts(
                "title",
                "Regional practitioner workshop on local prevention networks",
                "Atelier régional des praticiens sur les réseaux locaux de prévention",
                "ورشة عمل إقليمية للممارسين حول شبكات الوقاية المحلية",
                mark=True,
            ),
            **_texts(
                "description",
                "Demo event: practitioners from East African cities share how their local "
                "prevention networks refer people to support.",
                "Événement de démonstration : des praticiens de villes d’Afrique de l’Est "
                "expliquent comment leurs réseaux locaux de prévention orientent les personnes.",
                "فعالية تجريبية: يعرض ممارسون من مدن شرق أفريقيا كيف تحيل شبكات الوقاية المحلية "
                "الأشخاص إلى الدعم.",
                mark=True,
            ),
        },
        "days": 21,
        "hour": 9,
        "hours": 7,
        "host": "mombasa",
        "visitors": [],
        "themes": ["local-prevention-networks", "referral-mechanisms"],
        "invited": [],
        "register": ["official.mombasa", "practitioner.montreal"],
    },
    {
        "slug": "demo-city-exchange-montreal",
        "fields": {
            "kind": Event.Kind.CITY_EXCHANGE,
            "registration": Event.Registration.APPROVAL,
            "capacity": 8,
            "time_zone": "America/Toronto",
            "venue": "DEMO venue",
            **_texts(
                "title",
                "City exchange: Mombasa visits Montréal",
                "Échange entre villes : Mombasa en visite à Montréal",
                "تبادل بين المدن: مومباسا في زيارة إلى مونتريال",
                mark=True,
            ),
            **_texts(
                "description",
                "Demo event: a delegation from Mombasa meets Montréal's prevention centre. "
                "Places are confirmed by SCN staff.",
                "Événement de démonstration : une délégation de Mombasa rencontre le centre de "
                "prévention de Montréal. Les places sont confirmées par l’équipe du SCN.",
                "فعالية تجريبية: وفد من مومباسا يلتقي بمركز الوقاية في مونتريال. ويؤكّد فريق "
                "شبكة المدن القوية المقاعد.",
                mark=True,
            ),
        },
        "days": 35,
        "hour": 10,
        "hours": 30,
        "host": "montreal",
        "visitors": ["mombasa"],
        "themes": ["city-exchanges"],
        "invited": [],
        "register": ["official.mombasa", "practitioner.mombasa"],
    },
    {
        "slug": "demo-youth-lab-montreal",
        "fields": {
            "kind": Event.Kind.YOUTH_LAB,
            "registration": Event.Registration.INVITATION,
            "visibility": Event.Visibility.INVITED,
            "capacity": 20,
            "time_zone": "America/Toronto",
            "venue": "DEMO venue",
            **_texts(
                "title",
                "Youth lab on online hate speech (invited cities)",
                "Laboratoire jeunesse sur les discours de haine en ligne (villes invitées)",
                "مختبر الشباب حول خطاب الكراهية على الإنترنت (المدن المدعوّة)",
                mark=True,
            ),
            **_texts(
                "description",
                "Demo event: by invitation only; the invited city's members may register.",
                "Événement de démonstration : sur invitation uniquement ; les membres de la "
                "ville invitée peuvent s’inscrire.",
                "فعالية تجريبية: بالدعوة فقط، ويمكن لأعضاء المدينة المدعوّة التسجيل.",
                mark=True,
            ),
        },
        "days": 45,
        "hour": 13,
        "hours": 4,
        "host": "montreal",
        "visitors": [],
        "themes": ["youth-engagement", "hate-crime-hate-speech"],
        "invited": ["montreal"],
        "register": ["focal.montreal"],
    },
    {
        "slug": "demo-consultation-mombasa",
        "fields": {
            "kind": Event.Kind.CONSULTATION,
            "registration": Event.Registration.CLOSED,
            "capacity": None,
            "time_zone": "Africa/Nairobi",
            "venue": "DEMO venue",
            **_texts(
                "title",
                "Consultation with civil society (registration closed)",
                "Consultation de la société civile (inscriptions closes)",
                "مشاورة مع المجتمع المدني (التسجيل مغلق)",
                mark=True,
            ),
            **_texts(
                "description",
                "Demo event: its participants are invited directly; registration is closed.",
                "Événement de démonstration : les participants sont invités directement ; les "
                "inscriptions sont closes.",
                "فعالية تجريبية: يُدعى المشاركون فيها مباشرة، والتسجيل مغلق.",
                mark=True,
            ),
        },
        "days": 60,
        "hour": 9,
        "hours": 3,
        "host": "mombasa",
        "visitors": [],
        "themes": ["community-engagement-policing"],
        "invited": [],
        "register": [],
    },
    {
        "slug": "demo-webinar-full",
        "fields": {
            "kind": Event.Kind.WEBINAR,
            "registration": Event.Registration.OPEN,
            "capacity": 3,
            "time_zone": "UTC",
            "is_online": True,
            # A reserved domain: never a real meeting.
            "online_url": "https://meeting.demo.scn.invalid/webinar",
            **_texts(
                "title",
                "Webinar: evaluating prevention programmes (full, waiting list)",
                "Webinaire : évaluer les programmes de prévention (complet, liste d’attente)",
                "ندوة عبر الإنترنت: تقييم برامج الوقاية (مكتملة، قائمة انتظار)",
                mark=True,
            ),
            **_texts(
                "description",
                "Demo event online: three places, all taken; two more demo members wait.",
                "Événement de démonstration en ligne : trois places, toutes prises ; deux autres "
                "membres de démonstration attendent.",
                "فعالية تجريبية عبر الإنترنت: ثلاثة مقاعد كلها محجوزة، وعضوان تجريبيان آخران "
                "في الانتظار.",
                mark=True,
            ),
        },
        "days": 10,
        "hour": 14,
        "hours": 2,
        "host": None,
        "visitors": [],
        "themes": ["monitoring-and-evaluation"],
        "invited": [],
        "register": [
            "official.montreal",
            "official.mombasa",
            "practitioner.mombasa",
            "practitioner.montreal",
            "focal.mombasa",
        ],
    },
]


def _start(days: int, hour: int, zone: str) -> datetime:
    day = (timezone.now() + timedelta(days=days)).astimezone(zoneinfo.ZoneInfo(zone)).date()
    return datetime.combine(day, time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def _answers(event: Event) -> dict[int, str]:
    answers: dict[int, str] = {}
    for question in Question.objects.filter(event=event):
        if question.kind == Question.Kind.TEXT:
            answers[question.pk] = "DEMO answer."
        elif question.kind == Question.Kind.CHOICE:
            answers[question.pk] = (getattr(question, "options_en", "") or "").splitlines()[0]
        else:
            answers[question.pk] = "no"
    return answers


@transaction.atomic
def _event(spec: dict[str, Any], cities: dict[str, City], report: DemoEventsReport) -> Event:
    zone = spec["fields"]["time_zone"]
    now = timezone.now()
    event = Event.objects.filter(slug=spec["slug"]).first()
    if event is None:
        # Created once; what staff changed since in the demo (places, texts) stays.
        event = Event(slug=spec["slug"], provenance=Provenance.DEMO, **spec["fields"])
        report.events += 1
    deadline = event.registration_deadline
    if event.starts_at is None or event.starts_at <= now or (deadline and deadline <= now):
        event.starts_at = _start(spec["days"], spec["hour"], zone)
        event.ends_at = event.starts_at + timedelta(hours=spec["hours"])
        event.registration_deadline = event.starts_at - timedelta(days=2)
    event.venue_city = cities[spec["host"]] if spec["host"] else None
    event.full_clean(exclude=["confirmed_count"])
    event.save()
    involved = [(spec["host"], EventCity.Role.HOST)] if spec["host"] else []
    involved += [(slug, EventCity.Role.VISITOR) for slug in spec["visitors"]]
    for slug, role in involved:
        EventCity.objects.get_or_create(event=event, city=cities[slug], role=role)
    event.regions.add(*{cities[slug].country.region_id for slug, _role in involved})
    event.themes.add(*Theme.objects.filter(slug__in=spec["themes"]))
    for slug in spec["invited"]:
        Invitation.objects.get_or_create(event=event, city=cities[slug])
    if not Question.objects.filter(event=event).exists() and event.registration != (
        Event.Registration.CLOSED
    ):
        Question.objects.bulk_create(
            Question(event=event, position=position, **question)
            for position, question in enumerate(_QUESTIONS)
        )
    return event


def demo_events_seed() -> DemoEventsReport:
    """The demo events of `make demo` (idempotent), and the demo accounts registered for them
    through registration_create (so the full one has its waiting list in order, and each
    registration is emailed like any other). Raises LookupError without the demo accounts
    (seed_demo) or the member cities (load_scn_data)."""
    accounts = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    }
    if "curator" not in accounts:
        raise LookupError("the demo accounts (seed_demo) are missing")
    cities = {
        city.slug: city
        for city in City.objects.select_related("country").filter(slug__in=["montreal", "mombasa"])
    }
    if len(cities) != 2:
        raise LookupError("the member cities (load_scn_data) are missing")
    report = DemoEventsReport()
    for spec in _EVENTS:
        event = _event(spec, cities, report)
        for local in spec["register"]:
            user = accounts[local]
            if Registration.objects.filter(event=event, user=user).exists():
                continue
            registration_create(event=event, by=user, answers=_answers(event))
            report.registrations += 1
    return report


__all__ = ["DemoEventsReport", "demo_events_seed"]
