"""Two web hosts and two worker hosts on one PostgreSQL, Redis and S3 behave as one (issue 21).

The scenario (balai/core/cluster.py) runs real processes: moto's S3 server, two `balai
serve` and two `balai worker`, each with its own var/ folder. This test drives them over
HTTP. It is its own step of .ci/run (`make test-cluster`, after the PostgreSQL suite, whose
demo database it copies) and is skipped elsewhere, with the reason: set BALAI_CLUSTER=1 to
run it (it needs PostgreSQL, Redis and moto_server).
"""

from __future__ import annotations

import io
import os
import re
import time
import uuid

import pytest

from balai.core.cluster import (
    BUCKET,
    S3_KEY,
    S3_SECRET,
    Cluster,
    moto_missing,
    postgres_reachable,
    redis_reachable,
)

PG = os.environ.get("CLUSTER_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("CLUSTER_REDIS", "redis://127.0.0.1:6379/0")
PASSWORD = "Balai-Demo-2026"  # noqa: S105 - the demo's printed password
PIN = {"lat": "-7.9826", "lng": "112.6308"}


def _skip_reason() -> str:
    if os.environ.get("BALAI_CLUSTER") != "1":
        return ("the scale-out scenario starts its own processes: it runs as its own step "
                "of .ci/run (make test-cluster); set BALAI_CLUSTER=1 to run it here")
    return postgres_reachable(PG) or redis_reachable(REDIS) or moto_missing()


pytestmark = pytest.mark.skipif(bool(_skip_reason()), reason=_skip_reason() or "runs")


@pytest.fixture(scope="module")
def cluster():
    started = time.monotonic()
    c = Cluster(pg_base=PG, redis_url=REDIS,
                template_db=os.environ.get("CLUSTER_TEMPLATE_DB", ""))
    try:
        c.start()
        yield c
    finally:
        c.timings["total"] = time.monotonic() - started
        figures = ", ".join(f"{k} {v:.1f} s" for k, v in c.timings.items())
        print(f"\ncluster scenario: {figures}")
        c.stop(keep_files=os.environ.get("CLUSTER_KEEP") == "1")


@pytest.fixture(scope="module")
def db(cluster):
    import psycopg

    with psycopg.connect(cluster.database_url, autocommit=True) as conn:
        yield conn


def photo_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """A phone-sized JPEG with camera data and GPS in its EXIF, noisy enough to weigh MBs."""
    from PIL import Image, ImageChops

    base = Image.frombytes("RGB", (40, 30), os.urandom(40 * 30 * 3)).resize(
        (width, height), Image.Resampling.BICUBIC)
    noise = Image.effect_noise((width, height), 10)
    img = ImageChops.add(base, Image.merge("RGB", (noise, noise, noise)), offset=-128)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Samsung", "SM-A525F"
    exif.get_ifd(0x8825).update({1: "S", 2: (7.0, 58.0, 57.36), 3: "E", 4: (112.0, 37.0, 50.88)})
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


class Browser:
    """One citizen or officer, at one address, on one web host (requests.Session)."""

    def __init__(self, base: str, ip: str):
        import requests

        self.base, self.session = base, requests.Session()
        self.session.headers["X-Forwarded-For"] = ip

    def on(self, base: str) -> Browser:
        """The same person (cookies, address) on another host, as a load balancer sends."""
        self.base = base
        return self

    def get(self, path: str, **kw):
        return self.session.get(self.base + path, timeout=60, **kw)

    def post(self, path: str, data: dict, files=None):
        self.get(path)  # the form and its CSRF cookie
        token = self.session.cookies.get("csrftoken")
        return self.session.post(self.base + path, data={**data, "csrfmiddlewaretoken": token},
                                 files=files, timeout=120, allow_redirects=False,
                                 headers={"Referer": self.base + path})


def category_id(db) -> int:
    return db.execute("SELECT id FROM complaints_category WHERE code = 'sampah'").fetchone()[0]


def report(browser: Browser, db, photos: list[bytes] = ()):
    data = {"category": category_id(db), **PIN, "title": "Sampah menumpuk di tepi jalan",
            "description": "Sudah tiga hari sampah tidak diangkut (uji skenario banyak mesin).",
            "reporter_email": "warga@example.id", "website": "", "address": "",
            "idempotency_key": uuid.uuid4().hex}
    files = [("photos", (f"foto{i}.jpg", p, "image/jpeg")) for i, p in enumerate(photos)]
    return browser.post("/pengaduan/lapor/", data, files=files or None)


def submitted_link(browser: Browser, response) -> tuple[str, str]:
    at = response.text.find("Ada masalah")
    errors = re.sub(r"<[^>]+>|\s+", " ", response.text[at:at + 3000]) if at >= 0 else ""
    assert response.status_code == 302, errors or response.text[-2000:]
    page = browser.get(response.headers["Location"]).text
    code, secret = re.search(r"/pengaduan/lacak/([\w-]+)/\?k=([\w-]+)", page).groups()
    return code, secret


def wait(predicate, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.3)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


def test_a_photo_sent_to_web_a_is_processed_by_a_worker_and_served_from_s3_by_web_b(
        cluster, db):
    import boto3
    from PIL import Image

    t = time.monotonic()
    citizen = Browser(cluster.urls["web-a"], "198.51.100.10")
    code, secret = submitted_link(citizen, report(citizen, db, [photo_jpeg()]))
    citizen.on(cluster.urls["web-b"])

    def photo_link():
        page = citizen.get(f"/pengaduan/lacak/{code}/?k={secret}").text
        return (match := re.search(r"/pengaduan/foto/(\d+)/full/", page)) and match.group(0)

    link = wait(photo_link, timeout=90, what="the photo on web B's tracking page")
    cluster.timings["photo published"] = time.monotonic() - t
    served = citizen.get(link + f"?k={secret}")
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(served.content))
    assert max(image.size) <= 2048 and not image.getexif()  # re-encoded, nothing kept

    # Where it lives: in the bucket, on no host's disk.
    name = db.execute("SELECT private_image FROM complaints_complaintphoto p JOIN "
                      "complaints_complaint c ON c.id = p.complaint_id WHERE c.code = %s",
                      [code]).fetchone()[0]
    s3 = boto3.client("s3", endpoint_url=cluster.urls["s3"], region_name="us-east-1",
                      aws_access_key_id=S3_KEY, aws_secret_access_key=S3_SECRET)
    stored = s3.get_object(Bucket=BUCKET, Key=f"private/complaints/{name}")["Body"].read()
    assert stored == served.content
    on_disk = [p for host in ("web-a", "web-b", "worker-1", "worker-2")
               for p in (cluster.root / host / "var").rglob("*.jpg")]
    assert on_disk == []


def test_the_report_limit_counts_every_web_host(cluster, db):
    citizen = Browser(cluster.urls["web-a"], "198.51.100.20")
    assert report(citizen, db).status_code == 302
    assert report(citizen.on(cluster.urls["web-b"]), db).status_code == 302
    assert report(citizen.on(cluster.urls["web-a"]), db).status_code == 302
    refused = report(citizen.on(cluster.urls["web-b"]), db)  # the fourth, limit 3 per hour
    assert refused.status_code == 200
    assert "Terlalu banyak laporan" in refused.text or "Too many reports" in refused.text
    other = Browser(cluster.urls["web-b"], "198.51.100.21")  # another address is not held
    assert report(other, db).status_code == 302


def test_failed_logins_on_both_hosts_lock_the_account_on_both(cluster):
    officer = Browser(cluster.urls["web-a"], "198.51.100.30")
    login = {"username": "verifikator@demo.balai.id"}
    for attempt in range(5):  # AXES_FAILURE_LIMIT, split between the two hosts
        officer.on(cluster.urls["web-a" if attempt % 2 else "web-b"])
        response = officer.post("/akun/masuk/", {**login, "password": "salah-sekali"})
        assert response.status_code in (200, 429)
    locked = officer.on(cluster.urls["web-a"]).post("/akun/masuk/", {**login,
                                                                    "password": PASSWORD})
    assert locked.status_code == 429
    elsewhere = Browser(cluster.urls["web-b"], "198.51.100.31")  # the lock is per address
    assert elsewhere.post("/akun/masuk/", {**login, "password": PASSWORD}).status_code == 302


def test_a_letter_signed_on_web_a_verifies_on_web_b(cluster):
    doc_uuid = cluster.shell("web-a", "from balai.documents.tests.factories import issue; "
                                      "print(issue().uuid)")
    page = Browser(cluster.urls["web-b"], "198.51.100.40").get(f"/verifikasi/{doc_uuid}")
    assert page.status_code == 200
    assert "panel--confirmation" in page.text, page.text[-3000:]


def running_photo_task(db, pids: dict[str, str]):
    """(task id, worker name) of a photo task one of our workers is running, or None."""
    for pk, workers in db.execute(
            "SELECT id, worker_ids FROM django_tasks_database_dbtaskresult WHERE "
            "status = 'RUNNING' AND task_path LIKE '%%process_photo'").fetchall():
        pid = workers[-1].rsplit("-", 1)[-1] if workers else ""
        if pid in pids:
            return pk, pids[pid]
    return None


def test_a_worker_killed_mid_task_loses_nothing_and_doubles_nothing(cluster, db):
    """kill -9 of the worker running a photo: the other worker's stale-task sweep fails the
    task with the reason and queues it again; every photo is published once."""
    photo = photo_jpeg()
    pids = {str(cluster.processes[n].pid): n for n in ("worker-1", "worker-2")}
    killed = None
    for attempt in range(4):
        citizen = Browser(cluster.urls["web-a" if attempt % 2 else "web-b"],
                          f"198.51.100.{50 + attempt}")
        codes = [submitted_link(citizen, report(citizen, db, [photo] * 5))[0]
                 for _ in range(2)]

        found = wait(lambda pids=pids: running_photo_task(db, pids), timeout=60,
                     what="a photo task running")
        cluster.kill(found[1])
        status = db.execute("SELECT status FROM django_tasks_database_dbtaskresult "
                            "WHERE id = %s", [found[0]]).fetchone()[0]
        if status == "RUNNING":  # killed mid-task (else it finished first: try again)
            killed = found
            break
        cluster.processes.pop(found[1])
        pids = {p: n for p, n in pids.items() if n != found[1]}
        assert pids, "every worker finished its task before it could be killed"
    assert killed, "no task was caught running"
    t = time.monotonic()
    survivor = next(n for n in pids.values() if n != killed[1])

    def all_ready():
        # the killed worker may have published its photo and died before it could mark the
        # task done: then the photo is ready at once, and the task is failed by the sweep later
        if db.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s",
                      [killed[0]]).fetchone()[0] == "RUNNING":
            return None
        states = db.execute(
            "SELECT p.state, p.private_image FROM complaints_complaintphoto p JOIN "
            "complaints_complaint c ON c.id = p.complaint_id WHERE c.code = ANY(%s)",
            [codes]).fetchall()
        return len(states) == 10 and all(s == "ready" for s, _ in states) and states

    states = wait(all_ready, timeout=120, what="every photo published and the lost task "
                                                "failed after the kill")
    cluster.timings["recovered after kill -9"] = time.monotonic() - t
    assert len({name for _, name in states}) == 10  # ten photos, each published once
    lost = db.execute("SELECT status, exception_class_path, traceback, args_kwargs FROM "
                      "django_tasks_database_dbtaskresult WHERE id = %s",
                      [killed[0]]).fetchone()
    assert lost[0] == "FAILED" and "queued again" in lost[2]
    # the task ids are random UUIDs: the copy is found by its task and arguments (another
    # task may take the same number), not by a later id
    again = db.execute("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
                       "WHERE id <> %s AND task_path LIKE '%%process_photo' "
                       "AND args_kwargs = %s::jsonb",
                       [killed[0], __import__("json").dumps(lost[3])]).fetchall()
    assert len(again) == 1 and again[0][0] == "SUCCESSFUL"
    assert again[0][1][-1].endswith(f"-{cluster.processes[survivor].pid}")
    assert db.execute("SELECT COUNT(*) FROM complaints_complaint WHERE code = ANY(%s)",
                      [codes]).fetchone()[0] == 2


def test_each_sweep_ran_once_per_period_not_once_per_worker(cluster, db):
    elapsed = time.time() - cluster.workers_started_at
    # (job, its interval in seconds × PERIODIC_INTERVAL_SCALE 0.1)
    for job, period in [("notifications.outbox_sweep", 3.0), ("core.stale_tasks_sweep", 6.0),
                        ("complaints.sla_sweep", 6.0)]:
        runs = db.execute("SELECT runs FROM core_periodicclaim WHERE name = %s",
                          [job]).fetchone()[0]
        periods = elapsed / period
        assert 2 <= runs <= periods + 2, (job, runs, periods)
