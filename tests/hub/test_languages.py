"""Reading the hub in English, French and Arabic: dates, lists, alphabetical order, the language
kept across login, labels, and forms whose errors lead to the fields."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.db import models
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from hub.forms import AccessRequestForm, ProfileForm
from hub.listformat import format_list
from hub.models import Country, Region
from hub.ordering import sorted_by_name
from tests.conftest import login
from tests.hub.factories import PASSWORD, CityFactory, CountryFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _render(source: str, context: dict | None = None, *, language: str) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render(context or {})


# --- Dates -----------------------------------------------------------------------------------

DECEMBER_FIRST = datetime.datetime(2026, 12, 1, 14, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "date", "datetime_"),
    [
        ("en", "1 Dec 2026", "1 Dec 2026, 14:05"),
        ("fr", "1 déc. 2026", "1 déc. 2026 à 14:05"),
        ("ar", "1 ديسمبر 2026", "1 ديسمبر 2026، 14:05"),
    ],
)
def test_date_filter_is_unambiguous_and_localised(language, date, datetime_):
    context = {"value": DECEMBER_FIRST}
    with timezone.override(datetime.UTC):
        assert _render("{{ value|date }}", context, language=language) == date
        # Named formats templates already use read the same way: no "12/01/2026".
        assert _render('{{ value|date:"SHORT_DATE_FORMAT" }}', context, language=language) == date
        assert _render('{{ value|date:"DATETIME_FORMAT" }}', context, language=language) == (
            datetime_
        )


def test_access_request_list_shows_dates_with_the_month_in_letters(client, staff, city_a):
    from tests.hub.factories import AccessRequestFactory

    AccessRequestFactory(city=city_a, created_at=DECEMBER_FIRST)
    login(client, staff)
    html = client.get("/ar/access-requests/").content.decode()
    assert "1 ديسمبر 2026" in html
    assert "12/01/2026" not in html
    assert "01/12/2026" not in html


# --- Lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "comma", "conjunction", "pair"),
    [
        ("en", "Tunis, Paris, Rabat", "Tunis, Paris, and Rabat", "Tunis and Paris"),
        ("fr", "Tunis, Paris, Rabat", "Tunis, Paris et Rabat", "Tunis et Paris"),
        ("ar", "Tunis، Paris، Rabat", "Tunis وParis وRabat", "Tunis وParis"),
    ],
)
def test_format_list_uses_the_languages_separators(language, comma, conjunction, pair):
    with translation.override(language):
        assert format_list(["Tunis", "Paris", "Rabat"]) == comma
        assert format_list(["Tunis", "Paris", "Rabat"], style="and") == conjunction
        assert format_list(["Tunis", "Paris"], style="and") == pair
        assert format_list(["Tunis"]) == "Tunis"
        assert format_list([]) == ""


def test_format_list_refuses_an_unknown_style():
    with pytest.raises(ValueError, match="Unknown list style"):
        format_list(["a", "b"], style="or")


def test_join_list_filter_escapes_and_isolates_each_item():
    html = _render(
        "{{ names|join_list }}", {"names": ["Tripoli", "<b>Sfax</b>", "صفاقس"]}, language="ar"
    )
    assert html == "<bdi>Tripoli</bdi>، <bdi>&lt;b&gt;Sfax&lt;/b&gt;</bdi>، <bdi>صفاقس</bdi>"
    assert _render('{{ names|join_list:"and" }}', {"names": ["A", "B"]}, language="fr") == (
        "<bdi>A</bdi> et <bdi>B</bdi>"
    )
    assert _render("{{ names|join_list }}", {"names": []}, language="en") == ""


def test_list_separator_tag_is_the_languages_comma():
    assert _render("a{% list_separator %}b", language="ar") == "a، b"
    assert _render("a{% list_separator %}b", language="fr") == "a, b"


def test_bdi_filter_keeps_a_translated_message_and_isolates_the_name():
    html = _render(
        "{% load i18n %}{% blocktranslate with name=n|bdi %}Access request from {{ name }}"
        "{% endblocktranslate %}",
        {"n": "Karim <Haddad>"},
        language="en",
    )
    assert html == "Access request from <bdi>Karim &lt;Haddad&gt;</bdi>"


def test_profile_lists_roles_with_the_languages_comma(client, city_a):
    member = UserFactory(city=city_a, roles=["official", "focal_point"])
    login(client, member)
    html = client.get("/ar/profile/").content.decode()
    assert "<bdi>مسؤول بلدي</bdi>، <bdi>جهة الاتصال في المدينة</bdi>" in html


# --- Alphabetical order ----------------------------------------------------------------------


@pytest.fixture
def countries(db):
    region = RegionFactory(name_en="Test region", slug="test-region")
    names = [
        # English, French, Arabic: in code-point order "Égypte" would come after "Zambie", and
        # أ, إ and ا would be three letters; ICU sorts them as readers do.
        ("Egypt", "Égypte", "مصر", "EG"),
        ("Spain", "Espagne", "إسبانيا", "ES"),
        ("Germany", "Allemagne", "ألمانيا", "DE"),
        ("United States", "États-Unis", "الولايات المتحدة", "US"),
        ("Zambia", "Zambie", "زامبيا", "ZM"),
        ("Afghanistan", "Afghanistan", "أفغانستان", "AF"),
        ("Iran", "Iran", "إيران", "IR"),
        ("Yemen", "Yémen", "اليمن", "YE"),
    ]
    for en, fr, ar, iso in names:
        country = CountryFactory(name_en=en, name_fr=fr, name_ar=ar, iso_code=iso, region=region)
        CityFactory(
            name_en=f"Capital of {en}", name_fr=f"Capitale {fr}", name_ar=ar, country=country
        )


def test_sorted_by_name_orders_french_names_as_french_readers_do(countries):
    with translation.override("fr"):
        names = [str(c) for c in sorted_by_name(Country.objects.all())]
    assert names == [
        "Afghanistan",
        "Allemagne",
        "Égypte",
        "Espagne",
        "États-Unis",
        "Iran",
        "Yémen",
        "Zambie",
    ]


def test_sorted_by_name_orders_arabic_names_as_arabic_readers_do(countries):
    with translation.override("ar"):
        names = [str(c) for c in Country.objects.in_name_order()]
    # Alef with or without hamza is one letter: after it, ف < ل < ي < س.
    assert names == [
        "إسبانيا",
        "أفغانستان",
        "ألمانيا",
        "الولايات المتحدة",
        "اليمن",
        "إيران",
        "زامبيا",
        "مصر",
    ]


def test_sorted_by_name_sorts_fetched_objects_and_strings_too(countries):
    with translation.override("fr"):
        fetched = list(Country.objects.order_by("iso_code"))
        assert [str(c) for c in sorted_by_name(fetched)][:3] == [
            "Afghanistan",
            "Allemagne",
            "Égypte",
        ]
    assert sorted_by_name(["Zambie", "Égypte", "espagne"]) == ["Égypte", "espagne", "Zambie"]
    assert sorted_by_name(["اليمن", "إيران", "أفغانستان"]) == ["أفغانستان", "اليمن", "إيران"]


def test_sorted_by_name_falls_back_to_the_name_shown_when_a_translation_is_missing(countries):
    Region.objects.filter(slug="test-region").update(name_fr="")
    RegionFactory(name_en="Another region", name_fr="Zone", slug="another-region")
    with translation.override("fr"):
        # The first shows as "Test region" (its English name), which sorts before "Zone".
        assert [str(r) for r in Region.objects.in_name_order()] == ["Test region", "Zone"]


@pytest.mark.parametrize(
    ("language", "first_three"),
    [
        ("fr", ["Capitale Afghanistan", "Capitale Allemagne", "Capitale Égypte"]),
        ("ar", ["إسبانيا", "أفغانستان", "ألمانيا"]),
    ],
)
def test_access_request_form_lists_cities_in_the_readers_alphabet(countries, language, first_three):
    with translation.override(language):
        form = AccessRequestForm()
        labels = [str(label) for value, label in form.fields["city"].choices if value]
    assert [label.split(" (")[0] for label in labels[:3]] == first_three


def test_request_access_page_lists_cities_in_french_order(client, countries):
    html = client.get("/fr/request-access/").content.decode()
    options = re.findall(r'<option value="\d+">([^<(]+) \(', html)
    assert options == sorted(options, key=lambda name: name.replace("É", "E"))
    assert options.index("Capitale Égypte") < options.index("Capitale Espagne")


# --- Labels ----------------------------------------------------------------------------------


def _all_text_choices():
    from hub.models.accounts import AccessRequest, Role
    from library.models import Document

    return [
        Role,
        AccessRequest.Status,
        Document.Kind,
        Document.Visibility,
        Document.Status,
        Document.Extraction,
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_role_type_and_status_labels_are_capitalised(language):
    with translation.override(language):
        for choices in _all_text_choices():
            assert issubclass(choices, models.TextChoices)
            for label in choices.labels:
                assert str(label)[0].isupper(), (choices, str(label))


def test_role_labels_are_translated():
    from hub.models.accounts import Role

    with translation.override("fr"):
        assert str(Role.OFFICIAL.label) == "Responsable municipal"
    with translation.override("ar"):
        assert str(Role.FOCAL_POINT.label) == "جهة الاتصال في المدينة"


def test_profile_language_choices_are_named_in_their_own_language_with_lang(member_a):
    with translation.override("ar"):
        form = ProfileForm(instance=member_a)
        html = str(form["language"])
    # The names the language switcher shows (Django's name_local).
    assert '<option value="en" selected lang="en">English</option>' in html
    assert '<option value="fr" lang="fr">français</option>' in html
    assert '<option value="ar" lang="ar">العربيّة</option>' in html


# --- Language across login -------------------------------------------------------------------


@pytest.mark.parametrize(("page", "profile"), [("ar", "en"), ("en", "ar"), ("fr", "ar")])
def test_login_lands_in_the_login_pages_language_and_remembers_it(client, city_a, page, profile):
    member = UserFactory(city=city_a, language=profile)
    response = client.post(
        f"/{page}/accounts/login/", {"login": member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{page}/"
    member.refresh_from_db()
    assert member.language == page
    assert response.cookies["hub_language"].value == page
    home = client.get(response["Location"])
    assert f'<html lang="{page}"'.encode() in home.content


def test_login_sends_on_to_the_next_page_in_the_login_pages_language(client, city_a):
    member = UserFactory(city=city_a, language="en")
    response = client.post(
        "/ar/accounts/login/?next=/en/cities/%3Fregion%3Deurope",
        {"login": member.email, "password": PASSWORD},
    )
    assert response["Location"] == "/ar/cities/?region=europe"


def test_failed_login_changes_no_profile_language(client, city_a):
    member = UserFactory(city=city_a, language="en")
    response = client.post("/ar/accounts/login/", {"login": member.email, "password": "wrong"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.language == "en"


def test_language_switch_on_the_login_page_carries_the_next_page_along(client):
    response = client.post(
        reverse("hub:language-set"),
        {"language": "ar", "next": "/en/accounts/login/?next=/en/library/"},
    )
    assert response["Location"] == "/ar/accounts/login/?next=/ar/library/"
    assert response.cookies["hub_language"]["max-age"] == 365 * 24 * 60 * 60


def test_staff_login_keeps_the_language_through_two_factor_setup(client):
    curator = UserFactory(staff=True, email="curator@scn.example")
    response = client.post(
        "/ar/accounts/login/", {"login": curator.email, "password": PASSWORD}, follow=True
    )
    # Sent on to set up two-factor authentication, after confirming the password, in Arabic.
    assert [url for url, _status in response.redirect_chain] == [
        "/ar/",
        "/ar/accounts/2fa/totp/activate/",
        "/ar/accounts/reauthenticate/?next=%2Far%2Faccounts%2F2fa%2Ftotp%2Factivate%2F",
    ]
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # Every message on the page is in Arabic: allauth's, and the hub's.
    messages = re.findall(r'<li class="message[^"]*">([^<]*)</li>', html)
    assert len(messages) == 2
    for message in messages:
        # The member's name is the only Latin text, isolated from the Arabic around it.
        assert f"\u2068{curator.name}\u2069" in message or "\u2068" not in message
        outside_name = re.sub("\u2068[^\u2069]*\u2069", "", message)
        assert re.search("[\u0600-\u06ff]", outside_name)
        assert not re.search("[A-Za-z]", outside_name), message
    curator.refresh_from_db()
    assert curator.language == "ar"


def test_recovery_codes_page_after_activation_has_a_continue_button(client):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    curator = UserFactory(staff=True, email="curator@scn.example")
    client.post("/fr/accounts/login/", {"login": curator.email, "password": PASSWORD})
    client.post("/fr/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/fr/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/fr/accounts/2fa/totp/activate/", {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == "/fr/accounts/2fa/recovery-codes/"
    html = response.content.decode()
    assert '<a class="button primary" href="/fr/">Continuer</a>' in html
    assert '<html lang="fr"' in html


# --- Forms: error summary, fields, buttons ---------------------------------------------------


def test_error_summary_links_each_field_in_error_and_takes_the_focus(client, city_a):
    response = client.post("/en/request-access/", {"name": "", "email": "not an email"})
    assert response.status_code == 400
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S).group(0)
    assert 'tabindex="-1"' in summary
    assert "data-error-summary" in summary
    links = dict(re.findall(r'<a href="#(id_\w+)">([^<]+)</a>', summary))
    assert set(links) == {
        "id_name",
        "id_email",
        "id_city",
        "id_role",
        "id_organisation",
        "id_reason",
    }
    assert links["id_email"].startswith("Work email address: ")
    # Each link points at a field that is on the page.
    for field_id in links:
        assert f'id="{field_id}"' in html


def test_error_summary_shows_form_wide_errors_once(client, member_a):
    response = client.post(
        "/en/accounts/login/", {"login": member_a.email, "password": "wrong password"}
    )
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    message = re.search(r"<li>([^<]+)</li>", summary).group(1).strip()
    assert message
    assert html.count(message) == 1


def test_error_summary_is_absent_from_a_form_without_errors(client):
    assert b"error-summary" not in client.get("/en/request-access/").content


def test_login_page_offers_the_password_reset_once_and_a_primary_log_in_button(client):
    html = client.get("/fr/accounts/login/").content.decode()
    assert html.count("Mot de passe oublié ?") == 1
    assert re.search(r'<button class="primary" type="submit">\s*Se connecter\s*</button>', html)
    # "Remember me" is drawn beside its checkbox.
    assert re.search(
        r'<span class="form-field__choice"><input type="checkbox" name="remember"[^>]*>'
        r' <label for="id_remember">',
        html,
    )


def test_allauth_buttons_take_the_hubs_button_kinds():
    from hub.templatetags.hub_tags import button_kind

    assert button_kind({"type": "submit"}) == "primary"
    assert button_kind({"type": "submit", "tags": ["prominent", "login"]}) == "primary"
    assert button_kind({"href": "/x/", "tags": ["panel"]}) == "primary"
    assert button_kind({"href": "/x/"}) == "secondary"
    assert button_kind({"type": "submit", "tags": ["outline", "primary", "cancel"]}) == "secondary"
    assert button_kind({"type": "submit", "tags": ["link", "mfa", "cancel"]}) == "link-button"
    assert button_kind({"type": "submit", "tags": ["danger", "delete"]}) == "danger"


def test_flash_messages_are_a_list_inside_a_status_region(client, member_a):
    login(client, member_a)
    response = client.post(
        reverse("hub:profile"),
        {"name": "Nadia", "organisation": "Town hall", "language": "en"},
        follow=True,
    )
    html = response.content.decode()
    assert re.search(
        r'<div class="messages-region" role="status">\s*<ul class="messages">\s*<li class="message',
        html,
    )
    assert '<ul class="messages" role="status">' not in html


def test_access_request_page_isolates_what_the_applicant_wrote(client, staff, city_a):
    from tests.hub.factories import AccessRequestFactory

    access_request = AccessRequestFactory(city=city_a, name="Karim", reason="Demo request.")
    login(client, staff)
    html = client.get(f"/ar/access-requests/{access_request.pk}/").content.decode()
    assert "<bdi>Karim</bdi>" in html
    assert '<dd class="prose" dir="auto">Demo request.</dd>' in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "كلمة المرور هذه قصيرة جدا"),
        ("fr", "Ce mot de passe est trop court. Il doit contenir au moins 12 caractères."),
    ],
)
def test_password_change_errors_are_in_the_pages_language(client, member_a, language, expected):
    login(client, member_a)
    response = client.post(
        f"/{language}/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "short", "password2": "short"},
    )
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert '<a href="#id_password1">' in summary
    assert expected in summary
    assert "too short" not in html
