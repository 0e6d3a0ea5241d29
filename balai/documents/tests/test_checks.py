import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from balai.documents.checks import demo_signer_in_production


def test_deploy_check_warns_while_the_demo_signer_is_used(settings):
    settings.DOCUMENTS_SIGNING_P12 = ""
    assert [w.id for w in demo_signer_in_production(None)] == ["documents.I001"]
    settings.DOCUMENTS_SIGNING_P12 = "/etc/balai/pemda.p12"
    assert demo_signer_in_production(None) == []


def test_check_warns_when_files_are_on_s3_but_no_certificate_signs_the_letters(settings):
    settings.AWS_STORAGE_BUCKET_NAME = "balai"
    settings.DOCUMENTS_SIGNING_P12 = ""
    # `balai check` (and every command's start-up) says it; a strict check fails on it.
    with pytest.raises(SystemCheckError, match=r"documents\.W001"):
        call_command("check", "--fail-level", "WARNING", "--tag", "security")
    settings.DOCUMENTS_SIGNING_P12 = "/etc/balai/pemda.p12"
    call_command("check", "--fail-level", "WARNING", "--tag", "security")
    settings.AWS_STORAGE_BUCKET_NAME = ""
    settings.DOCUMENTS_SIGNING_P12 = ""  # one host, files on its disk: the demo CA is one
    call_command("check", "--fail-level", "WARNING", "--tag", "security")
