"""A signed letter is never made for a case that someone else is deciding (issue 10, item 7:
claim before you sign)."""

import pytest

from balai.core.tests.concurrency import needs_concurrent_writers, run_at_once
from balai.documents.models import IssuedDocument, LetterNumber
from balai.documents.signing import signing_identity
from balai.ppid import services
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import Decision, InformationRequest
from balai.ppid.tests import factories


def _submitted():
    req, _secret = services.information_request_submit(submission=factories.submission(),
                                                       documents=factories.prepared_ktp())
    return req


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_make_one_signed_notice(signing, petugas_ppid):
    needs_concurrent_writers()
    req = _submitted()

    def decide():
        try:
            services.information_request_decide(request=req, data=factories.decision_data(),
                                                actor=petugas_ppid)
        except PpidTransitionError as exc:
            return exc.code
        return "decided"

    outcomes = run_at_once(decide, 2)
    assert sorted(outcomes) == ["claimed", "decided"] or sorted(outcomes) == ["decided", "done"]
    assert Decision.objects.count() == 1
    # The loser was refused before a number was reserved: no letter belongs to nothing.
    assert LetterNumber.objects.count() == 1
    assert IssuedDocument.objects.get().pk == Decision.objects.get().notice_id
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.ANSWERED and req.claimed_at is None


class WithdrawnWhileSigning:
    """A real signing backend, during whose signature the requester withdraws the request."""

    def __init__(self, req):
        self.inner, self.req = signing_identity(), req

    @property
    def specimen(self):
        return self.inner.specimen

    def sign(self, pdf, **kwargs):
        services.information_request_withdraw(request=self.req, reason="Tidak jadi.")
        return self.inner.sign(pdf, **kwargs)


@pytest.mark.django_db
def test_a_notice_signed_for_a_request_withdrawn_meanwhile_has_its_number_cancelled(
        signing, petugas_ppid):
    req = _submitted()
    with pytest.raises(PpidTransitionError):
        services.information_request_decide(request=req, data=factories.decision_data(),
                                            actor=petugas_ppid,
                                            backend=WithdrawnWhileSigning(req))
    number = LetterNumber.objects.get()
    assert number.status == LetterNumber.Status.CANCELLED
    assert "could not be recorded" in number.cancel_reason
    assert not Decision.objects.exists()
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.WITHDRAWN and req.claimed_at is None


@pytest.mark.django_db
def test_a_claim_held_by_another_officer_refuses_a_second_decision(signing, petugas_ppid):
    from balai.ppid.services._common import _claim

    req = _submitted()
    assert _claim(InformationRequest, req.pk, status_in={req.status}) is not None
    with pytest.raises(PpidTransitionError) as caught:
        services.information_request_decide(request=req, data=factories.decision_data(),
                                            actor=petugas_ppid)
    assert caught.value.code == "claimed"
    assert not LetterNumber.objects.exists()
