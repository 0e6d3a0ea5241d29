"""Two balai installations, each on its own database, forward a case and follow it (issue 22).

The province is a `balai serve` subprocess on its own PostgreSQL database (started with the
scale-out scenario's helpers, balai/core/cluster.py); the city is this test's own database,
its worker's steps called in-process (send, follow sweep, the verdict sent back), all over
real HTTP to the province. Like test_cluster.py it runs in `make test-cluster` (.ci/run's
own step, BALAI_CLUSTER=1) and is skipped elsewhere with the reason.

Two steps are done in the province's own process with its services (`balai shell`), not on
its staff pages: its setup (boundaries, a category, the city's partner key) and its
officer's work on the case (verify, take into work, answer).
"""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from balai.complaints import services as complaint_services
from balai.complaints.models import Complaint, ComplaintMessage, FixedCheck
from balai.complaints.tests import factories
from balai.complaints.tests.test_questionnaire import _token_from
from balai.core.cluster import BALAI, Cluster, free_port, postgres_reachable, redis_reachable
from balai.core.cluster import wait_for as wait_until_answering
from balai.forwarding import services
from balai.forwarding.models import RemoteFeedback, RemoteForward
from balai.notifications.models import Outbox

PG = os.environ.get("CLUSTER_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("CLUSTER_REDIS", "redis://127.0.0.1:6379/0")


def _skip_reason() -> str:
    if os.environ.get("BALAI_CLUSTER") != "1":
        return ("two installations start a `balai serve` on their own PostgreSQL database: "
                "it runs in make test-cluster; set BALAI_CLUSTER=1 to run it here")
    return postgres_reachable(PG) or redis_reachable(REDIS)


pytestmark = [pytest.mark.skipif(bool(_skip_reason()), reason=_skip_reason() or "runs"),
              pytest.mark.django_db]

PROVINCE_SETUP = """
import json
from balai.agencies.models import Agency
from balai.complaints.models import Category
from balai.complaints.tests import factories
from balai.demo.loader import BOUNDARIES
from balai.geo.services import areas_import
from balai.open311.services import api_client_issue
areas_import(BOUNDARIES, progress=False)
rows = factories.agencies()
cats = factories.categories(rows)
Category.objects.create(code="JLN-PROV", name="Jalan provinsi rusak",
                        group=cats["jalan"].group, agency=rows["pupr"])
kota = Agency.objects.create(code="pemkot-malang", name="Pemerintah Kota Malang",
                             is_external=True, level=Agency.Level.KOTA)
client, key = api_client_issue(name="Balai Kota Malang", actor=None)
client.partner = kota
client.save(update_fields=["partner"])
print(json.dumps({"key": key}))
"""

PROVINCE_OFFICER = """
import json
from balai.complaints import services as s
from balai.complaints.models import Complaint
c = Complaint.objects.get(code="{code}")
c = s.complaint_verify(complaint=c, actor=None)
c = s.complaint_accept(complaint=c, actor=None)
c = s.complaint_answer(complaint=c, text="{answer}", actor=None)
print(json.dumps({{"status": c.status}}))
"""

PROVINCE_CASE = """
import json
from balai.complaints.models import Complaint
from balai.open311.models import PartnerUpdate
c = Complaint.objects.get(code="{code}")
print(json.dumps({{"status": c.status, "channel": c.channel, "description": c.description,
                  "partner": c.open311_submission.client.partner.name,
                  "updates": list(PartnerUpdate.objects.filter(complaint=c)
                                  .values_list("fixed", "description")),
                  "notes": list(c.messages.filter(is_public=True)
                                .values_list("text", flat=True))}}))
"""


class Province(Cluster):
    """One web host of the province's balai on its own database: no S3, no worker."""

    def env(self, host: str) -> dict[str, str]:
        env = {k: v for k, v in super().env(host).items() if not k.startswith("AWS_")}
        env["SITE_URL"] = self.urls["province"]
        return env


@pytest.fixture(scope="module")
def province():
    started = time.monotonic()
    p = Province(pg_base=PG, redis_url=REDIS, db=f"balai_fwd_province_{os.getpid()}")
    try:
        (p.root / "province" / "var").mkdir(parents=True)
        p.urls["province"] = f"http://127.0.0.1:{free_port()}"
        p._psql(f'DROP DATABASE IF EXISTS "{p.db}" WITH (FORCE)')
        p._psql(f'CREATE DATABASE "{p.db}"')
        p.run("province", "migrate", "--noinput", "-v", "0")
        p.key = json.loads(p.shell("province", PROVINCE_SETUP))["key"]

        def serve():
            port = p.urls["province"].rsplit(":", 1)[1]
            p._spawn("province", [*BALAI, "serve", "--workers", "1",
                                  "--bind", f"127.0.0.1:{port}"], p.env("province"))
            wait_until_answering(f"{p.urls['province']}/ping", timeout=120, what="province",
                                 proc=p.processes["province"])

        p.serve = serve
        serve()
        p.timings["start"] = time.monotonic() - started
        yield p
    finally:
        print("\nprovince: " + ", ".join(f"{k} {v:.1f} s" for k, v in p.timings.items()))
        p.stop(keep_files=os.environ.get("CLUSTER_KEEP") == "1")


def test_a_case_travels_to_the_province_and_its_answer_and_verdict_travel_back(
        province, cats, malang, verifikator, client, settings, complaint_files):
    settings.FORWARDING_CONTACT_EMAIL = "desk@kota.example"
    their = lambda code: json.loads(province.shell(  # noqa: E731
        "province", PROVINCE_CASE.format(code=code)))
    services.endpoint_save(agency=malang["dpu-bm-jatim"],
                           base_url=f"{province.urls['province']}/open311/v2",
                           api_key=province.key, service_map={"jalan-rusak": "JLN-PROV"},
                           actor=None)
    ours, _secret = complaint_services.complaint_submit(
        submission=factories.submission(cats["jalan"], title="Jalan provinsi berlubang"),
        now=timezone.now())
    started = time.monotonic()

    # The city's officer forwards it while the province is down: the forward waits with
    # its reason and is retried; once the province is back, the sweep sends it, once.
    down = province.processes.pop("province")
    down.terminate()  # gunicorn's master stops its workers: the port closes
    down.wait(timeout=30)
    complaint_services.complaint_forward(complaint=ours, to_agency=malang["dpu-bm-jatim"],
                                         reason="Jalan provinsi", actor=verifikator)
    rf = RemoteForward.objects.get()
    assert services.forward_send(forward_id=rf.pk) != "sent"
    rf.refresh_from_db()
    assert rf.status == RemoteForward.Status.PENDING and rf.last_error and rf.next_attempt_at
    province.serve()
    assert services.send_sweep(now=rf.next_attempt_at + timedelta(seconds=1)) == 1
    rf.refresh_from_db()
    assert rf.status == RemoteForward.Status.SENT, rf.last_error
    rf.refresh_from_db()
    there = their(rf.remote_id)
    assert there["channel"] == "forwarded" and there["partner"] == "Pemerintah Kota Malang"
    assert ours.code in there["description"]  # the city's reference travels with it
    sent = time.monotonic()

    # The province's officer verifies, takes it into work and answers.
    answer = "Jalan provinsi sudah ditambal oleh UPT PJJ Malang."
    assert json.loads(province.shell("province", PROVINCE_OFFICER.format(
        code=rf.remote_id, answer=answer)))["status"] == "selesai"

    # The city's follow sweep mirrors it onto the case and the citizen's page.
    assert services.follow_sweep(now=timezone.now() + timedelta(hours=1)) == 1
    ours.refresh_from_db()
    assert ours.status == Complaint.Status.DITUTUP and ours.answer == answer
    assert ComplaintMessage.objects.filter(complaint=ours, kind="remote_note").count() >= 2
    page = client.get(f"/pengaduan/lacak/{ours.code}/").content.decode()
    assert answer in page and f"nomor mereka {rf.remote_id}" in page
    mirrored = time.monotonic()

    # The city asked its citizen "sudah beres?" when the province closed it; the citizen
    # answers "belum", with what is still wrong.
    check = FixedCheck.objects.get(complaint=ours, round=FixedCheck.Round.AT_CLOSE)
    token = _token_from(Outbox.objects.get(
        dedupe_key=f"complaint:{ours.pk}:fixed:{check.pk}:email"))
    assert client.post(f"/pengaduan/beres/{token}/",
                       {"answer": "belum", "note": "Retak lagi di tepi."}).status_code == 302
    feedback = RemoteFeedback.objects.get()
    assert services.feedback_send(feedback_id=feedback.pk) == "sent", \
        RemoteFeedback.objects.get().last_error
    there = their(rf.remote_id)
    assert there["status"] == "diproses"  # reopened at the province, to its agency
    ours.refresh_from_db()
    assert ours.status == Complaint.Status.DITERUSKAN  # back with the province, followed again
    assert RemoteForward.objects.get().status == RemoteForward.Status.SENT
    assert there["updates"] == [[False, "Retak lagi di tepi."]]
    assert "Pemerintah Kota Malang: Retak lagi di tepi." in there["notes"]
    done = time.monotonic()
    print(f"\ntwo installations: sent and received {sent - started:.2f} s, answered there "
          f"and mirrored here {mirrored - sent:.2f} s, verdict back {done - mirrored:.2f} s, "
          f"round trip {done - started:.2f} s (the province's shell steps included); "
          f"province started in {province.timings['start']:.1f} s")
