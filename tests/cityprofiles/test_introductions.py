"""Introductions: every transition and its refusals, the limits, and bad input on every form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cityprofiles import audit
from cityprofiles.models import ContactPolicy, Introduction
from cityprofiles.services import introductions as services
from hub.errors import NotAllowed
from hub.models import AuditEvent
from tests.cityprofiles.factories import (
    ForwardedIntroductionFactory,
    IntroducedFactory,
    IntroductionFactory,
    PracticeFactory,
    profile_of,
)
from tests.conftest import login
from tests.hub.factories import UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "How did you set up mentoring with schools?"


@pytest.fixture
def focal_point_b(city_b):
    return UserFactory(city=city_b, focal_point=True, email="focal.b@city.example", language="fr")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a service enqueues after commit (the emails), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _actions(introduction) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(introduction.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- Asking -----------------------------------------------------------------------------------


def test_introduction_request_stores_an_open_request_that_expires(member_a, city_b, settings):
    settings.HUB_INTRODUCTION_EXPIRY_DAYS = 10
    intro = services.introduction_request(by=member_a, city=city_b, message=f"  {MESSAGE}  ")
    assert intro.status == Introduction.Status.REQUESTED
    assert (intro.requester, intro.requester_city, intro.city) == (member_a, member_a.city, city_b)
    assert intro.message == MESSAGE
    assert intro.expires_at - intro.created_at == timedelta(days=10)
    assert _actions(intro) == [audit.INTRODUCTION_REQUESTED]


def test_introduction_request_about_a_practice_goes_to_its_city(member_a, city_b):
    practice = PracticeFactory(profile=profile_of(city_b))
    intro = services.introduction_request(by=member_a, practice=practice, message=MESSAGE)
    assert (intro.city, intro.practice) == (city_b, practice)


def test_introduction_request_to_ones_own_city_is_refused(member_a, city_a):
    with pytest.raises(services.OwnCity):
        services.introduction_request(by=member_a, city=city_a, message=MESSAGE)
    practice = PracticeFactory(profile=profile_of(city_a))
    with pytest.raises(services.OwnCity):
        services.introduction_request(by=member_a, practice=practice, message=MESSAGE)
    assert not Introduction.objects.exists()


def test_introduction_request_respects_the_contact_policy(member_a, city_b):
    profile = profile_of(city_b, contact_policy=ContactPolicy.PAUSED)
    with pytest.raises(services.ContactPaused):
        services.introduction_request(by=member_a, city=city_b, message=MESSAGE)
    profile.contact_policy = ContactPolicy.PRACTICES
    profile.save()
    with pytest.raises(services.PracticeRequired):
        services.introduction_request(by=member_a, city=city_b, message=MESSAGE)
    assert not Introduction.objects.exists()
    practice = PracticeFactory(profile=profile)
    assert services.introduction_request(by=member_a, practice=practice, message=MESSAGE)


def test_introduction_request_is_refused_to_staff_and_needs_a_message(staff, member_a, city_b):
    with pytest.raises(NotAllowed):
        services.introduction_request(by=staff, city=city_b, message=MESSAGE)
    with pytest.raises(ValidationError) as blank:
        services.introduction_request(by=member_a, city=city_b, message="   ")
    assert blank.value.code == "message_required"
    with pytest.raises(ValidationError) as long:
        services.introduction_request(by=member_a, city=city_b, message="x" * 2001)
    assert long.value.code == "too_long"
    assert not Introduction.objects.exists()


def test_introduction_request_limits_open_requests_per_member(member_a, settings):
    settings.HUB_INTRODUCTION_MAX_OPEN = 2
    cities = [UserFactory().city for _ in range(4)]
    services.introduction_request(by=member_a, city=cities[0], message=MESSAGE)
    second = services.introduction_request(by=member_a, city=cities[1], message=MESSAGE)
    with pytest.raises(services.TooManyOpen):
        services.introduction_request(by=member_a, city=cities[2], message=MESSAGE)
    # A request that is no longer open frees its place.
    services.introduction_withdraw(introduction=second, by=member_a)
    assert services.introduction_request(by=member_a, city=cities[2], message=MESSAGE)
    assert Introduction.objects.open().filter(requester=member_a).count() == 2


# --- Staff ------------------------------------------------------------------------------------


def test_staff_forward_to_the_practice_contact_else_the_focal_point(
    member_a, city_b, focal_point_b, staff, commit, mailoutbox
):
    contact = UserFactory(city=city_b, practitioner=True, email="contact.b@city.example")
    practice = PracticeFactory(profile=profile_of(city_b), contact=contact)
    to_practice = services.introduction_request(by=member_a, practice=practice, message=MESSAGE)
    to_city = services.introduction_request(by=member_a, city=city_b, message=MESSAGE)
    with commit():
        services.introduction_forward(introduction=to_practice, by=staff, note="Worth a chat.")
        services.introduction_forward(introduction=to_city, by=staff)
    to_practice.refresh_from_db()
    to_city.refresh_from_db()
    assert (to_practice.status, to_practice.counterpart) == ("forwarded", contact)
    assert to_practice.staff_note == "Worth a chat."
    assert (to_city.counterpart, to_city.forwarded_by) == (focal_point_b, staff)
    assert sorted(m.to[0] for m in mailoutbox) == [contact.email, focal_point_b.email]
    assert _actions(to_city) == [audit.INTRODUCTION_REQUESTED, audit.INTRODUCTION_FORWARDED]
    # An inactive contact: the focal point gets it.
    contact.is_active = False
    contact.save()
    third = IntroductionFactory(city=city_b, practice=practice)
    assert services.introduction_forward(introduction=third, by=staff).counterpart == focal_point_b


def test_forward_with_nobody_to_forward_to_is_refused(member_a, city_b, staff):
    intro = services.introduction_request(by=member_a, city=city_b, message=MESSAGE)
    with pytest.raises(services.NoCounterpart):
        services.introduction_forward(introduction=intro, by=staff)
    intro.refresh_from_db()
    assert intro.status == "requested"


def test_forward_gives_the_counterpart_the_full_time_to_answer(staff, focal_point_b, city_b):
    intro = IntroductionFactory(city=city_b, expires_at=timezone.now() + timedelta(days=1))
    forwarded = services.introduction_forward(introduction=intro, by=staff)
    assert forwarded.expires_at > timezone.now() + timedelta(days=20)


def test_staff_decline_tells_the_requester_in_their_language(staff, city_b, commit, mailoutbox):
    requester = UserFactory(language="ar")
    intro = IntroductionFactory(requester=requester, city=city_b)
    with pytest.raises(ValidationError):
        services.introduction_staff_decline(introduction=intro, by=staff, reason=" ")
    with commit():
        services.introduction_staff_decline(introduction=intro, by=staff, reason="Out of scope.")
    intro.refresh_from_db()
    assert (intro.status, intro.decline_reason) == ("staff_declined", "Out of scope.")
    [email] = mailoutbox
    assert email.to == [requester.email]
    assert "Out of scope." in email.body
    assert "لم يُحِله فريق الشبكة" in email.body  # in Arabic, the requester's language
    with pytest.raises(services.NotForwardable):
        services.introduction_forward(introduction=intro, by=staff)
    with pytest.raises(services.NotForwardable):
        services.introduction_staff_decline(introduction=intro, by=staff, reason="Again.")


def test_only_staff_forward_or_decline(member_a, member_b, city_b, focal_point_b):
    intro = IntroductionFactory(city=city_b)
    for user in (member_a, member_b, focal_point_b):
        with pytest.raises(NotAllowed):
            services.introduction_forward(introduction=intro, by=user)
        with pytest.raises(NotAllowed):
            services.introduction_staff_decline(introduction=intro, by=user, reason="No.")


# --- The counterpart --------------------------------------------------------------------------


def test_accept_introduces_both(city_b, commit, mailoutbox):
    intro = ForwardedIntroductionFactory(city=city_b)
    with commit():
        services.introduction_accept(introduction=intro, by=intro.counterpart)
    intro.refresh_from_db()
    assert intro.status == "introduced" and intro.introduced_at is not None
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [intro.requester.email, intro.counterpart.email]
    )
    assert audit.INTRODUCTION_ACCEPTED in _actions(intro)
    with pytest.raises(services.NotOpen):
        services.introduction_accept(introduction=intro, by=intro.counterpart)
    with pytest.raises(services.NotOpen):
        services.introduction_decline(introduction=intro, by=intro.counterpart, reason="No.")


def test_only_the_counterpart_answers(city_b, member_a, staff):
    intro = ForwardedIntroductionFactory(city=city_b)
    colleague = UserFactory(city=city_b)
    for user in (intro.requester, member_a, staff, colleague):
        with pytest.raises(NotAllowed):
            services.introduction_accept(introduction=intro, by=user)
        with pytest.raises(NotAllowed):
            services.introduction_decline(introduction=intro, by=user, reason="No.")
    # Not forwarded yet: nobody can answer it.
    waiting = IntroductionFactory(city=city_b)
    with pytest.raises(NotAllowed):
        services.introduction_accept(introduction=waiting, by=intro.counterpart)


def test_decline_tells_the_requester(city_b, commit, mailoutbox):
    intro = ForwardedIntroductionFactory(city=city_b)
    with pytest.raises(ValidationError):
        services.introduction_decline(introduction=intro, by=intro.counterpart, reason="")
    with commit():
        services.introduction_decline(
            introduction=intro, by=intro.counterpart, reason="We have stopped the scheme."
        )
    intro.refresh_from_db()
    assert (intro.status, intro.decline_reason) == ("declined", "We have stopped the scheme.")
    [email] = mailoutbox
    assert email.to == [intro.requester.email]
    assert "We have stopped the scheme." in email.body


def test_focal_point_passes_an_offer_to_a_colleague(city_b, focal_point_b, commit, mailoutbox):
    intro = ForwardedIntroductionFactory(city=city_b, counterpart=focal_point_b)
    colleague = UserFactory(city=city_b, practitioner=True, email="colleague.b@city.example")
    other_city = UserFactory()
    for wrong in (other_city, focal_point_b, UserFactory(city=city_b, is_active=False)):
        with pytest.raises(ValidationError):
            services.introduction_delegate(introduction=intro, by=focal_point_b, colleague=wrong)
    with commit():
        services.introduction_delegate(introduction=intro, by=focal_point_b, colleague=colleague)
    intro.refresh_from_db()
    assert intro.counterpart == colleague
    assert [m.to[0] for m in mailoutbox] == [colleague.email]
    # The focal point no longer holds it; the colleague (not a focal point) cannot pass it on.
    with pytest.raises(NotAllowed):
        services.introduction_accept(introduction=intro, by=focal_point_b)
    with pytest.raises(NotAllowed):
        services.introduction_delegate(
            introduction=intro, by=colleague, colleague=UserFactory(city=city_b)
        )
    assert audit.INTRODUCTION_DELEGATED in _actions(intro)


def test_withdraw_by_the_requester_only_and_while_open(city_b, member_b, commit, mailoutbox):
    intro = ForwardedIntroductionFactory(city=city_b)
    with pytest.raises(NotAllowed):
        services.introduction_withdraw(introduction=intro, by=member_b)
    with commit():
        services.introduction_withdraw(introduction=intro, by=intro.requester)
    intro.refresh_from_db()
    assert intro.status == "withdrawn"
    # The counterpart it was forwarded to is told, without the requester's name.
    [email] = mailoutbox
    assert email.to == [intro.counterpart.email]
    assert intro.requester.name not in email.body + email.subject
    with pytest.raises(services.NotOpen):
        services.introduction_withdraw(introduction=intro, by=intro.requester)


def test_follow_up_answer_records_each_side(city_b):
    intro = IntroducedFactory(city=city_b)
    services.introduction_follow_up_answer(
        introduction=intro, by=intro.requester, helped=True, outcome="exchange"
    )
    services.introduction_follow_up_answer(
        introduction=intro, by=intro.counterpart, helped=False, outcome=""
    )
    intro.refresh_from_db()
    assert (intro.requester_helped, intro.requester_outcome) == (True, "exchange")
    assert (intro.counterpart_helped, intro.counterpart_outcome) == (False, "")
    assert intro.followed_up_at is not None
    with pytest.raises(ValidationError):
        services.introduction_follow_up_answer(
            introduction=intro, by=intro.requester, helped=True, outcome="invented"
        )
    with pytest.raises(NotAllowed):
        services.introduction_follow_up_answer(
            introduction=intro, by=UserFactory(), helped=True, outcome=""
        )
    with pytest.raises(services.NotFollowedUp):
        open_one = ForwardedIntroductionFactory(city=city_b)
        services.introduction_follow_up_answer(
            introduction=open_one, by=open_one.requester, helped=True, outcome=""
        )


# --- Pages and bad input ----------------------------------------------------------------------

NEW = "cityprofiles:introduction-create"


def test_request_page_shows_the_city_and_sends_the_request(client, member_a, city_b):
    login(client, member_a)
    page = client.get(reverse(NEW), {"city": city_b.slug})
    assert page.status_code == 200
    assert city_b.name in page.content.decode()
    response = client.post(reverse(NEW), {"city": city_b.slug, "message": MESSAGE})
    intro = Introduction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cityprofiles:introduction-detail", args=[intro.pk])
    assert (intro.city, intro.message) == (city_b, MESSAGE)


def test_request_page_asks_for_a_practice_when_the_city_wants_one(client, member_a, city_b):
    profile = profile_of(city_b, contact_policy=ContactPolicy.PRACTICES)
    practice = PracticeFactory(profile=profile, title_en="Mentoring circles")
    login(client, member_a)
    page = client.get(reverse(NEW), {"city": city_b.slug})
    assert 'name="practice"' in page.content.decode()
    refused = client.post(reverse(NEW), {"city": city_b.slug, "message": MESSAGE})
    assert refused.status_code == 400
    assert not Introduction.objects.exists()
    sent = client.post(
        reverse(NEW), {"city": city_b.slug, "practice": str(practice.key), "message": MESSAGE}
    )
    assert sent.status_code == 302
    assert Introduction.objects.get().practice == practice


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"message": "x" * 10_000}, "max_length"),
        ({"message": ""}, "required"),
        ({"city": "no-such-city"}, None),
        ({"city": "x" * 10_000}, None),
        ({"city": "", "practice": "00000000-0000-0000-0000-000000000000"}, None),
        ({"city": "", "practice": "not-a-uuid" * 1000}, None),
        ({"city": ""}, None),
    ],
)
def test_request_bad_input_is_a_400_with_a_message_and_stores_nothing(
    client, member_a, city_b, data, code
):
    login(client, member_a)
    response = client.post(reverse(NEW), {"city": city_b.slug, "message": MESSAGE, **data})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode() or 'role="alert"' in (
        response.content.decode()
    )
    if code:
        assert response.context["form"].has_error("message", code)
    assert not Introduction.objects.exists()


def test_request_to_ones_own_city_is_a_400_with_a_message(client, member_a, city_a):
    login(client, member_a)
    page = client.get(reverse(NEW), {"city": city_a.slug})
    assert page.status_code == 400
    assert str(services.OwnCity.message) in page.content.decode()
    response = client.post(reverse(NEW), {"city": city_a.slug, "message": MESSAGE})
    assert response.status_code == 400
    assert not Introduction.objects.exists()
    # A practice of one's own city, tampered into the form, is refused the same way.
    practice = PracticeFactory(profile=profile_of(city_a))
    response = client.post(reverse(NEW), {"practice": str(practice.key), "message": MESSAGE})
    assert response.status_code == 400
    assert not Introduction.objects.exists()


def test_request_page_in_french_says_why_in_french(client, member_a, city_b):
    profile_of(city_b, contact_policy=ContactPolicy.PAUSED)
    login(client, member_a)
    response = client.post(
        reverse(NEW).replace("/en/", "/fr/"), {"city": city_b.slug, "message": MESSAGE}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert "mise en relation pour le moment" in response.content.decode()
    assert not Introduction.objects.exists()


def test_request_over_the_limit_is_a_400(client, member_a, city_b, settings):
    settings.HUB_INTRODUCTION_MAX_OPEN = 1
    IntroductionFactory(requester=member_a)
    login(client, member_a)
    assert client.get(reverse(NEW), {"city": city_b.slug}).context["at_limit"]
    response = client.post(reverse(NEW), {"city": city_b.slug, "message": MESSAGE})
    assert response.status_code == 400
    assert Introduction.objects.count() == 1


def test_staff_do_not_ask_for_introductions(client, staff, city_b):
    login(client, staff)
    assert client.get(reverse(NEW), {"city": city_b.slug}).status_code == 403
    assert client.post(reverse(NEW), {"city": city_b.slug, "message": MESSAGE}).status_code == 403


def test_offer_page_accept_decline_and_delegate(client, city_b, focal_point_b, commit):
    intro = ForwardedIntroductionFactory(city=city_b, counterpart=focal_point_b)
    colleague = UserFactory(city=city_b, name="Colleague Bee")
    login(client, focal_point_b)
    offer = reverse("cityprofiles:introduction-offer", args=[intro.pk])
    page = client.get(offer)
    assert page.status_code == 200 and "Colleague Bee" in page.content.decode()
    # Bad input: a 10 kB reason, an unknown or foreign colleague.
    decline = reverse("cityprofiles:introduction-decline", args=[intro.pk])
    assert client.post(decline, {"reason": "x" * 10_000}).status_code == 400
    assert client.post(decline, {"reason": ""}).status_code == 400
    delegate = reverse("cityprofiles:introduction-delegate", args=[intro.pk])
    for wrong in ("999999", "x" * 10_000, str(UserFactory().pk)):
        assert client.post(delegate, {"colleague": wrong}).status_code == 400
    intro.refresh_from_db()
    assert (intro.status, intro.counterpart) == ("forwarded", focal_point_b)
    with commit():
        assert client.post(delegate, {"colleague": colleague.pk}).status_code == 302
    intro.refresh_from_db()
    assert intro.counterpart == colleague
    # No longer theirs: a 404 for the focal point, the colleague answers.
    assert client.get(offer).status_code == 404
    login(client, colleague)
    with commit():
        assert (
            client.post(reverse("cityprofiles:introduction-accept", args=[intro.pk])).status_code
            == 302
        )
    intro.refresh_from_db()
    assert intro.status == "introduced"


def test_other_peoples_requests_are_404(client, city_b, member_b):
    intro = ForwardedIntroductionFactory(city=city_b)
    login(client, member_b)
    for name in ("introduction-detail", "introduction-offer", "introduction-follow-up"):
        assert client.get(reverse(f"cityprofiles:{name}", args=[intro.pk])).status_code == 404
    for name in ("introduction-withdraw", "introduction-accept", "introduction-decline"):
        assert client.post(reverse(f"cityprofiles:{name}", args=[intro.pk])).status_code == 404
    assert (
        client.get(reverse("cityprofiles:introduction-detail", args=[99999999])).status_code == 404
    )
    intro.refresh_from_db()
    assert intro.status == "forwarded"


def test_my_introductions_lists_my_requests_and_my_offers_only(client, city_b, member_a):
    mine = IntroductionFactory(requester=member_a, city=city_b)
    offered = ForwardedIntroductionFactory(city=member_a.city, counterpart=member_a)
    others = ForwardedIntroductionFactory(city=city_b)
    login(client, member_a)
    response = client.get(reverse("cityprofiles:introduction-list"))
    assert list(response.context["asked"]) == [mine]
    assert list(response.context["offered"]) == [offered]
    assert reverse("cityprofiles:introduction-offer", args=[others.pk]) not in (
        response.content.decode()
    )


def test_withdraw_and_follow_up_pages(client, city_b):
    intro = IntroductionFactory(city=city_b)
    login(client, intro.requester)
    withdraw = reverse("cityprofiles:introduction-withdraw", args=[intro.pk])
    assert client.post(withdraw).status_code == 302
    intro.refresh_from_db()
    assert intro.status == "withdrawn"
    # Again: a message, nothing changes.
    assert client.post(withdraw).status_code == 302
    done = IntroducedFactory(city=city_b)
    login(client, done.requester)
    url = reverse("cityprofiles:introduction-follow-up", args=[done.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"helped": "maybe"}).status_code == 400
    assert client.post(url, {"helped": "yes", "outcome": "x" * 10_000}).status_code == 400
    done.refresh_from_db()
    assert done.requester_helped is None
    assert client.post(url, {"helped": "yes", "outcome": "documents"}).status_code == 302
    done.refresh_from_db()
    assert (done.requester_helped, done.requester_outcome) == (True, "documents")


# --- Admin ------------------------------------------------------------------------------------


def test_admin_forward_and_decline_buttons_call_the_services(
    client, staff, city_b, focal_point_b, commit, mailoutbox
):
    to_forward, to_decline = IntroductionFactory(city=city_b), IntroductionFactory(city=city_b)
    login(client, staff)
    change = client.get(reverse("admin:cityprofiles_introduction_change", args=[to_forward.pk]))
    assert change.status_code == 200
    assert reverse("admin:cityprofiles_introduction_forward", args=[to_forward.pk]) in (
        change.content.decode()
    )
    with commit():
        client.post(
            reverse("admin:cityprofiles_introduction_forward", args=[to_forward.pk]),
            {"note": "Please help them."},
        )
        client.post(
            reverse("admin:cityprofiles_introduction_decline", args=[to_decline.pk]),
            {"reason": ""},
        )
    to_forward.refresh_from_db()
    to_decline.refresh_from_db()
    assert (to_forward.status, to_forward.staff_note) == ("forwarded", "Please help them.")
    assert to_decline.status == "requested"  # no reason: refused
    client.post(
        reverse("admin:cityprofiles_introduction_decline", args=[to_decline.pk]),
        {"reason": "Out of scope."},
    )
    to_decline.refresh_from_db()
    assert to_decline.status == "staff_declined"


def test_admin_index_counts_requests_waiting(client, staff, city_b):
    IntroductionFactory.create_batch(3, city=city_b)
    ForwardedIntroductionFactory(city=city_b)
    login(client, staff)
    response = client.get(reverse("admin:index"))
    [item] = [i for i in response.context["pending_items"] if "introduction" in str(i["label"])]
    assert item["count"] == 3


def test_pipeline_counts_per_state_region_and_theme(client, staff, city_b):
    from tests.hub.factories import ThemeFactory

    mentoring = ThemeFactory(name_en="Mentoring")
    practice = PracticeFactory(profile=profile_of(city_b), themes=[mentoring])
    IntroductionFactory(city=city_b, practice=practice)
    IntroductionFactory(city=city_b)  # counts under the themes of the city's practices
    IntroducedFactory(city=city_b, followed_up_at=timezone.now())
    login(client, staff)
    response = client.get(reverse("admin:cityprofiles_introduction_pipeline"))
    assert response.status_code == 200
    stages = [code for code, _label in response.context["stages"]]
    total = dict(zip(stages, response.context["total"], strict=True))
    assert (total["requested"], total["introduced"], total["followed_up"]) == (2, 1, 1)
    [theme] = response.context["themes"]
    assert theme["name"] == "Mentoring"
    assert dict(zip(stages, theme["counts"], strict=True))["requested"] == 2
    [region] = response.context["regions"]
    assert sum(region["counts"]) == 4  # 3 requests, one of them also followed up


def test_pipeline_export_holds_no_names_emails_or_messages(client, staff, city_b):
    intro = IntroducedFactory(city=city_b, message="A secret plan about schools")
    login(client, staff)
    response = client.get(reverse("admin:cityprofiles_introduction_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response).decode() if response.streaming else response.content.decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("id,requested_on,status")
    assert len(lines) == 2 and "introduced" in lines[1]
    for secret in (
        intro.requester.name,
        intro.requester.email,
        intro.counterpart.name,
        intro.counterpart.email,
        "A secret plan",
        intro.staff_note,
    ):
        assert secret not in body


def test_admin_list_actions_forward_and_decline_each_selected_request(
    client, staff, city_b, focal_point_b
):
    forward_me, nobody = IntroductionFactory(city=city_b), IntroductionFactory()
    decline_me = IntroductionFactory(city=city_b)
    login(client, staff)
    changelist = reverse("admin:cityprofiles_introduction_changelist")
    response = client.post(
        changelist,
        {"action": "forward_selected", "_selected_action": [forward_me.pk, nobody.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("1 request forwarded." in m for m in messages)
    assert any(str(services.NoCounterpart.message) in m for m in messages)
    # Declining asks for the reason first, then declines.
    ask = client.post(
        changelist, {"action": "decline_selected", "_selected_action": [decline_me.pk]}
    )
    assert ask.status_code == 200 and 'name="reason"' in ask.content.decode()
    client.post(
        changelist,
        {
            "action": "decline_selected",
            "_selected_action": [decline_me.pk],
            "apply": "1",
            "reason": "Please ask the regional hub.",
        },
    )
    states = dict(Introduction.objects.values_list("pk", "status"))
    assert states == {
        forward_me.pk: "forwarded",
        nobody.pk: "requested",
        decline_me.pk: "staff_declined",
    }


@pytest.mark.django_db(transaction=True)
def test_two_requests_sent_at_once_cannot_both_pass_the_limit(settings):
    import threading

    from django.db import connection

    settings.HUB_INTRODUCTION_MAX_OPEN = 1
    member = UserFactory()
    cities = [UserFactory().city for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def ask(city) -> None:
        try:
            barrier.wait()
            services.introduction_request(by=member, city=city, message=MESSAGE)
            outcomes.append("sent")
        except services.TooManyOpen:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(city,)) for city in cities]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "sent"]
    assert Introduction.objects.filter(requester=member).count() == 1
