"""PAdES signatures with pyHanko, and the demo CA used when no real certificate is set.

The signer comes from `DOCUMENTS_SIGNING_P12` + `DOCUMENTS_SIGNING_PASSPHRASE` (from the
environment). With no P12 configured, a demo CA and signer whose names say
"SPESIMEN / DEMO" are made under var/ on first use; their passphrase is derived from
SECRET_KEY, so it is never written anywhere. Passphrases are never logged.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

SPECIMEN = "SPESIMEN / DEMO"


def _outside_event_loop(fn, *args, **kwargs):
    """Call `fn` where asyncio.run() is allowed.

    pyHanko's synchronous API wraps its async core in asyncio.run(), which refuses to run
    in a thread that already has a running loop (an async caller, or Playwright's sync
    API in browser tests); there the call moves to a short-lived worker thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()
DEMO_CA_FILE = "demo-ca.pem"
DEMO_P12_FILE = "demo-signer.p12"


def demo_dir() -> Path:
    return Path(settings.DOCUMENTS_DEMO_DIR or Path(settings.VAR_DIR) / "documents" / "demo")


def demo_passphrase() -> bytes:
    """Derived, not stored: anyone with SECRET_KEY could read the demo key anyway."""
    return hmac.new(settings.SECRET_KEY.encode(), b"balai.documents.demo-signer",
                    hashlib.sha256).hexdigest().encode()


def _name(common_name: str, org: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org[:64]),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, SPECIMEN),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
    ])


def demo_ca_create(*, directory: Path | None = None, signer_name: str = "",
                   force: bool = False) -> tuple[Path, Path]:
    """Write a demo CA certificate and a signer P12 (both marked SPESIMEN / DEMO)."""
    directory = directory or demo_dir()
    ca_path, p12_path = directory / DEMO_CA_FILE, directory / DEMO_P12_FILE
    if ca_path.exists() and p12_path.exists() and not force:
        return ca_path, p12_path
    directory.mkdir(parents=True, exist_ok=True)
    inst = settings.BALAI_INSTALLATION
    org = inst.get("pemda_name") or "balai"
    # Valid from a year back, so the demo's backdated letters fall within it.
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=365)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(f"{SPECIMEN} balai Root CA", org)
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cn = f"{SPECIMEN} {signer_name or inst.get('short_name') or 'balai'}"
    cert = (
        x509.CertificateBuilder().subject_name(_name(cn, org)).issuer_name(ca_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False,
                                     decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        name=cn.encode(), key=key, cert=cert, cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(demo_passphrase()),
    )
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    p12_path.write_bytes(p12)
    p12_path.chmod(0o600)
    _load.cache_clear()
    return ca_path, p12_path


class SigningBackend(Protocol):
    """Anything that turns a PDF into a signed PDF: the local P12 or an external service."""

    specimen: bool

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes: ...


@dataclass(frozen=True)
class SigningIdentity:
    """The local signer (a PKCS#12 key); also the default SigningBackend."""

    signer: signers.SimpleSigner
    trust_roots: tuple[asn1_x509.Certificate, ...]
    specimen: bool

    @property
    def subject(self) -> str:
        return self.signer.signing_cert.subject.human_friendly

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        return pdf_sign(pdf, identity=self, reason=reason, location=location)


def _read_cert(path: Path) -> asn1_x509.Certificate:
    raw = path.read_bytes()
    if b"-----BEGIN" in raw:
        raw = x509.load_pem_x509_certificate(raw).public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(raw)


@lru_cache(maxsize=4)
def _load(p12_path: str, passphrase_digest: str, trust_paths: tuple[str, ...],
          specimen: bool) -> SigningIdentity:
    # The passphrase itself is not a cache key (it would sit in the cache's repr); it is
    # read again from settings here.
    passphrase = _configured_passphrase() if not specimen else demo_passphrase()
    signer = signers.SimpleSigner.load_pkcs12(p12_path, passphrase=passphrase)
    if signer is None:
        raise RuntimeError(f"Cannot open the signing certificate {p12_path} "
                           "(wrong passphrase or not a PKCS#12 file).")
    roots = [_read_cert(Path(p)) for p in trust_paths]
    if not roots:
        # Self-check: a configured signer with no trust roots trusts its own chain's top.
        roots = [c for c in signer.cert_registry if c.subject == c.issuer]
    return SigningIdentity(signer=signer, trust_roots=tuple(roots), specimen=specimen)


def _configured_passphrase() -> bytes | None:
    value = settings.DOCUMENTS_SIGNING_PASSPHRASE
    return value.encode() if value else None


def signing_identity() -> SigningIdentity:
    """The configured signer, or the demo signer (made on first use) when none is set."""
    p12 = settings.DOCUMENTS_SIGNING_P12
    if p12:
        digest = hashlib.sha256(_configured_passphrase() or b"").hexdigest()
        trust = tuple(settings.DOCUMENTS_TRUST_ROOTS)
        return _load(p12, digest, trust, False)
    ca_path, p12_path = demo_ca_create()
    return _load(str(p12_path), "demo", (str(ca_path),), True)


def trust_roots() -> tuple[asn1_x509.Certificate, ...]:
    """Roots a signature must chain to: DOCUMENTS_TRUST_ROOTS (e.g. the BSrE root), else
    the local signer's own root."""
    configured = tuple(settings.DOCUMENTS_TRUST_ROOTS)
    if configured:
        return tuple(_read_cert(Path(p)) for p in configured)
    return signing_identity().trust_roots


def pdf_sign(pdf: bytes, *, identity: SigningIdentity, reason: str, location: str) -> bytes:
    """Add a PAdES baseline signature (ETSI EN 319 142) covering the whole file."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name="Signature1", subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256", reason=reason[:200], location=location[:200],
    )
    out = _outside_event_loop(signers.PdfSigner(meta, signer=identity.signer).sign_pdf,
                              writer)
    return out.getvalue()


@dataclass(frozen=True)
class Certificate:
    """The signing certificate as a reader wants it: who, for whom, from whom, how long."""

    name: str = ""
    organisation: str = ""
    unit: str = ""
    issuer: str = ""
    valid_from: dt.datetime | None = None
    valid_to: dt.datetime | None = None

    @property
    def specimen(self) -> bool:
        return self.unit == SPECIMEN or self.name.startswith(SPECIMEN)

    @classmethod
    def of(cls, cert) -> Certificate:
        """From an asn1crypto certificate (what pyHanko reports)."""
        subject, issuer = cert.subject.native, cert.issuer.native
        return cls(
            name=subject.get("common_name", ""),
            organisation=subject.get("organization_name", ""),
            unit=subject.get("organizational_unit_name", ""),
            issuer=", ".join(x for x in (issuer.get("common_name", ""),
                                         issuer.get("organization_name", "")) if x),
            valid_from=cert.not_valid_before, valid_to=cert.not_valid_after,
        )


@dataclass(frozen=True)
class SignatureCheck:
    """What pyHanko found about one PDF's signatures."""

    signed: bool
    intact: bool = False  # the signed bytes are unchanged
    trusted: bool = False  # the chain ends at one of our trust roots
    whole_file: bool = False  # nothing was added after signing
    signer_subject: str = ""
    signed_at: dt.datetime | None = None
    error: str = ""
    certificate: Certificate | None = None

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.whole_file


def pdf_signature_check(pdf: bytes, *, trust_roots) -> SignatureCheck:
    """Validate the last signature of `pdf` offline against `trust_roots`."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not valid"
        return SignatureCheck(signed=False, error=type(exc).__name__)
    if not sigs:
        return SignatureCheck(signed=False)
    sig = sigs[-1]
    try:
        status = _outside_event_loop(
            validate_pdf_signature, sig,
            ValidationContext(trust_roots=list(trust_roots), allow_fetching=False),
        )
    except Exception as exc:  # noqa: BLE001 - a broken signature is reported, not raised
        return SignatureCheck(signed=True, error=type(exc).__name__)
    return SignatureCheck(
        signed=True, intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer_subject=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        certificate=Certificate.of(status.signing_cert),
    )
