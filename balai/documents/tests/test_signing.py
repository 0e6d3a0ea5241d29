import logging

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import call_command

from balai.documents.signing import (
    demo_ca_create,
    demo_passphrase,
    pdf_signature_check,
    signing_identity,
)
from balai.documents.storage import pdf_read
from balai.documents.tests.factories import issue


def test_demo_command_writes_a_ca_and_a_signer_marked_specimen(tmp_path, settings):
    settings.DOCUMENTS_DEMO_DIR = str(tmp_path)
    call_command("documents_demo_ca", signer_name="Kepala Dinas")
    p12 = (tmp_path / "demo-signer.p12").read_bytes()
    key, cert, cas = pkcs12.load_key_and_certificates(p12, demo_passphrase())
    assert "SPESIMEN / DEMO" in cert.subject.rfc4514_string()
    assert "SPESIMEN / DEMO" in cas[0].subject.rfc4514_string()
    # The passphrase is derived, never written next to the key.
    assert demo_passphrase() not in (tmp_path / "demo-ca.pem").read_bytes()
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(p12, b"wrong")


def test_configured_p12_signs_without_the_specimen_mark(db, tmp_path, settings, caplog):
    ca, p12 = demo_ca_create(directory=tmp_path / "real", signer_name="Produksi")
    settings.DOCUMENTS_SIGNING_P12 = str(p12)
    settings.DOCUMENTS_SIGNING_PASSPHRASE = demo_passphrase().decode()
    settings.DOCUMENTS_TRUST_ROOTS = [str(ca)]
    caplog.set_level(logging.DEBUG)
    document = issue()
    assert document.specimen is False
    assert "Produksi" in document.certificate_subject
    assert settings.DOCUMENTS_SIGNING_PASSPHRASE not in caplog.text


def test_wrong_passphrase_is_refused_without_echoing_it(tmp_path, settings):
    _, p12 = demo_ca_create(directory=tmp_path / "real")
    settings.DOCUMENTS_SIGNING_P12 = str(p12)
    settings.DOCUMENTS_SIGNING_PASSPHRASE = "rahasia-salah-123"
    with pytest.raises(Exception) as info:
        signing_identity()
    assert "rahasia-salah-123" not in str(info.value)


def test_signature_from_another_ca_is_intact_but_untrusted(db, tmp_path, settings):
    other_ca, other_p12 = demo_ca_create(directory=tmp_path / "other")
    settings.DOCUMENTS_SIGNING_P12 = str(other_p12)
    settings.DOCUMENTS_SIGNING_PASSPHRASE = demo_passphrase().decode()
    settings.DOCUMENTS_TRUST_ROOTS = [str(other_ca)]
    document_pdf = pdf_read(issue().pdf_path)
    settings.DOCUMENTS_SIGNING_P12 = ""
    check = pdf_signature_check(document_pdf, trust_roots=signing_identity().trust_roots)
    assert check.signed and check.intact and check.whole_file
    assert not check.trusted
    assert not check.valid
