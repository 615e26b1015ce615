"""`manage.py seed_demo`: demo accounts (one per role, two cities) and a pending request.

Demo only: refused unless DEBUG is on. Every demo account's email ends in @demo.scn.invalid and
its organisation says "DEMO", so demo content is never mistaken for real members.
"""

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hub.models import AccessRequest, City, User
from hub.models.accounts import Role

DEMO_DOMAIN = "demo.scn.invalid"
DEMO_CITIES = ("montreal", "mombasa")

# (email local part, name, city slug or None, roles, language)
DEMO_ACCOUNTS: list[tuple[str, str, str | None, list[str], str]] = [
    ("official.montreal", "Demo Official (Montréal)", "montreal", [Role.OFFICIAL], "fr"),
    (
        "practitioner.montreal",
        "Demo Practitioner (Montréal)",
        "montreal",
        [Role.PRACTITIONER],
        "fr",
    ),
    ("focal.montreal", "Demo Focal Point (Montréal)", "montreal", [Role.FOCAL_POINT], "fr"),
    ("official.mombasa", "Demo Official (Mombasa)", "mombasa", [Role.OFFICIAL], "en"),
    ("practitioner.mombasa", "Demo Practitioner (Mombasa)", "mombasa", [Role.PRACTITIONER], "en"),
    ("focal.mombasa", "Demo Focal Point (Mombasa)", "mombasa", [Role.FOCAL_POINT], "en"),
    ("curator", "Demo SCN Staff Curator", None, [Role.STAFF_CURATOR], "en"),
    ("translator", "Demo Translator", None, [Role.TRANSLATOR], "ar"),
]


class Command(BaseCommand):
    help = "Create clearly-marked demo accounts and content (refused when DEBUG is off)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with known passwords: DEBUG only.")
        cities = {c.slug: c for c in City.objects.filter(slug__in=DEMO_CITIES)}
        if len(cities) != len(DEMO_CITIES):
            raise CommandError("Load the SCN data first: manage.py load_scn_data")
        with transaction.atomic():
            created = self._accounts(cities)
            self._pending_request(cities)
        self.stdout.write(
            f"Demo accounts: {created} created, password {settings.HUB_DEMO_PASSWORD!r}"
        )
        for local, _name, _city, roles, _lang in DEMO_ACCOUNTS:
            email = f"{local}@{DEMO_DOMAIN}"
            self.stdout.write(f"  {email:<42} {', '.join(roles)}")

    def _accounts(self, cities: dict[str, City]) -> int:
        created = 0
        for local, name, city_slug, roles, language in DEMO_ACCOUNTS:
            email = f"{local}@{DEMO_DOMAIN}"
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email)
                created += 1
            user.name = name
            user.city = cities[city_slug] if city_slug else None
            user.roles = [str(r) for r in roles]
            user.language = language
            user.organisation = "DEMO — not a real member"
            user.is_staff = Role.STAFF_CURATOR in roles
            user.set_password(settings.HUB_DEMO_PASSWORD)
            user.full_clean(exclude=["password"])
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        return created

    def _pending_request(self, cities: dict[str, City]) -> None:
        email = f"applicant@{DEMO_DOMAIN}"
        if not AccessRequest.objects.filter(email=email).exists():
            AccessRequest.objects.create(
                name="Demo Applicant",
                email=email,
                city=cities["mombasa"],
                role=Role.PRACTITIONER,
                organisation="DEMO — Mombasa youth services",
                reason="Demo request: to try the focal point's review page.",
                language="en",
            )
