"""The city page: what each reader sees of a member city, and what they never see."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cityprofiles.models import ContactPolicy, Practice, Provenance
from tests.cityprofiles.factories import (
    ChallengeFactory,
    ExchangeFactory,
    NetworkFactory,
    PartnerCityFactory,
    PracticeFactory,
    profile_of,
)
from tests.conftest import login
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def url_of(city) -> str:
    return reverse("cityprofiles:city", kwargs={"slug": city.slug})


def _section(response, heading_id: str) -> str:
    """The HTML of the <section> labelled by `heading_id`."""
    html = response.content.decode()
    match = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, flags=re.DOTALL
    )
    assert match, f"no section {heading_id}"
    return match.group(0)


@pytest.fixture
def written(city_a, city_b, member_a):
    """City A's published profile: overview, a challenge, a practice, a network, an exchange."""
    mentoring, youth = (
        ThemeFactory(name_en="Mentoring", name_fr="Mentorat"),
        ThemeFactory(name_en="Youth engagement"),
    )
    plan = DocumentFactory(title_en="Aarhus local action plan", cities=[city_a])
    profile = profile_of(
        city_a,
        overview_en="Aarhus works with families and schools.",
        approach_en="Early, local, and with the people who know the young person.",
        population_band="250k_1m",
        languages=["da", "en"],
        local_action_plan=plan,
        published_at=timezone.now(),
    )
    ChallengeFactory(profile=profile, text_en="Online recruitment of teenagers", themes=[youth])
    evaluation = DocumentFactory(title_en="Evaluation of the mentoring scheme", cities=[city_a])
    practice = PracticeFactory(
        profile=profile,
        title_en="Mentors for young people",
        themes=[mentoring],
        evidence_level=Practice.Evidence.EVALUATED,
        evaluation=evaluation,
        contact=member_a,
        partners_en="The police and the schools",
        results_en="Fewer referrals after two years.",
    )
    network = NetworkFactory(profile=profile, name_en="Aarhus info house network")
    network_doc = DocumentFactory(title_en="Terms of the info house")
    network.documents.add(network_doc)
    ExchangeFactory(host=city_a, visitor=city_b, year=2019, provenance=Provenance.PROGRAMME_2019)
    return {"profile": profile, "practice": practice, "plan": plan, "evaluation": evaluation}


def test_city_page_shows_the_published_profile_to_a_member_of_another_city(
    client, city_a, member_a, member_b, written
):
    login(client, member_b)
    response = client.get(url_of(city_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aarhus works with families and schools." in html
    assert "Online recruitment of teenagers" in html
    assert "Youth engagement" in html
    assert "Early, local, and with the people who know the young person." in html
    assert "250,000 – 1 million" in html
    assert "Danish" in html
    assert "Aarhus local action plan" in html
    practice = _section(response, "practices-heading")
    for text in [
        "Mentors for young people",
        "Mentoring",
        "Young people (15–30)",
        "Running since 2017",
        "The police and the schools",
        "Fewer referrals after two years.",
        "Evaluated",
        "Evaluation of the mentoring scheme",
        "Person to ask",
    ]:
        assert text in practice, text
    assert re.search(rf"<bdi>{member_a.name}</bdi> <span class=\"badge\">City official", practice)
    network = _section(response, "network-heading")
    assert "Aarhus info house network" in network
    assert "7 members" in network  # 4 from the municipality, 3 from education
    assert "Terms of the info house" in network
    exchanges = _section(response, "exchanges-heading")
    assert "Hosted a delegation from" in exchanges
    assert "Mombasa Test" in exchanges
    assert "From the SCN Programme Summary (2019)" in exchanges


def test_city_page_links_put_me_in_touch_for_the_city_and_each_practice(
    client, city_a, member_b, written
):
    login(client, member_b)
    html = client.get(url_of(city_a)).content.decode()
    assert "introductions/new/?city=aarhus-test" in html
    assert f"introductions/new/?practice={written['practice'].key}" in html
    assert "Edit the profile" not in html


def test_city_page_offers_no_introduction_to_its_own_members(client, city_a, member_a, written):
    login(client, member_a)
    html = client.get(url_of(city_a)).content.decode()
    assert "introductions/new/" not in html
    assert "Cities like yours" in html


def test_city_page_respects_the_contact_policy(client, city_a, member_b, written):
    login(client, member_b)
    profile_of(city_a, contact_policy=ContactPolicy.PRACTICES)
    html = client.get(url_of(city_a)).content.decode()
    assert "introductions/new/?city=" not in html
    assert "introductions/new/?practice=" in html
    profile_of(city_a, contact_policy=ContactPolicy.PAUSED)
    html = client.get(url_of(city_a)).content.decode()
    assert "introductions/new/" not in html
    assert "Not taking introductions at present" in html


def test_city_page_offers_editing_to_the_focal_point_and_named_editors_only(
    client, city_a, focal_point_a, member_a, written
):
    login(client, focal_point_a)
    html = client.get(url_of(city_a)).content.decode()
    assert "Edit the profile" in html
    assert f'href="{url_of(city_a)}edit/"' in html
    client.logout()
    login(client, member_a)
    assert "Edit the profile" not in client.get(url_of(city_a)).content.decode()
    written["profile"].editors.add(member_a)
    assert "Edit the profile" in client.get(url_of(city_a)).content.decode()


def test_city_page_never_shows_a_city_only_document_of_another_city(
    client, city_a, city_b, member_a, member_b, staff
):
    """Library documents about city A that only city B may see stay hidden from everyone else,
    in every section that could list them; staff see them."""
    DocumentFactory(title_en="Open study of Aarhus", cities=[city_a])
    DocumentFactory(
        title_en="Secret plan of Mombasa about Aarhus",
        for_cities=True,
        contributing_city=city_b,
        cities=[city_a],
    )
    staff_only = DocumentFactory(title_en="Staff-only note on Aarhus", staff_only=True)
    staff_only.cities.add(city_a)
    restricted_plan = DocumentFactory(
        title_en="Restricted action plan", for_cities=True, contributing_city=city_b
    )
    restricted_eval = DocumentFactory(
        title_en="Restricted evaluation", for_cities=True, contributing_city=city_b
    )
    draft = DocumentFactory(title_en="Draft network paper", draft=True, contributing_city=city_a)
    profile = profile_of(city_a, overview_en="Aarhus.", local_action_plan=restricted_plan)
    PracticeFactory(profile=profile, evaluation=restricted_eval)
    network = NetworkFactory(profile=profile)
    network.documents.add(restricted_eval, draft)

    hidden = [
        "Secret plan of Mombasa about Aarhus",
        "Staff-only note on Aarhus",
        "Restricted action plan",
        "Restricted evaluation",
        "Draft network paper",
    ]
    login(client, member_a)
    html = client.get(url_of(city_a)).content.decode()
    assert "Open study of Aarhus" in html
    for title in hidden:
        assert title not in html, title
    # One document about the city that member A may see, and no more.
    assert "These documents about" in html
    assert [d.title for d in client.get(url_of(city_a)).context["page"].documents] == [
        "Open study of Aarhus"
    ]

    client.logout()
    login(client, member_b)
    html = client.get(url_of(city_a)).content.decode()
    assert "Secret plan of Mombasa about Aarhus" in html  # city B's own
    assert "Restricted action plan" in html
    assert "Staff-only note on Aarhus" not in html

    client.logout()
    login(client, staff)
    html = client.get(url_of(city_a)).content.decode()
    for title in hidden[:4]:
        assert title in html, title
    assert "Draft network paper" not in html  # published documents only, even for staff


def test_city_page_lists_members_names_and_roles_never_emails(
    client, city_a, member_a, member_b, focal_point_a, staff
):
    UserFactory(city=city_a, name="Gone Person", suspended=True)
    UserFactory(city=CityFactory(), name="Elsewhere Person")
    for reader in (member_b, staff):
        client.logout()
        login(client, reader)
        members = _section(client.get(url_of(city_a)), "members-heading")
        assert member_a.name in members
        assert focal_point_a.name in members
        assert "City focal point" in members
        assert "Gone Person" not in members
        assert "Elsewhere Person" not in members
        assert "@" not in members


def test_city_page_members_section_is_only_for_profile_readers(client, city_a, member_a):
    """Profiles (and the members' names with them) are for members and staff: an account of
    no city that is not staff (a translator) may not read the page."""
    translator = UserFactory(translator=True)
    login(client, translator)
    response = client.get(url_of(city_a))
    assert response.status_code == 403
    assert member_a.name.encode() not in response.content


def test_city_page_marks_a_fallback_translation(client, city_a, member_b):
    profile = profile_of(city_a, overview_ar="مدينة تعمل مع العائلات.", source_language="ar")
    PracticeFactory(
        profile=profile, title_en="", title_fr="Mentorat de quartier", source_language="fr"
    )
    login(client, member_b)
    html = client.get(url_of(city_a)).content.decode()
    assert '<div lang="ar" dir="rtl">مدينة تعمل مع العائلات.</div>' in html
    assert "In Arabic — not yet translated." in html
    assert '<span lang="fr" dir="ltr">Mentorat de quartier</span>' in html
    assert "In French — not yet translated." in html


def test_city_page_escapes_practice_texts_and_keeps_their_line_breaks(client, city_a, member_b):
    profile = profile_of(city_a, published_at=timezone.now())
    practice = PracticeFactory(
        profile=profile,
        title_en="Youth <script>alert(1)</script> & families",
        summary_en="First line.\nSecond <b>line</b>.",
        partners_en="Schools & <i>police</i>",
        results_en="",
    )
    login(client, member_b)
    section = _section(client.get(url_of(city_a)), "practices-heading")
    assert "<script>" not in section and "<b>" not in section and "<i>" not in section
    assert "Youth &lt;script&gt;alert(1)&lt;/script&gt; &amp; families" in section
    assert "First line.<br>Second &lt;b&gt;line&lt;/b&gt;." in section
    assert "Schools &amp; &lt;i&gt;police&lt;/i&gt;" in section
    assert "Results" not in section  # no results: no label
    assert f'id="practice-{practice.key}"' in section
    # The practice's link to ask about it names the practice, escaped, for screen readers.
    assert f"?practice={practice.key}" in section
    assert '<span class="visually-hidden"> — <bdi>Youth &lt;script&gt;' in section


def test_city_page_in_the_readers_language_is_not_marked(client, city_a, member_b):
    profile_of(city_a, overview_en="In English.", overview_fr="En français.")
    member_b.language = "fr"
    member_b.save()
    login(client, member_b)
    html = client.get(url_of(city_a).replace("/en/", "/fr/")).content.decode()
    assert '<div lang="fr" dir="ltr">En français.</div>' in html
    assert "pas encore traduit" not in html


def test_city_page_says_which_language_versions_exist(client, city_a, member_b):
    profile_of(
        city_a,
        overview_en="Overview.",
        overview_ar="نظرة عامة.",
        approach_en="Approach.",
        approach_ar="النهج.",
        published_at=timezone.now(),
    )
    login(client, member_b)
    response = client.get(url_of(city_a))
    assert response.context["page"].languages == ["en", "ar"]
    assert response.context["page"].partial_languages == []
    assert "Last published:" in response.content.decode()


def test_city_page_says_which_language_versions_are_partial(client, city_a, member_b):
    profile_of(city_a, overview_en="Overview.", approach_en="Approach.", overview_fr="Aperçu.")
    login(client, member_b)
    response = client.get(url_of(city_a))
    assert response.context["page"].languages == ["en"]
    assert response.context["page"].partial_languages == ["fr"]
    assert '<span class="badge badge--partial">French (in part)</span>' in response.content.decode()


def test_empty_profile_has_a_helpful_empty_state(client, city_a, member_b, focal_point_a):
    login(client, member_b)
    response = client.get(url_of(city_a))
    assert response.status_code == 200
    empty = _section(response, "empty-heading")
    assert "This city has not written its profile yet" in empty
    assert "Start the profile" not in empty
    assert response.context["page"].languages == []
    client.logout()
    login(client, focal_point_a)
    empty = _section(client.get(url_of(city_a)), "empty-heading")
    assert "Start the profile" in empty
    assert "edit/" in empty


def test_written_profile_has_no_empty_state(client, city_a, member_b, written):
    login(client, member_b)
    assert b"This city has not written its profile yet" not in client.get(url_of(city_a)).content


def test_city_page_sends_anonymous_people_to_log_in(client, city_a):
    response = client.get(url_of(city_a))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "slug", ["no-such-city", "a" * 121, "x" * 10_000, "%C3%A9t%C3%A9", "..", "city%00"]
)
def test_city_page_is_404_for_anything_but_a_city(client, member_a, slug):
    login(client, member_a)
    response = client.get(f"/en/cities/{slug}/")
    assert response.status_code == 404


def test_city_page_labels_partner_cities_as_not_members(client, city_a, member_b):
    partner = PartnerCityFactory(name_en="Irbid", country=city_a.country)
    NetworkFactory(profile=None, partner_city=partner, name_en="Irbid prevention network")
    PartnerCityFactory(name_en="Faraway partner")
    login(client, member_b)
    partners = _section(client.get(url_of(city_a)), "partners-heading")
    assert "Irbid" in partners
    assert "Partner city, not a member" in partners
    assert "they are not members of the network" in partners
    assert "Irbid prevention network" in partners
    assert "Faraway partner" not in partners


def test_city_page_shows_exchanges_in_both_directions(client, city_a, city_b, member_a):
    ExchangeFactory(host=city_b, visitor=city_a, year=2019, month=3)
    login(client, member_a)
    exchanges = _section(client.get(url_of(city_b)), "exchanges-heading")
    assert "Hosted a delegation from" in exchanges
    assert "Aarhus Test" in exchanges
    assert "March 2019" in exchanges
    exchanges = _section(client.get(url_of(city_a)), "exchanges-heading")
    assert "Sent a delegation to" in exchanges
    assert "Mombasa Test" in exchanges


def test_city_page_shows_cities_like_this_one(client, city_a, city_b, member_b):
    theme = ThemeFactory(name_en="Mentoring")
    ChallengeFactory(profile=profile_of(city_a), themes=[theme])
    PracticeFactory(profile=profile_of(city_b), themes=[theme])
    login(client, member_b)
    response = client.get(url_of(city_a))
    similar = _section(response, "similar-heading")
    assert "Cities like this one" in similar
    assert "Mombasa Test" in similar
    assert "Shared theme:" in similar
    assert "Mentoring" in similar


def test_city_page_in_arabic(client, city_a, member_b, written):
    login(client, member_b)
    response = client.get(url_of(city_a).replace("/en/", "/ar/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # English content on an Arabic page keeps its own direction.
    assert 'lang="en" dir="ltr"' in html


def test_city_page_lists_the_most_recently_published_documents_and_links_to_all(
    client, city_a, member_b
):
    from datetime import timedelta

    now = timezone.now()
    for i in range(12):
        DocumentFactory(
            title_en=f"Aarhus paper {i:02}", cities=[city_a], published_at=now - timedelta(days=i)
        )
    login(client, member_b)
    response = client.get(url_of(city_a))
    titles = [d.title for d in response.context["page"].documents]
    assert titles == [f"Aarhus paper {i:02}" for i in range(10)]
    documents = _section(response, "documents-heading")
    assert "All the documents about" in documents
    assert "/library/?city=aarhus-test" in documents


def test_city_page_shows_the_facts_other_apps_register(client, city_a, member_a, member_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hub.city_facts import register_city_fact, registered_city_facts, unregister_city_fact
    from hub.models import User

    login(client, member_b)
    client.get(url_of(city_a))  # what a first request reads once (the reader's session)
    with CaptureQueriesContext(connection) as without:
        response = client.get(url_of(city_a))
    assert "counted by the test fact" not in response.content.decode()

    register_city_fact(
        "test-members",
        order=10,
        count=lambda city: User.objects.filter(city=city).count(),
        label=lambda n: f"{n} members counted by the test fact",
        url=lambda city: f"/en/test-facts/?city={city.slug}",
    )
    register_city_fact(
        "test-zero", order=20, count=lambda city: 0, label=lambda n: f"{n} zero facts"
    )
    register_city_fact(
        "test-not-here", order=5, count=lambda city: None, label=lambda n: "never shown"
    )
    try:
        with CaptureQueriesContext(connection) as with_facts:
            response = client.get(url_of(city_a))
        facts = _section(response, "facts-on-hub-heading")
        # In page order; a count of 0 is said, a fact that does not apply is left out.
        assert facts.index("1 members counted by the test fact") < facts.index("0 zero facts")
        assert '<a href="/en/test-facts/?city=aarhus-test">1 members counted' in facts
        assert "<li>0 zero facts</li>" in facts
        assert "never shown" not in facts
        # One query for the fact that counts; none for the others.
        assert len(with_facts.captured_queries) == len(without.captured_queries) + 1
        # Replaced, not added, when registered again under the same key (ready() may run twice).
        register_city_fact("test-zero", order=1, count=lambda city: 2, label=lambda n: f"{n} z")
        assert [f.key for f in registered_city_facts()][:3] == [
            "test-zero",
            "test-not-here",
            "test-members",
        ]
    finally:
        for key in ("test-members", "test-zero", "test-not-here"):
            unregister_city_fact(key)
    assert not [f for f in registered_city_facts() if f.key.startswith("test-")]
    response = client.get(url_of(city_a))
    assert "counted by the test fact" not in response.content.decode()
