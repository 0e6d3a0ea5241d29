"""Outgoing letters: the review chain, numbering only at signing, and signing by the named
official through BSrE (a local HTTP server plays the BSrE v2 API)."""

import io
import logging

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from balai.core.tests.programs import needs_program
from balai.correspondence import outgoing
from balai.correspondence.models import OutgoingKind, OutgoingLetter, Review
from balai.documents.bsre import BsreClient
from balai.documents.models import LetterNumber
from balai.documents.storage import pdf_read
from balai.documents.tests.bsre_server import EXPIRED_NIK, NIK, PASSPHRASE


def _set_nik(user, nik):
    user.signature_nik = nik
    user.save(update_fields=["signature_nik"])


def _draft(office, classification, *, reviewers=None, subject="Undangan rapat SPBE",
           author=None):
    return outgoing.outgoing_create(
        kind=OutgoingKind.INVITATION, subject=subject,
        addressees="Para Kepala Bidang\nSekretaris Dinas",
        body=outgoing.TEMPLATES[OutgoingKind.INVITATION], copies="Kepala Bidang IKP",
        classification=classification, signer=office.head,
        reviewers=[office.kabid_ikp] if reviewers is None else reviewers,
        actor=author or office.staff_ikp1)


def _approved(office, classification, **kwargs):
    draft = _draft(office, classification, **kwargs)
    outgoing.outgoing_submit(letter=draft, actor=draft.author)
    for review in draft.reviews.order_by("order"):
        outgoing.outgoing_approve(letter=draft, actor=review.reviewer)
    draft.refresh_from_db()
    assert draft.status == OutgoingLetter.Status.APPROVED
    return draft


def test_the_review_chain_returns_a_draft_and_takes_its_second_version(office, classification):
    draft = _draft(office, classification, reviewers=[office.kabid_ikp, office.kabid_aptika])
    outgoing.outgoing_submit(letter=draft, actor=office.staff_ikp1)
    with pytest.raises(ValidationError):  # not yet the second reviewer's turn
        outgoing.outgoing_approve(letter=draft, actor=office.kabid_aptika)
    outgoing.outgoing_approve(letter=draft, actor=office.kabid_ikp)
    with pytest.raises(ValidationError):  # notes are required
        outgoing.outgoing_return(letter=draft, notes=" ", actor=office.kabid_aptika)
    outgoing.outgoing_return(letter=draft, notes="Tempat rapat belum diisi",
                             actor=office.kabid_aptika)
    draft.refresh_from_db()
    assert draft.status == OutgoingLetter.Status.RETURNED
    outgoing.outgoing_revise(letter=draft, subject=draft.subject, addressees=draft.addressees,
                             copies=draft.copies, actor=office.staff_ikp1,
                             body=draft.body.replace("[tempat]", "Ruang Rapat Diskominfo"))
    outgoing.outgoing_submit(letter=draft, actor=office.staff_ikp1)
    outgoing.outgoing_approve(letter=draft, actor=office.kabid_ikp)
    outgoing.outgoing_approve(letter=draft, actor=office.kabid_aptika)
    draft.refresh_from_db()
    assert draft.status == OutgoingLetter.Status.APPROVED and draft.version == 2
    (first, _none), (second, diff) = outgoing.version_diffs(draft)
    assert "[tempat]" in first.body
    assert "-Tempat: [tempat]" in diff and "+Tempat: Ruang Rapat Diskominfo" in diff
    assert list(draft.reviews.values_list("state", "version")) == [
        (Review.State.APPROVED, 2), (Review.State.APPROVED, 2)]


def test_the_signer_is_not_a_reviewer_and_only_the_author_revises(office, classification):
    with pytest.raises(ValidationError):
        _draft(office, classification, reviewers=[office.head])
    draft = _draft(office, classification)
    with pytest.raises(ValidationError):
        outgoing.outgoing_revise(letter=draft, subject="x", addressees="y", body="z",
                                 copies="", actor=office.kabid_ikp)


def test_numbers_are_reserved_only_at_signing_and_never_reused(
        office, classification, signing, settings):
    settings.DOCUMENTS_BSRE_URL = "http://127.0.0.1:9"  # nothing listens: service down
    _set_nik(office.head, NIK)
    abandoned = _draft(office, classification, subject="Konsep yang tidak pernah dikirim")
    first = _approved(office, classification)
    assert not LetterNumber.objects.exists()  # drafts and approvals take no number
    with pytest.raises(ValidationError) as refused:
        outgoing.outgoing_sign(letter=first, passphrase=PASSPHRASE, actor=office.head)
    assert "tidak dapat dihubungi" in refused.value.messages[0]
    first.refresh_from_db()
    assert first.status == OutgoingLetter.Status.APPROVED and first.document is None
    assert "tidak dapat dihubungi" in first.sign_error
    settings.DOCUMENTS_BSRE_URL = ""  # the server key (seal) path
    outgoing.outgoing_sign(letter=first, passphrase="", actor=office.head)
    second = _approved(office, classification, subject="Surat kedua")
    outgoing.outgoing_sign(letter=second, passphrase="", actor=office.head)
    numbers = list(LetterNumber.objects.order_by("running_number").values_list(
        "running_number", "status"))
    # The failed attempt's number stays cancelled; no number for the abandoned draft.
    assert numbers == [(1, "cancelled"), (2, "issued"), (3, "issued")]
    first.refresh_from_db()
    assert first.document.number.full_number == f"{classification.code}/2/DISKOMINFO/" \
        f"{first.document.number.year}"
    abandoned.refresh_from_db()
    assert abandoned.document is None
    with pytest.raises(ValidationError):  # signed once only
        outgoing.outgoing_sign(letter=first, passphrase="", actor=office.head)


def test_the_server_key_letter_says_so(office, classification, signing):
    import subprocess

    pdftotext = needs_program("pdftotext")
    draft = _approved(office, classification)
    outgoing.outgoing_sign(letter=draft, passphrase="", actor=office.head)
    draft.refresh_from_db()
    text = subprocess.run([pdftotext, "-", "-"], input=pdf_read(draft.document.pdf_path),
                          capture_output=True, check=True).stdout.decode()
    assert "sertifikat elektronik server instansi" in " ".join(text.split())
    assert "Kepala Bidang IKP" in text  # the tembusan


def test_only_the_named_signer_signs(office, classification, signing):
    draft = _approved(office, classification)
    with pytest.raises(ValidationError):
        outgoing.outgoing_sign(letter=draft, passphrase="", actor=office.kabid_ikp)
    assert not LetterNumber.objects.exists()


def test_bsre_signing_by_the_official_never_keeps_the_passphrase(
        client, office, classification, signing, bsre, caplog, capsys, settings):
    caplog.set_level(logging.DEBUG)
    _set_nik(office.head, NIK)
    draft = _approved(office, classification)
    client.force_login(office.head)
    sign = reverse("correspondence:draft_action", args=[draft.pk, "sign"])

    wrong = client.post(sign, {"sign-passphrase": "salah-ketik"})
    assert wrong.status_code == 400
    assert "BSrE menolak penandatanganan: Passphrase anda salah" in wrong.content.decode()
    assert "salah-ketik" not in wrong.content.decode()
    draft.refresh_from_db()
    assert draft.status == OutgoingLetter.Status.APPROVED

    _set_nik(office.head, EXPIRED_NIK)
    expired = client.post(sign, {"sign-passphrase": PASSPHRASE})
    assert "kedaluwarsa" in expired.content.decode()
    _set_nik(office.head, NIK)

    signed = client.post(sign, {"sign-passphrase": PASSPHRASE})
    assert signed.status_code == 302
    draft.refresh_from_db()
    assert draft.status == OutgoingLetter.Status.SIGNED and draft.document is not None
    path, payload = bsre.last
    assert (path, payload["nik"], payload["passphrase"]) == ("/api/v2/sign/pdf", NIK, PASSPHRASE)
    # BSrE's own verdict on the stored letter.
    verdict = BsreClient(base_url=bsre.url, username=settings.DOCUMENTS_BSRE_USER,
                         password=settings.DOCUMENTS_BSRE_PASSWORD).verify_pdf(
        pdf_read(draft.document.pdf_path))
    assert verdict == {"conclusion": "VALID"}
    # Two failed attempts cancelled their numbers; the third is the letter's.
    assert list(LetterNumber.objects.values_list("status", flat=True).order_by(
        "running_number")) == ["cancelled", "cancelled", "issued"]

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    out, err = capsys.readouterr()
    for haystack in (dump.getvalue(), caplog.text, out, err,
                     pdf_read(draft.document.pdf_path).decode("latin-1")):
        assert PASSPHRASE not in haystack and "salah-ketik" not in haystack


def test_people_outside_the_draft_cannot_read_it(client, office, classification):
    draft = _draft(office, classification)
    client.force_login(office.staff_aptika2)
    assert client.get(reverse("correspondence:draft_detail", args=[draft.pk])).status_code \
        == 404
    client.force_login(office.kabid_ikp)
    assert client.get(reverse("correspondence:draft_detail", args=[draft.pk])).status_code \
        == 200


def test_a_reply_is_drafted_from_the_incoming_letter_and_linked(client, office, classification):
    from balai.correspondence.tests.factories import letter

    incoming = letter(office, classification=classification)
    client.force_login(office.head)
    form = client.get(reverse("correspondence:draft_create"), {"balas": incoming.pk})
    assert f"Balasan: {incoming.subject}" in form.content.decode()
    client.force_login(office.kabid_ikp)
    response = client.post(reverse("correspondence:draft_create") + f"?balas={incoming.pk}", {
        "kind": "official_letter", "subject": "Balasan undangan", "addressees": "Bappeda",
        "body": "Kami akan hadir.", "security": "biasa", "classification": classification.pk,
        "signer": office.head.pk})
    assert response.status_code == 302
    reply = OutgoingLetter.objects.get()
    assert reply.reply_to == incoming
    page = client.get(reverse("correspondence:detail", args=[incoming.pk])).content.decode()
    assert "Balasan undangan" in page


def test_a_paraf_chain_of_five_reviewers_is_taken_in_the_order_written(
        client, office, classification):
    chain = [office.staff_ikp2, office.kabid_ikp, office.staff_aptika1, office.staff_aptika2,
             office.kabid_aptika]
    client.force_login(office.staff_ikp1)
    response = client.post(reverse("correspondence:draft_create"), {
        "kind": "nota_dinas", "subject": "Laporan SPBE", "addressees": "Kepala Dinas",
        "body": "Kami laporkan.", "security": "biasa", "classification": classification.pk,
        "signer": office.head.pk,
        **{f"reviewer_{i}": user.pk for i, user in enumerate(chain, start=1)}})
    assert response.status_code == 302
    draft = OutgoingLetter.objects.get()
    assert [r.reviewer for r in draft.reviews.order_by("order")] == chain
    outgoing.outgoing_submit(letter=draft, actor=office.staff_ikp1)
    for i, reviewer in enumerate(chain):
        for later in chain[i + 1:]:  # nobody after the one in turn may give their paraf
            with pytest.raises(ValidationError):
                outgoing.outgoing_approve(letter=draft, actor=later)
        outgoing.outgoing_approve(letter=draft, actor=reviewer)
    draft.refresh_from_db()
    assert draft.status == OutgoingLetter.Status.APPROVED
