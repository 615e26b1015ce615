"""Certificates' part of the training matrix (tests/training/matrix.py).

member_a completed `cert_module` and has its certificate (`cert_a`, made, with its PDF);
member_b has a revoked one of another module. A certificate, its page, its status and its PDF
are its learner's and staff's only: 404 for anyone else. The verification page is public: the
same answer for everyone, logged in or not.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.kit.matrix import Budget, R, codes
from tests.training.factories import EnrolmentFactory, ModuleFactory
from training.certificates import code_new
from training.models import Certificate

CODE_A = "7KQF-2MXR-HD9C-TWPA"
CODE_REVOKED = "HD9C-TWPA-7KQF-2MXR"
CODE_UNKNOWN = "2345-6789-ABCD-EFGH"
# A PDF's first bytes: the download view serves what is stored, it does not read it.
PDF_STUB = b"%PDF-1.7\n%stub\n"


def issued_certificate(
    user, *, module=None, code=None, done=True, revoked=False, **fields
) -> Certificate:
    """A certificate of `user`'s completed enrolment, as the services leave it: made (with a
    stored PDF) unless `done=False`, revoked if asked."""
    completed_at = timezone.now() - timedelta(days=2)
    enrolment = EnrolmentFactory(
        user=user, module=module or ModuleFactory(), completed_at=completed_at
    )
    certificate = Certificate(
        enrolment=enrolment,
        code=code or code_new(),
        learner_name=user.name,
        module_title=enrolment.module.title_en,
        language=user.language,
        completed_on=completed_at.date(),
        **fields,
    )
    if done:
        certificate.status = Certificate.Status.DONE
        certificate.file.save(
            f"{user.pk}-{certificate.code}.pdf", ContentFile(PDF_STUB), save=False
        )
    if revoked:
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = "Issued by mistake."
    certificate.save()
    return certificate


def objects(personas):
    users = personas.users
    cert_a = issued_certificate(users["member_a"], code=CODE_A)
    revoked = issued_certificate(users["member_b"], code=CODE_REVOKED, revoked=True)
    return {
        "cert_a": cert_a,
        "cert_module": {"slug": cert_a.enrolment.module.slug},
        "cert_code_a": {"code": CODE_A},
        "cert_code_revoked": {"code": revoked.code},
        "cert_code_unknown": {"code": CODE_UNKNOWN},
        "cert_code_malformed": {"code": "not-a-code"},
        "cert_code_huge": {"code": "A" * 5000},
    }


def _more_certificates(personas, objects, n):
    """n more certificates of the same learner (and n of someone else): a page shows one."""
    for _ in range(n):
        issued_certificate(personas.users["member_a"])
        issued_certificate(personas.users["member_b"])


def _target(key):
    return lambda objects: (
        objects[key] if isinstance(objects[key], dict) else {"pk": objects[key].pk}
    )


PUBLIC_OK = codes(200, 200, 200, 200, 200, 200)
MINE = codes(R, R, 200, 404, 404, 200)
REQUEST = "training:certificate-request"

ENTRIES = {
    ("training:certificate-verify", None, "get"): PUBLIC_OK,
    ("training:certificate-verify-code", "cert_code_a", "get"): PUBLIC_OK,
    ("training:certificate-verify-code", "cert_code_revoked", "get"): PUBLIC_OK,
    ("training:certificate-verify-code", "cert_code_unknown", "get"): codes(*[404] * 6),
    ("training:certificate-verify-code", "cert_code_malformed", "get"): codes(*[400] * 6),
    ("training:certificate-verify-code", "cert_code_huge", "get"): codes(*[400] * 6),
    ("training:certificate-detail", "cert_a", "get"): MINE,
    ("training:certificate-status", "cert_a", "get"): MINE,
    ("training:certificate-download", "cert_a", "get"): MINE,
    # No state changes on GET; a POST by anyone but the learner finds no enrolment of theirs.
    (REQUEST, "cert_module", "get"): codes(R, R, 405, 405, 405, 405),
    (REQUEST, "cert_module", "post"): codes(R, R, R, 404, 404, 404),
}

if admin.site.is_registered(Certificate):
    ENTRIES[("admin:training_certificate_changelist", None, "get")] = codes(R, R, R, R, R, 200)

DATA: dict[str, dict[str, str]] = {}

# A member's page reads the session's user first; the verification page reads one row, for
# anybody, and nothing about who asks.
BUDGETS = {
    "training:certificate-verify": Budget(
        1, _more_certificates, persona="anonymous", query=f"?code={CODE_A}"
    ),
    "training:certificate-verify-code": Budget(
        1, _more_certificates, persona="anonymous", target=_target("cert_code_a")
    ),
    # + the certificate with its enrolment and module
    "training:certificate-detail": Budget(2, _more_certificates, target=_target("cert_a")),
    "training:certificate-status": Budget(2, _more_certificates, target=_target("cert_a")),
    "training:certificate-download": Budget(2, _more_certificates, target=_target("cert_a")),
}
