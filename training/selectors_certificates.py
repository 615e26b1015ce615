"""Reads of certificates, each with its access check: a learner's own (and staff's), and the
public verification of a code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from training.models import Certificate, Enrolment
from training.permissions import can_learn, can_manage_training

if TYPE_CHECKING:
    from hub.models import User


def certificate_get_for_user(*, user: User, pk: int) -> Certificate:
    """The certificate `pk` with its enrolment and module, if `user` is its learner or staff;
    Http404 otherwise (another learner's certificate does not exist for them)."""
    if not can_learn(user):
        raise Http404
    certificates = Certificate.objects.select_related("enrolment__module")
    if not can_manage_training(user):
        certificates = certificates.filter(enrolment__user=user)
    certificate = certificates.filter(pk=pk).first()
    if certificate is None:
        raise Http404
    return certificate


def enrolment_get_for_certificate(*, user: User, slug: str) -> Enrolment:
    """`user`'s own enrolment in the module `slug`, with its certificate if any; Http404 when
    they are not enrolled (staff ask for their own certificates only)."""
    if not can_learn(user):
        raise Http404
    enrolment = (
        Enrolment.objects.select_related("module", "certificate")
        .filter(user=user, module__slug=slug)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def certificate_verify(*, code: str) -> Certificate | None:
    """The certificate of a (well-formed) `code`, with only what verification may show."""
    return (
        Certificate.objects.filter(code=code)
        .only("code", "learner_name", "module_title", "completed_on", "language", "revoked_at")
        .first()
    )
