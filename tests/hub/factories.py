"""factory_boy factories for the core app; traits name the states tests need."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils.text import slugify

from hub.models import AccessRequest, City, Country, Region, Theme, User
from hub.models.accounts import Role

PASSWORD = "correct horse battery staple"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name_en = factory.Sequence(lambda n: f"Region {n}")
    name_fr = factory.LazyAttribute(lambda o: f"Région {o.name_en}")
    name_ar = factory.LazyAttribute(lambda o: f"منطقة {o.name_en[-1]}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_en))


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso_code",)

    iso_code = factory.Sequence(lambda n: f"{chr(65 + (n // 26) % 26)}{chr(65 + n % 26)}")
    name_en = factory.Sequence(lambda n: f"Country {n}")
    name_fr = factory.LazyAttribute(lambda o: f"Pays {o.name_en}")
    name_ar = factory.LazyAttribute(lambda o: f"بلد {o.name_en[-1]}")
    region = factory.SubFactory(RegionFactory)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_en = factory.Sequence(lambda n: f"City {n}")
    name_fr = factory.LazyAttribute(lambda o: f"Ville {o.name_en}")
    name_ar = factory.Sequence(lambda n: f"مدينة {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_en))
    country = factory.SubFactory(CountryFactory)
    is_steering_committee = False

    class Params:
        steering = factory.Trait(is_steering_committee=True)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    name_ar = factory.Sequence(lambda n: f"موضوع {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A member (official) of a city by default; traits for every other role."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@city.example")
    name = factory.Sequence(lambda n: f"Member {n}")
    language = "en"
    city = factory.SubFactory(CityFactory)
    roles = factory.LazyFunction(lambda: [Role.OFFICIAL.value])

    class Params:
        practitioner = factory.Trait(roles=[Role.PRACTITIONER.value])
        focal_point = factory.Trait(roles=[Role.FOCAL_POINT.value])
        translator = factory.Trait(roles=[Role.TRANSLATOR.value], city=None)
        staff = factory.Trait(roles=[Role.STAFF_CURATOR.value], city=None, is_staff=True)
        suspended = factory.Trait(is_active=False)

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def with_totp(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """`UserFactory(staff=True, with_totp=True)`: a staff member who has set up MFA."""
        if create and extracted:
            secret = generate_totp_secret()
            TOTP.activate(self, secret)
            self.totp_secret = secret


def totp_code(user: User) -> str:
    """The current TOTP code of a user created `with_totp=True`."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))


class AccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessRequest

    name = factory.Sequence(lambda n: f"Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@city.example")
    city = factory.SubFactory(CityFactory)
    role = Role.PRACTITIONER.value
    organisation = "Youth services"
    reason = "I coordinate the prevention network."
    language = "en"
