"""Each kind of PPID letter is filed under the archive classification the office's archivist
chose (PPID_LETTER_CLASSIFICATIONS), and start-up names a kind without one (issue 13,
defect 4): not every letter under 000.8.3.3, which Permendagri 83/2022 gives to SOPs."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from balai.ppid import services
from balai.ppid.letters import LETTER_KINDS
from balai.ppid.tests import factories

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.django_db
def test_each_kind_of_letter_carries_the_code_configured_for_it(
        settings, signing, petugas_ppid, atasan_ppid):
    settings.PPID_LETTER_CLASSIFICATIONS = {"ppid_notice": "500.12.3",
                                            "objection_decision": "500.12.4"}
    with time_machine.travel(datetime(2026, 3, 16, 10, tzinfo=WIB), tick=False):
        req = factories.request()
    decision = services.information_request_decide(
        request=req, data=factories.decision_data(), actor=petugas_ppid,
        now=datetime(2026, 4, 7, 10, tzinfo=WIB))
    with time_machine.travel(datetime(2026, 4, 8, 10, tzinfo=WIB), tick=False):
        objection = services.objection_file(request=req, ground="35_1a",
                                            ground_date=date(2026, 4, 7),
                                            case_summary="Nama pemilik lahan harus dibuka.")
    decided = services.objection_decide(objection=objection, outcome="ditolak",
                                        actor=atasan_ppid,
                                        reasons="Pengecualian data pribadi sudah tepat.",
                                        now=datetime(2026, 4, 20, 10, tzinfo=WIB))
    assert re.fullmatch(r"500\.12\.3/\d+/PPID/2026", decision.notice.number.full_number)
    assert re.fullmatch(r"500\.12\.4/\d+/PPID/2026",
                        decided.decision_document.number.full_number)
    assert decided.decision_document.number.classification.verified is False


def test_start_up_names_the_kind_of_letter_without_a_code(settings):
    settings.PPID_LETTER_CLASSIFICATIONS = {"ppid_notice": "500.12"}
    with pytest.raises(SystemCheckError, match=r"ppid\.E001.*objection_decision"):
        call_command("check")
    settings.PPID_LETTER_CLASSIFICATIONS = {"ppid_notice": "500.12",
                                            "objection_decision": "keberatan"}
    with pytest.raises(SystemCheckError, match=r"ppid\.E002.*objection_decision=keberatan"):
        call_command("check")
    settings.PPID_LETTER_CLASSIFICATIONS = {"ppid_notice": "500.12",
                                            "objection_decision": "500.12.4"}
    call_command("check")


def test_the_shipped_configuration_files_no_letter_as_an_sop():
    from balai import settings as shipped

    assert set(shipped.PPID_LETTER_CLASSIFICATIONS) == set(LETTER_KINDS)
    assert "000.8.3.3" not in shipped.PPID_LETTER_CLASSIFICATIONS.values()
