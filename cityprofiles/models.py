"""City profiles: what each member city faces and does, its practices, and introductions.

The profile, its challenges, its local prevention network and its practices hold the **published**
version: what members read and search. Editors work on a :class:`ProfileDraft` (the whole profile
and its practices as data), which SCN staff publish (:mod:`cityprofiles.services`): the only
write path to the published rows, which also keeps every :class:`ProfilePublication`.

Text fields are translated with modeltranslation (``_en``, ``_fr``, ``_ar``); each translated
object records the language it was written in (`source_language`), so a reader whose language is
missing sees that version, marked as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self, TypeVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City, Country, Theme
from hub.models.search import SearchRow

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User

CONTENT_LANGUAGES = settings.LANGUAGES  # the languages a profile's text may be written in


class Provenance(models.TextChoices):
    """Where a profile's or practice's content came from."""

    CITY = "city", pgettext_lazy("provenance", "Written by the city")
    PROGRAMME_2019 = (
        "programme_2019",
        pgettext_lazy("provenance", "From the SCN Programme Summary (2019)"),
    )
    DEMO = "demo", pgettext_lazy("provenance", "Demo content")


class PopulationBand(models.TextChoices):
    UNDER_50K = "under_50k", pgettext_lazy("population", "Under 50,000")
    FROM_50K = "50k_250k", pgettext_lazy("population", "50,000 – 250,000")
    FROM_250K = "250k_1m", pgettext_lazy("population", "250,000 – 1 million")
    FROM_1M = "1m_5m", pgettext_lazy("population", "1 – 5 million")
    OVER_5M = "over_5m", pgettext_lazy("population", "Over 5 million")


# The working languages a city may list (ISO 639-1), beyond the hub's three.
WORKING_LANGUAGES = (
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("da", _("Danish")),
    ("no", _("Norwegian")),
    ("sv", _("Swedish")),
    ("fi", _("Finnish")),
    ("it", _("Italian")),
    ("sq", _("Albanian")),
    ("mk", _("Macedonian")),
    ("bs", _("Bosnian")),
    ("sr", _("Serbian")),
    ("tr", _("Turkish")),
    ("ur", _("Urdu")),
    ("ps", _("Pashto")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),
    ("sw", _("Swahili")),
    ("so", _("Somali")),
    ("ha", _("Hausa")),
    ("wo", _("Wolof")),
    ("am", _("Amharic")),
)


class ContactPolicy(models.TextChoices):
    OPEN = "open", pgettext_lazy("contact policy", "Welcomes introduction requests")
    PRACTICES = (
        "practices",
        pgettext_lazy("contact policy", "Introductions about its listed practices only"),
    )
    PAUSED = "paused", pgettext_lazy("contact policy", "Not taking introductions at present")


class TargetGroup(models.TextChoices):
    YOUNG_PEOPLE = "young_people", pgettext_lazy("target group", "Young people (15–30)")
    CHILDREN = "children", pgettext_lazy("target group", "Children")
    FAMILIES = "families", pgettext_lazy("target group", "Families")
    WOMEN = "women", pgettext_lazy("target group", "Women")
    SCHOOLS = "schools", pgettext_lazy("target group", "Schools and teachers")
    RELIGIOUS = "religious", pgettext_lazy("target group", "Religious communities")
    REFUGEES = "refugees", pgettext_lazy("target group", "Refugees and migrants")
    PRISONS = "prisons", pgettext_lazy("target group", "Prisons and probation")
    PRACTITIONERS = "practitioners", pgettext_lazy("target group", "Frontline practitioners")
    POLICE = "police", pgettext_lazy("target group", "Police")
    ONLINE = "online", pgettext_lazy("target group", "Online audiences")
    GENERAL_PUBLIC = "general_public", pgettext_lazy("target group", "The general public")


class Sector(models.TextChoices):
    """The sectors a local prevention network's members come from."""

    MUNICIPALITY = "municipality", pgettext_lazy("sector", "Municipality")
    RELIGIOUS = "religious", pgettext_lazy("sector", "Religious leaders")
    EDUCATION = "education", pgettext_lazy("sector", "Education")
    YOUTH = "youth", pgettext_lazy("sector", "Young people")
    HEALTH = "health", pgettext_lazy("sector", "Health and psycho-social support")
    CIVIL_SOCIETY = "civil_society", pgettext_lazy("sector", "Civil society")
    POLICE = "police", pgettext_lazy("sector", "Police and security")
    OTHER = "other", pgettext_lazy("sector", "Other")


_M = TypeVar("_M", bound=models.Model)


class _SeenByEveryAccount(models.QuerySet[_M]):
    """Published profile content: every active account sees all of it; nobody else."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self


class CityProfileQuerySet(_SeenByEveryAccount["CityProfile"]):
    pass


class CityProfile(models.Model):
    """The published profile of one member city (one per hub.City)."""

    city = models.OneToOneField(
        City, on_delete=models.CASCADE, related_name="profile", verbose_name=_("city")
    )
    overview = models.TextField(_("overview"), blank=True, max_length=5000)
    approach = models.TextField(_("the city's approach"), blank=True, max_length=5000)
    contact_note = models.TextField(_("about contacting the city"), blank=True, max_length=1000)
    source_language = models.CharField(
        _("written in"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    population_band = models.CharField(
        _("population"), max_length=20, choices=PopulationBand.choices, blank=True
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=WORKING_LANGUAGES),
        verbose_name=_("working languages"),
        default=list,
        blank=True,
    )
    contact_policy = models.CharField(
        _("contact policy"),
        max_length=20,
        choices=ContactPolicy.choices,
        default=ContactPolicy.OPEN,
    )
    local_action_plan = models.ForeignKey(
        "library.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local action plan"),
    )
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )
    # Users of the city the focal point names to edit the profile with them.
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_profiles",
        verbose_name=_("editors"),
    )
    published_at = models.DateTimeField(_("last published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects: ClassVar[CityProfileQuerySet] = CityProfileQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profiles")
        ordering = ["city__name"]

    def __str__(self) -> str:
        return str(self.city)


class Challenge(models.Model):
    """One of the core challenges a city names, linked to themes."""

    profile = models.ForeignKey(
        CityProfile, on_delete=models.CASCADE, related_name="challenges", verbose_name=_("profile")
    )
    text = models.TextField(_("challenge"), max_length=1000)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class PartnerCity(models.Model):
    """A city the SCN works with that is not a member (for instance Irbid): shown as a partner
    city, never as a member, and with no profile of its own."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    note = models.TextField(_("note"), blank=True)
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )

    class Meta:
        verbose_name = _("partner city (not a member)")
        verbose_name_plural = _("partner cities (not members)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PreventionNetwork(models.Model):
    """A local prevention network: of a member city's profile, or of a partner city."""

    profile = models.OneToOneField(
        CityProfile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network",
        verbose_name=_("profile"),
    )
    partner_city = models.OneToOneField(
        PartnerCity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network",
        verbose_name=_("partner city"),
    )
    name = models.CharField(_("name"), max_length=200)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True, max_length=5000)
    activities = models.TextField(_("activities"), blank=True, max_length=5000)
    source_language = models.CharField(
        _("written in"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    # {sector code: number of members}; codes of Sector.
    members_by_sector = models.JSONField(_("members by sector"), default=dict, blank=True)
    documents = models.ManyToManyField(
        "library.Document", blank=True, related_name="+", verbose_name=_("documents")
    )
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )

    class Meta:
        verbose_name = _("local prevention network")
        verbose_name_plural = _("local prevention networks")
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=False, partner_city__isnull=True)
                | Q(profile__isnull=True, partner_city__isnull=False),
                name="cityprofiles_network_of_one_city",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def member_count(self) -> int:
        return sum(int(n) for n in self.members_by_sector.values() if isinstance(n, int))


class PracticeQuerySet(_SeenByEveryAccount["Practice"]):
    pass


class Practice(models.Model):
    """A city's programme, campaign or intervention, as published."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", pgettext_lazy("practice kind", "Programme")
        CAMPAIGN = "campaign", pgettext_lazy("practice kind", "Campaign")
        INTERVENTION = "intervention", pgettext_lazy("practice kind", "Intervention")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("practice status", "Planned")
        RUNNING = "running", pgettext_lazy("practice status", "Running")
        ENDED = "ended", pgettext_lazy("practice status", "Ended")

    class Evidence(models.TextChoices):
        # In increasing strength; EVIDENCE_WEIGHT gives the weight of each in the ranking.
        DESCRIBED = "described", pgettext_lazy("evidence level", "Described")
        MONITORED = "monitored", pgettext_lazy("evidence level", "Monitored")
        EVALUATED = "evaluated", pgettext_lazy("evidence level", "Evaluated")
        INDEPENDENT = "independent", pgettext_lazy("evidence level", "Independently evaluated")

    profile = models.ForeignKey(
        CityProfile, on_delete=models.CASCADE, related_name="practices", verbose_name=_("profile")
    )
    # Stable across drafts: the draft refers to a practice by this key before it has an id.
    key = models.UUIDField(_("key"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=3000)
    partners = models.TextField(_("partners"), blank=True, max_length=1000)
    results = models.TextField(_("results"), blank=True, max_length=3000)
    source_language = models.CharField(
        _("written in"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="practices", verbose_name=_("themes")
    )
    target_groups = ArrayField(
        models.CharField(max_length=20, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    start_year = models.PositiveSmallIntegerField(_("since"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("until"), null=True, blank=True)
    evidence_level = models.CharField(
        _("evidence level"), max_length=20, choices=Evidence.choices, default=Evidence.DESCRIBED
    )
    evaluation = models.ForeignKey(
        "library.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluation document"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices_to_ask_about",
        verbose_name=_("person to ask"),
    )
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects: ClassVar[PracticeQuerySet] = PracticeQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="cityprofiles_practice_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CityExchange(models.Model):
    """A bilateral city exchange: a delegation of the visiting city went to the host city."""

    host = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="exchanges_hosted", verbose_name=_("host city")
    )
    visitor = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        related_name="exchanges_visited",
        verbose_name=_("visiting city"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )

    class Meta:
        verbose_name = _("city exchange")
        verbose_name_plural = _("city exchanges")
        ordering = ["year", "month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(host=models.F("visitor")), name="cityprofiles_exchange_two_cities"
            ),
            models.UniqueConstraint(
                fields=["host", "visitor", "year"], name="cityprofiles_exchange_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visitor} → {self.host}"


# --- Drafts and publications ------------------------------------------------------------------


class ProfileDraft(models.Model):
    """The version of a city's profile and practices its editors are working on.

    `content` holds the whole profile as data (cityprofiles.drafts describes its shape);
    `version` grows with every save, and a save made from an older version is refused.
    """

    class State(models.TextChoices):
        EDITING = "editing", pgettext_lazy("draft state", "Being edited")
        SUBMITTED = "submitted", pgettext_lazy("draft state", "Waiting for review")
        RETURNED = "returned", pgettext_lazy("draft state", "Returned with a comment")

    city = models.OneToOneField(
        City, on_delete=models.CASCADE, related_name="profile_draft", verbose_name=_("city")
    )
    content = models.JSONField(_("content"), default=dict)
    version = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.EDITING
    )
    # The publication the draft started from: changes are shown against it.
    based_on = models.ForeignKey(
        "ProfilePublication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    return_comment = models.TextField(_("comment from SCN staff"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("profile draft")
        verbose_name_plural = _("profile drafts")
        ordering = ["-submitted_at", "city__name"]

    def __str__(self) -> str:
        return str(self.city)


class ProfilePublication(models.Model):
    """One publication of a city's profile: who, when, what changed, and what was published."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="profile_publications", verbose_name=_("city")
    )
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # [{"object": ..., "field": ..., "before": ..., "after": ...}], as cityprofiles.drafts.diff
    changes = models.JSONField(_("changes"), default=list)
    snapshot = models.JSONField(_("content published"), default=dict)

    class Meta:
        verbose_name = _("profile publication")
        verbose_name_plural = _("profile publications")
        ordering = ["city", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "number"], name="cityprofiles_publication_no")
        ]

    def __str__(self) -> str:
        return f"{self.city} #{self.number}"


# --- Introductions ----------------------------------------------------------------------------


class IntroductionQuerySet(models.QuerySet["Introduction"]):
    def open(self) -> IntroductionQuerySet:
        return self.filter(status__in=Introduction.OPEN_STATUSES)


class Introduction(models.Model):
    """A member's request to be put in touch with a counterpart in another city.

    Requested → (declined by staff) | forwarded → accepted (= introduced) | declined | expired;
    then followed up. Neither side learns the other's name or email before the counterpart
    accepts.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("introduction", "Waiting for SCN staff")
        STAFF_DECLINED = "staff_declined", pgettext_lazy("introduction", "Declined by SCN staff")
        FORWARDED = "forwarded", pgettext_lazy("introduction", "Forwarded to the counterpart")
        DECLINED = "declined", pgettext_lazy("introduction", "Declined by the counterpart")
        EXPIRED = "expired", pgettext_lazy("introduction", "Expired without an answer")
        INTRODUCED = "introduced", pgettext_lazy("introduction", "Introduced")
        WITHDRAWN = "withdrawn", pgettext_lazy("introduction", "Withdrawn by the requester")

    class Outcome(models.TextChoices):
        EXCHANGE = "exchange", pgettext_lazy("introduction outcome", "Led to a city exchange")
        DOCUMENTS = "documents", pgettext_lazy("introduction outcome", "Shared documents")
        ONGOING = "ongoing", pgettext_lazy("introduction outcome", "We keep in touch")
        NO_FOLLOW_UP = "no_follow_up", pgettext_lazy("introduction outcome", "No follow-up")

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.REQUESTED, Status.FORWARDED)

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="introductions_asked",
        verbose_name=_("requester"),
    )
    requester_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="introductions_asked",
        verbose_name=_("requester's city"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="introductions_offered",
        verbose_name=_("city asked"),
    )
    practice = models.ForeignKey(
        Practice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("practice"),
    )
    message = models.TextField(_("what they want to learn"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires"))
    counterpart = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions_received",
        verbose_name=_("counterpart"),
    )
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded by"),
    )
    staff_note = models.TextField(_("note from SCN staff"), blank=True, max_length=2000)
    decline_reason = models.TextField(_("reason given"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    introduced_at = models.DateTimeField(_("introduced"), null=True, blank=True)
    # Set when the follow-up question is sent: at most once, whatever the beat does.
    follow_up_sent_at = models.DateTimeField(_("follow-up asked"), null=True, blank=True)
    requester_helped = models.BooleanField(_("helped the requester"), null=True, blank=True)
    requester_outcome = models.CharField(
        _("requester's outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    counterpart_helped = models.BooleanField(_("helped the counterpart"), null=True, blank=True)
    counterpart_outcome = models.CharField(
        _("counterpart's outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    followed_up_at = models.DateTimeField(_("follow-up answered"), null=True, blank=True)

    objects: ClassVar[IntroductionQuerySet] = IntroductionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"], name="cityprofiles_intro_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester_city=models.F("city")),
                name="cityprofiles_intro_other_city",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester_city} → {self.city} ({self.get_status_display()})"


# --- Search (the directory) -------------------------------------------------------------------


class CitySearch(SearchRow):
    """What the directory's search reads of one city, in one narrow row: never written by Python.

    Database triggers (migration 0002) keep it, and the city's chunks, equal to the published
    profile, its challenges, network and practices and the city's place, in the same
    transaction as any write to them (the publication service, the admin, a queryset update).
    `lex_*` hold the city's words per text-search configuration (positions stripped: the chunks
    keep them); `titles` the city's names, so name matches come first; the other columns are
    what the facets count (cityprofiles.search).
    """

    profile = models.OneToOneField(
        CityProfile, on_delete=models.CASCADE, primary_key=True, related_name="search_row"
    )
    # Plain ids, not foreign keys: copies, read only by search.
    city_id = models.BigIntegerField(null=True)
    country_id = models.BigIntegerField(null=True)
    region_id = models.BigIntegerField(null=True)
    name_en = models.TextField(default="")
    steering = models.CharField(max_length=3, default="no")  # "yes" / "no": facets count text
    has_network = models.CharField(max_length=3, default="no")
    theme_ids = ArrayField(models.BigIntegerField(), default=list)
    evidence = ArrayField(models.TextField(), default=list)
    target_groups = ArrayField(models.TextField(), default=list)
    languages = ArrayField(models.TextField(), default=list)
    practice_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            GinIndex(fields=["lex_en"], name="citysearch_lex_en"),
            GinIndex(fields=["lex_fr"], name="citysearch_lex_fr"),
            GinIndex(fields=["lex_ar"], name="citysearch_lex_ar"),
            GinIndex(fields=["lex_simple"], name="citysearch_lex_simple"),
            GinIndex(fields=["titles"], name="citysearch_titles"),
        ]

    def __str__(self) -> str:
        return str(self.profile_id)


class CityChunk(models.Model):
    """One searchable piece of a city's published text, in one configuration.

    Kinds: "meta" (the city's and country's names), "body" (overview, approach, challenges,
    network), "practice" (one practice's title, summary, partners and results, with its id).
    Derived by the database (migration 0002); the text is as written, the vector folded for
    Arabic (hub.search.sql.CHUNK_VECTOR). A practice's chunks also copy what the rank by
    strength reads of it, its evidence level and position (migration 0003; '' and 0 on other
    chunks), so the rank reads the matching chunks alone (cityprofiles.search.strength).
    """

    profile_id = models.BigIntegerField(db_index=True)
    practice_id = models.BigIntegerField(null=True, db_index=True)
    kind = models.CharField(max_length=8)
    config = models.CharField(max_length=12)
    text = models.TextField()
    vector = SearchVectorField(null=True)
    evidence_level = models.CharField(max_length=20, db_default="")
    position = models.PositiveSmallIntegerField(db_default=0)

    class Meta:
        indexes = [GinIndex(fields=["vector"], name="citychunk_vector_gin")]

    def __str__(self) -> str:
        return f"{self.profile_id}/{self.kind}/{self.config}/{self.practice_id or ''}"
