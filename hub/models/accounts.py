"""Members of the hub, their roles, and requests for access."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.timezones import validate_time_zone

from .taxonomy import City


class Role(models.TextChoices):
    # Capitalised like every other label of the interface (they stand alone in lists, selects
    # and tables); "role" tells translators these name a person's role.
    OFFICIAL = "official", pgettext_lazy("role", "City official")
    PRACTITIONER = "practitioner", pgettext_lazy("role", "Practitioner")
    FOCAL_POINT = "focal_point", pgettext_lazy("role", "City focal point")
    STAFF_CURATOR = "staff_curator", pgettext_lazy("role", "SCN staff curator")
    TRANSLATOR = "translator", pgettext_lazy("role", "Translator")


# Roles held by people who work for a member city; they need that city, and only these roles do.
MEMBER_ROLES = [Role.OFFICIAL.value, Role.PRACTITIONER.value, Role.FOCAL_POINT.value]


class UserQuerySet(models.QuerySet["User"]):
    def with_role(self, role: str) -> UserQuerySet:
        return self.filter(roles__contains=[role])

    def active(self) -> UserQuerySet:
        return self.filter(is_active=True)

    def focal_points_of(self, city: City) -> UserQuerySet:
        return self.active().with_role(Role.FOCAL_POINT).filter(city=city)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account: a member of one city, or SCN staff (no city)."""

    Role = Role

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    # The reader's own time zone ("" until they choose one): pages show an event's time in the
    # event's zone and, when it differs, in this one.
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone]
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("member city"),
    )
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        verbose_name=_("roles"),
        default=list,
        blank=True,
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log into the admin site."),
    )
    # Suspension is is_active=False: Django then refuses the login and drops the session user.
    is_active = models.BooleanField(_("active"), default=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_unique_email_ci"),
            # A member role needs a member city, and a city needs a member role.
            models.CheckConstraint(
                condition=(
                    models.Q(city__isnull=False, roles__overlap=MEMBER_ROLES)
                    | (models.Q(city__isnull=True) & ~models.Q(roles__overlap=MEMBER_ROLES))
                ),
                name="user_city_iff_member_role",
            ),
            models.CheckConstraint(
                condition=~(
                    models.Q(roles__contains=[Role.STAFF_CURATOR.value])
                    & models.Q(roles__overlap=MEMBER_ROLES)
                ),
                name="user_staff_is_not_city_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_focal_point(self) -> bool:
        return self.has_role(Role.FOCAL_POINT) and self.city_id is not None

    @property
    def is_staff_curator(self) -> bool:
        return self.has_role(Role.STAFF_CURATOR) or self.is_superuser

    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels[r]) for r in self.roles if r in labels]


class AccessRequestQuerySet(models.QuerySet["AccessRequest"]):
    def pending(self) -> AccessRequestQuerySet:
        return self.filter(status=AccessRequest.Status.PENDING)


class AccessRequest(models.Model):
    """Somebody asking to join the hub; a focal point of the city or SCN staff decides."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("access request status", "Pending")
        APPROVED = "approved", pgettext_lazy("access request status", "Approved")
        REJECTED = "rejected", pgettext_lazy("access request status", "Rejected")

    ROLE_CHOICES: ClassVar[list[tuple[str, Any]]] = [
        (value, label) for value, label in Role.choices if value in MEMBER_ROLES
    ]

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="access_requests", verbose_name=_("city")
    )
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    organisation = models.CharField(_("organisation"), max_length=200)
    reason = models.TextField(_("why you need access"), max_length=2000)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_requests",
        verbose_name=_("account"),
    )

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status="pending"),
                name="access_request_one_pending_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MEMBER_ROLES), name="access_request_member_role"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="access_request_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="access_request_decision_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "city"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> ({self.city})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
