"""Deployment checks: a production site must not sign with the demo certificate."""

from django.conf import settings
from django.core.checks import Info, Tags, Warning, register


@register(Tags.security, deploy=True)
def demo_signer_in_production(app_configs, **kwargs):
    if settings.DOCUMENTS_SIGNING_P12:
        return []
    # Info, not Warning: `make check-deploy` fails on warnings and CI has no P12.
    return [Info(
        "Official letters are signed with the SPESIMEN / DEMO certificate.",
        hint="Set DOCUMENTS_SIGNING_P12 and DOCUMENTS_SIGNING_PASSPHRASE (and "
             "DOCUMENTS_TRUST_ROOTS) to the pemda's certificate, or sign through BSrE.",
        id="documents.I001",
    )]


@register(Tags.security, deploy=True)
def demo_logo_in_production(app_configs, **kwargs):
    from balai.documents.render import DEMO_LOGO, letterhead_logo  # noqa: PLC0415

    if letterhead_logo() != DEMO_LOGO:
        return []
    return [Info(
        "The letterhead carries the DEMO logo.",
        hint="Set DOCUMENTS_LOGO_PATH to the pemda's logo (a local PNG, JPG or SVG file).",
        id="documents.I002",
    )]


@register(Tags.security)
def s3_without_signing_certificate(app_configs, **kwargs):
    """Files on S3 mean several hosts (issue 21); without a configured certificate each one
    makes its own demo CA under its own var/, so a letter signed on one host fails the
    verification page of another."""
    if not settings.AWS_STORAGE_BUCKET_NAME or settings.DOCUMENTS_SIGNING_P12:
        return []
    return [Warning(
        "Files are stored on S3 (AWS_STORAGE_BUCKET_NAME) but no certificate signs the "
        "letters (DOCUMENTS_SIGNING_P12 is unset): each host makes its own demo CA, and a "
        "letter signed on one host does not verify on another.",
        hint="Set DOCUMENTS_SIGNING_P12, DOCUMENTS_SIGNING_PASSPHRASE and "
             "DOCUMENTS_TRUST_ROOTS to the same certificate files on every web and worker "
             "host (docs/deploy.md).",
        id="documents.W001",
    )]
