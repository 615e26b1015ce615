"""Curating a document in the admin: its change page, Publish / Reject there, the admin in the
curator's language."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from hub.middleware import MFA_CHECKED_KEY
from library.models import Document
from tests.conftest import login
from tests.hub.factories import UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _change_url(document: Document, language: str = "en") -> str:
    with translation.override(language):
        return reverse("admin:library_document_change", args=[document.pk])


def _messages(client, response) -> list[str]:
    """The messages a redirected-to page shows (and consumes)."""
    assert response.status_code == 302
    page = client.get(response["Location"])
    return [str(m) for m in page.context["messages"]]


@pytest.fixture
def pending(member_a):
    return DocumentFactory(
        submitted=True,
        contributed_by=member_a,
        contributing_city=member_a.city,
        title_en="Youth mentoring plan",
        pages=["The mentoring circles of the city meet every week."],
        preview=True,
    )


# --------------------------------------------------------------------------------------------
# The change page
# --------------------------------------------------------------------------------------------


def test_change_page_has_title_and_summary_per_language_in_tabs(client, staff, pending):
    login(client, staff)
    response = client.get(_change_url(pending))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("title", "summary"):
        for code in ("en", "fr", "ar"):
            # modeltranslation's classes: what its script turns into one tab per language
            assert re.search(rf'name="{name}_{code}"[^>]*class="[^"]*\bmt\b', html) or re.search(
                rf'class="[^"]*\bmt-field-{name}-{code}\b[^"]*"[^>]*name="{name}_{code}"', html
            ), (name, code)
    assert 'value="Youth mentoring plan"' in html
    # The work is chosen by searching for a document, not typed as a UUID.
    assert 'name="work"' not in html
    assert str(pending.work) not in html
    assert re.search(r'<select name="same_work_as"[^>]*class="admin-autocomplete"', html)
    assert 'data-ajax--url="/en/admin/autocomplete/"' in html
    # Every select of the form has a label.
    for select_id in re.findall(r'<select[^>]* id="([^"]+)"', html):
        assert f'for="{select_id}"' in html, select_id
    # The preview and the extracted text (collapsible), read-only.
    assert f'src="{pending.preview_url}"' in html
    assert re.search(r"<details[^>]*>\s*<summary>.*Extracted text", html, re.S)
    assert "The mentoring circles of the city meet every week." in html
    assert 'name="extraction_task_id"' not in html


def test_change_page_extracted_text_is_truncated(client, staff):
    document = DocumentFactory(pages=["word " * 3000])
    login(client, staff)
    html = client.get(_change_url(document)).content.decode()
    shown = re.search(r'<div class="hub-extracted"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert len(shown) <= 4000
    assert "Only the beginning is shown." in html


def test_change_page_groups_language_versions_by_searching_a_title(client, staff):
    english = DocumentFactory(title_en="Prevention strategy", language="en")
    french = DocumentFactory(title_en=None, title_fr="Stratégie de prévention", language="fr")
    login(client, staff)
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "prévention",
            "app_label": "library",
            "model_name": "documentsearch",
            "field_name": "document",
        },
    )
    assert found.status_code == 200
    results = json.loads(found.content)["results"]
    assert results == [{"id": str(french.pk), "text": "Stratégie de prévention (French)"}]

    form = client.get(_change_url(english)).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and not isinstance(value, list)
    }
    data |= {"same_work_as": french.pk, "_save": "Save"}
    response = client.post(_change_url(english), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    english.refresh_from_db()
    assert english.work == french.work
    page = client.get(_change_url(french)).content.decode()
    assert "Prevention strategy" in page.split("Other language versions", 1)[1]


def test_change_page_is_not_for_members(client, member_a, pending):
    login(client, member_a)
    assert client.get(_change_url(pending)).status_code == 302


# --------------------------------------------------------------------------------------------
# Publish / reject on the change page
# --------------------------------------------------------------------------------------------


def test_publish_button_publishes_through_the_service_and_tells_the_contributor(
    client, staff, pending, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, staff)
    html = client.get(_change_url(pending)).content.decode()
    publish_url = reverse("admin:library_document_publish", kwargs={"pk": pending.pk})
    assert f'action="{publish_url}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url)
    assert response.status_code == 302
    assert response["Location"] == _change_url(pending)
    pending.refresh_from_db()
    assert (pending.status, pending.reviewed_by) == (Document.Status.PUBLISHED, staff)
    assert [m.to for m in mailoutbox] == [[pending.contributed_by.email]]
    assert _messages(client, response) == ["“Youth mentoring plan” is published."]
    # Published: the page offers rejecting it, no longer publishing it.
    html = client.get(_change_url(pending)).content.decode()
    assert f'action="{publish_url}"' not in html


def test_reject_button_needs_a_reason_and_sends_it(
    client, staff, pending, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, staff)
    reject_url = reverse("admin:library_document_reject", kwargs={"pk": pending.pk})
    html = client.get(_change_url(pending)).content.decode()
    assert f'action="{reject_url}"' in html
    assert re.search(r'<label for="hub-reject-reason">', html)

    response = client.post(reject_url, {"reason": "  "})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Document.Status.SUBMITTED
    assert _messages(client, response) == ["Please give a reason for the rejection."]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reject_url, {"reason": "Please add the annexes."})
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "Please add the annexes.")
    assert len(mailoutbox) == 1
    assert "Please add the annexes." in mailoutbox[0].body
    assert _messages(client, response) == [
        "“Youth mentoring plan” is rejected; its contributor is told why by email."
    ]


def test_review_buttons_answer_post_only(client, staff, pending):
    login(client, staff)
    for name in ("admin:library_document_publish", "admin:library_document_reject"):
        assert client.get(reverse(name, kwargs={"pk": pending.pk})).status_code == 405
    pending.refresh_from_db()
    assert pending.status == Document.Status.SUBMITTED


def test_review_buttons_refuse_members(client, member_a, pending):
    login(client, member_a)
    response = client.post(reverse("admin:library_document_publish", kwargs={"pk": pending.pk}))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    pending.refresh_from_db()
    assert pending.status == Document.Status.SUBMITTED


def test_list_actions_say_what_they_did(client, staff, member_a):
    documents = DocumentFactory.create_batch(2, submitted=True, contributed_by=member_a)
    login(client, staff)
    url = reverse("admin:library_document_changelist")
    ids = [d.pk for d in documents]
    response = client.post(url, {"action": "publish", "_selected_action": ids})
    assert _messages(client, response) == ["2 documents published."]
    response = client.post(
        url, {"action": "reject", "_selected_action": ids[:1], "apply": "1", "reason": "No."}
    )
    assert _messages(client, response) == ["1 document rejected."]
    with translation.override("fr"):
        response = client.post("/fr" + url[3:], {"action": "archive", "_selected_action": ids})
    assert _messages(client, response) == ["2 documents archivés."]


# --------------------------------------------------------------------------------------------
# The admin in the curator's language
# --------------------------------------------------------------------------------------------


def test_admin_is_in_arabic_under_the_arabic_prefix(client, staff, pending):
    login(client, staff)
    response = client.get(_change_url(pending, "ar"))
    assert response.status_code == 200
    assert response.wsgi_request.path.startswith("/ar/admin/")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>تعديل وثيقة</h1>" in html  # "Change document", Django's words and ours
    assert "نشر" in html and "الرفض لهذا السبب" in html  # the review buttons
    assert 'data-ajax--url="/ar/admin/autocomplete/"' in html
    assert '<script src="/ar/admin/jsi18n/"></script>' in html


def test_admin_choosers_texts_come_in_arabic(client, staff):
    login(client, staff)
    with translation.override("ar"):
        url = reverse("admin:jsi18n")
    catalog = client.get(url).content.decode()
    # SelectFilter2's texts Django's own Arabic catalog lacks (locale/ar/.../djangojs.po).
    assert json.dumps("اختيار كل %s")[1:-1] in catalog or "اختيار كل %s" in catalog
    assert "إزالة كل %s" in catalog or json.dumps("إزالة كل %s")[1:-1] in catalog


def test_admin_javascript_catalog_compiles_with_format_checks():
    path = ROOT / "locale" / "ar" / "LC_MESSAGES" / "djangojs.po"
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check-format", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("cookie", "profile", "accept", "expected"),
    [
        ("ar", "fr", "en", "ar"),  # the last explicit choice
        (None, "fr", "en", "fr"),  # else the profile's
        (None, None, "ar", "ar"),  # else the browser's (anonymous)
    ],
)
def test_old_admin_addresses_go_to_the_admin_in_the_persons_language(
    client, staff, cookie, profile, accept, expected
):
    if profile:
        staff.language = profile
        staff.save(update_fields=["language"])
        login(client, staff)
    if cookie:
        client.cookies["hub_language"] = cookie
    response = client.get(
        "/admin/library/document/?status__exact=submitted", headers={"accept-language": accept}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{expected}/admin/library/document/?status__exact=submitted"
    assert client.get("/admin")["Location"].endswith("/admin/")


def test_old_admin_address_never_leaves_the_site(client):
    response = client.get("/admin//evil.example/")
    assert response["Location"].startswith("/en/admin/")
    assert "//evil.example" not in response["Location"].split("/admin/", 1)[0]


def test_admin_header_switches_language_on_the_same_page(client, staff, pending):
    login(client, staff)
    change = _change_url(pending)
    html = client.get(change).content.decode()
    assert f'<form class="hub-admin-language" action="{reverse("hub:language-set")}"' in html
    assert f'name="next" value="{change}"' in html
    response = client.post(reverse("hub:language-set"), {"language": "ar", "next": change})
    assert response["Location"] == _change_url(pending, "ar")
    staff.refresh_from_db()
    assert staff.language == "ar"


def test_staff_without_mfa_cannot_reach_the_arabic_admin(client, pending):
    curator = UserFactory(staff=True, email="new.curator@scn.example")
    login(client, curator)
    response = client.get(_change_url(pending, "ar"))
    assert response.status_code == 302
    with translation.override("ar"):
        assert response["Location"] == reverse("mfa_activate_totp")
    assert client.session.get(MFA_CHECKED_KEY) is None
