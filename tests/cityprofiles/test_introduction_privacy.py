"""The introduction never leaks: before the counterpart accepts, neither side's name or email
reaches the other, on any page, email, error or fragment they can reach; once accepted, both
emails carry both identities, each in its recipient's language."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cityprofiles.models import Introduction
from cityprofiles.services import introductions as services
from tests.cityprofiles.factories import PracticeFactory, profile_of
from tests.conftest import login
from tests.hub.factories import CityFactory, UserFactory

pytestmark = pytest.mark.django_db

# Distinctive enough to be found anywhere, in any case or escaping.
REQUESTER = {"name": "Zenobia Quillfeather", "email": "zenobia.secret@asker.example"}
COUNTERPART = {"name": "Oswaldo Brightwater", "email": "oswaldo.hidden@answer.example"}
COLLEAGUE = {"name": "Philippa Lanternwick", "email": "philippa.quiet@answer.example"}


def _secrets(person: dict[str, str]) -> list[str]:
    first, last = person["name"].split()
    local = person["email"].split("@")[0]
    return [first, last, person["email"], local]


def _assert_hidden(text: str, person: dict[str, str], where: str) -> None:
    lowered = text.lower()
    for secret in _secrets(person):
        assert secret.lower() not in lowered, f"{secret!r} leaked in {where}"


@pytest.fixture
def people(db):
    home, away = CityFactory(name_en="Askerton"), CityFactory(name_en="Answerby")
    requester = UserFactory(city=home, language="en", **REQUESTER)
    counterpart = UserFactory(city=away, focal_point=True, language="ar", **COUNTERPART)
    colleague = UserFactory(city=away, practitioner=True, language="fr", **COLLEAGUE)
    staff = UserFactory(staff=True, email="broker@scn.example", name="Staff Broker")
    return {
        "requester": requester,
        "counterpart": counterpart,
        "colleague": colleague,
        "staff": staff,
        "away": away,
    }


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _pages(client, user, introduction: Introduction, *, side: str) -> dict[str, str]:
    """Every page (and error page) of `side` about the request, as `user` sees it (in a
    browser of their own: no cookie of another person's visit)."""
    translation.activate("en")  # a request leaves its language active: reverse in English
    client = Client()
    login(client, user)
    pk = introduction.pk
    urls = {"list": reverse("cityprofiles:introduction-list")}
    if side == "requester":
        urls["detail"] = reverse("cityprofiles:introduction-detail", args=[pk])
    else:
        urls["offer"] = reverse("cityprofiles:introduction-offer", args=[pk])
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    for language in ("fr", "ar"):
        for name, url in urls.items():
            pages[f"{name}-{language}"] = client.get(
                url.replace("/en/", f"/{language}/")
            ).content.decode()
    if side == "counterpart" and introduction.status == Introduction.Status.FORWARDED:
        # The error pages of the counterpart's forms: a reason too long, no colleague.
        decline = reverse("cityprofiles:introduction-decline", args=[pk])
        pages["decline-error"] = client.post(decline, {"reason": "x" * 10_000}).content.decode()
        delegate = reverse("cityprofiles:introduction-delegate", args=[pk])
        pages["delegate-error"] = client.post(delegate, {"colleague": "0"}).content.decode()
    if side == "requester":
        # The request form for the same city again, and its error page.
        new = reverse("cityprofiles:introduction-create")
        pages["new"] = client.get(new, {"city": introduction.city.slug}).content.decode()
        pages["new-error"] = client.post(
            new, {"city": introduction.city.slug, "message": "x" * 10_000}
        ).content.decode()
    client.logout()
    return pages


def _titles(pages: dict[str, str]) -> str:
    return " ".join(re.findall(r"<title>(.*?)</title>", " ".join(pages.values()), re.S))


def test_nothing_leaks_before_acceptance_and_both_learn_everything_after(
    client, people, commit, mailoutbox
):
    requester, counterpart, staff = people["requester"], people["counterpart"], people["staff"]
    practice = PracticeFactory(profile=profile_of(people["away"]), contact=None)
    with commit():
        introduction = services.introduction_request(
            by=requester, practice=practice, message="How do your mentoring circles work?"
        )
        services.introduction_forward(introduction=introduction, by=staff, note="Good match.")
    introduction.refresh_from_db()
    assert introduction.counterpart == counterpart

    # Forwarded: the counterpart's email and pages name the requester's city and role only.
    [forwarded] = mailoutbox
    assert forwarded.to == [counterpart.email]
    assert "Askerton" in forwarded.body or "مدينة" in forwarded.body
    _assert_hidden(
        forwarded.subject + forwarded.body + str(forwarded.alternatives),
        REQUESTER,
        "forwarded email",
    )
    counterpart_pages = _pages(client, counterpart, introduction, side="counterpart")
    assert "How do your mentoring circles work?" in counterpart_pages["offer"]
    for where, html in counterpart_pages.items():
        _assert_hidden(html, REQUESTER, f"counterpart's {where} page")
    _assert_hidden(_titles(counterpart_pages), REQUESTER, "page titles")

    # The requester's pages do not name the counterpart either.
    requester_pages = _pages(client, requester, introduction, side="requester")
    assert "Forwarded to the counterpart" in requester_pages["detail"]
    for where, html in requester_pages.items():
        _assert_hidden(html, COUNTERPART, f"requester's {where} page")

    # Passed to a colleague: the colleague's email is as discreet.
    colleague = people["colleague"]
    with commit():
        services.introduction_delegate(
            introduction=introduction, by=counterpart, colleague=colleague
        )
    [_, delegated] = mailoutbox
    assert delegated.to == [colleague.email]
    _assert_hidden(delegated.subject + delegated.body, REQUESTER, "delegated email")
    colleague_pages = _pages(client, colleague, introduction, side="counterpart")
    for where, html in colleague_pages.items():
        _assert_hidden(html, REQUESTER, f"colleague's {where} page")
    for where, html in _pages(client, requester, introduction, side="requester").items():
        _assert_hidden(html, COLLEAGUE, f"requester's {where} page")

    # Accepted: each receives the other's name, role, city and email, in their own language.
    mailoutbox.clear()
    with commit():
        services.introduction_accept(introduction=introduction, by=colleague)
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {requester.email, colleague.email}
    to_requester, to_colleague = by_recipient[requester.email], by_recipient[colleague.email]
    for text in (COLLEAGUE["name"], COLLEAGUE["email"], "Answerby", "Practitioner"):
        assert text in to_requester.body
    assert "What the request said:" in to_requester.body  # English
    for text in (REQUESTER["name"], REQUESTER["email"], "Ville Askerton", "Responsable"):
        assert text in to_colleague.body, text
    assert "Ce que disait la demande" in to_colleague.body  # French
    assert "How do your mentoring circles work?" in to_requester.body + to_colleague.body
    # And the pages show each other now.
    login(client, requester)
    detail = client.get(reverse("cityprofiles:introduction-detail", args=[introduction.pk]))
    assert COLLEAGUE["email"] in detail.content.decode()


def test_declines_and_expiry_never_name_the_counterpart(client, people, commit, mailoutbox):
    requester, counterpart, staff = people["requester"], people["counterpart"], people["staff"]
    with commit():
        declined = services.introduction_request(by=requester, city=people["away"], message="A")
        services.introduction_forward(introduction=declined, by=staff)
        services.introduction_decline(
            introduction=declined, by=counterpart, reason="We stopped the programme."
        )
        expiring = services.introduction_request(by=requester, city=people["away"], message="B")
        services.introduction_forward(introduction=expiring, by=staff)
        Introduction.objects.filter(pk=expiring.pk).update(expires_at=expiring.created_at)
        services.introductions_expire()
    to_requester = [m for m in mailoutbox if m.to == [requester.email]]
    assert len(to_requester) == 2
    for message in to_requester:
        _assert_hidden(message.subject + message.body, COUNTERPART, "email to the requester")
    declined.refresh_from_db()
    for where, html in _pages(client, requester, declined, side="requester").items():
        _assert_hidden(html, COUNTERPART, f"declined {where} page")
    # The counterpart, who declined, still does not learn who asked.
    for where, html in _pages(client, counterpart, declined, side="counterpart").items():
        _assert_hidden(html, REQUESTER, f"counterpart's declined {where} page")


def test_withdrawal_never_names_the_requester(people, commit, mailoutbox):
    requester, counterpart, staff = people["requester"], people["counterpart"], people["staff"]
    with commit():
        intro = services.introduction_request(by=requester, city=people["away"], message="C")
        services.introduction_forward(introduction=intro, by=staff)
        services.introduction_withdraw(introduction=intro, by=requester)
    [_, withdrawn] = mailoutbox
    assert withdrawn.to == [counterpart.email]
    _assert_hidden(withdrawn.subject + withdrawn.body, REQUESTER, "withdrawal email")


def test_the_follow_up_email_names_only_the_people_already_introduced(people, commit, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    requester, counterpart, staff = people["requester"], people["counterpart"], people["staff"]
    with commit():
        intro = services.introduction_request(by=requester, city=people["away"], message="D")
        services.introduction_forward(introduction=intro, by=staff)
        services.introduction_accept(introduction=intro, by=counterpart)
    mailoutbox.clear()
    Introduction.objects.filter(pk=intro.pk).update(
        introduced_at=timezone.now() - timedelta(days=31)
    )
    with commit():
        services.introductions_follow_up()
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert REQUESTER["name"] in by_recipient[counterpart.email].subject
    assert COUNTERPART["name"] in by_recipient[requester.email].subject
    _assert_hidden(by_recipient[requester.email].body, COLLEAGUE, "follow-up email")
