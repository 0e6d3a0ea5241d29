"""A burst of ordinary traffic against the embedded default (a SQLite file) while the
worker's sweeps and tasks run, counting every 500 and every "database is locked".

Run by test_sqlite_concurrency.py in a process of its own, because the test suite's
database is not a file (issue 12: the fifth wrong log-in answered 500 while the worker was
writing). By hand, for measurements:

    SQLITE_PATH=/tmp/s/db.sqlite3 BALAI_VAR_DIR=/tmp/s \
        python -m balai.core.tests.sqlite_stress --threads 10 --rounds 6
    ... --options '{"transaction_mode": "DEFERRED"}'   # to see what the setting prevents

It migrates the database, seeds Kota Malang with a few accounts and complaints, then runs
`--threads` clients (wrong log-ins up to the lockout, good log-ins, reports with a photo,
staff verifying and accepting) and one worker thread running every periodic job and the
queued tasks, as `balai worker` does, over and over. It prints one JSON line.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import logging
import os
import threading
import time
from collections import Counter
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
os.environ.setdefault("STAFF_2FA", "optional")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

LOCKED = "database is locked"


class Capture(logging.Handler):
    """Every record at WARNING and above, with its traceback."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record):
        self.lines.append(self.format(record))


def _brief(line: str) -> str:
    """A record's first line and the last line of its traceback."""
    lines = line.splitlines()
    return lines[0] if len(lines) == 1 else f"{lines[0]} … {lines[-1]}"


def _photo(n: int):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (n * 37 % 255, 90, 120)).save(buffer, "JPEG")
    return SimpleUploadedFile(f"lubang-{n}.jpg", buffer.getvalue(), content_type="image/jpeg")


def seed(threads: int, backlog_size: int) -> dict:
    """Kota Malang, its agencies and categories, the accounts, and complaints to act on."""
    from pathlib import Path  # noqa: PLC0415
    from tempfile import TemporaryDirectory  # noqa: PLC0415

    from django.core.management import call_command  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from balai.accounts.models import Role, User  # noqa: PLC0415
    from balai.agencies.models import Membership  # noqa: PLC0415
    from balai.complaints import services  # noqa: PLC0415
    from balai.complaints.deadlines import set_alarms  # noqa: PLC0415
    from balai.complaints.models import Complaint  # noqa: PLC0415
    from balai.complaints.tests import factories  # noqa: PLC0415
    from balai.core.calendar import get_work_calendar  # noqa: PLC0415

    call_command("migrate", verbosity=0, interactive=False)
    rows = factories.agencies()
    lat, lng = factories.ALUN_ALUN
    with TemporaryDirectory() as tmp:
        factories.load_malang(Path(tmp), roads=[factories.road_through(
            lat, lng, code="T-KOTA", status="kota", agency="pupr", offset_m=6)])
    cats = factories.categories(rows)
    password = "rahasia-uji-123"  # noqa: S105
    users = {}
    for key, role in [("verifikator", Role.VERIFIKATOR), ("operator", Role.OPERATOR_OPD),
                      ("warga", Role.WARGA)]:
        users[key] = User.objects.create_user(email=f"{key}@uji.balai.id", password=password,
                                              full_name=key, role=role)
    Membership.objects.create(user=users["operator"], agency=rows["pupr"],
                              role=Membership.Role.OPERATOR)
    for i in range(threads):
        User.objects.create_user(email=f"lupa{i}@uji.balai.id", password=password,
                                 full_name=f"lupa {i}", role=Role.WARGA)
    new, verified = [], []
    for i in range(threads * 4):
        complaint, _ = services.complaint_submit(submission=factories.submission(
            cats["jalan"], title=f"Lubang {i}", reporter_email=f"seed{i}@example.id"))
        if i % 2:
            services.complaint_verify(complaint=complaint, actor=users["verifikator"])
            verified.append(complaint.pk)
        else:
            new.append(complaint.pk)
    # A backlog past its verification deadline, larger than one chunk of the sweeps'
    # reads (500): the SLA sweep escalates these while the burst runs.
    late = timezone.localdate() - timedelta(days=40)
    template = Complaint.objects.get(pk=new[0])
    calendar = get_work_calendar()
    backlog = []
    for n in range(backlog_size):
        template.pk = None
        template.code = f"LATE-{n:05d}"
        template.idempotency_key = None
        template.clock_start, template.verify_due = late, late + timedelta(days=5)
        set_alarms(template, calendar)  # what complaint_submit stores: the sweep selects on it
        backlog.append(copy.copy(template))
    Complaint.objects.bulk_create(backlog)
    return {"threads": threads, "category": cats["jalan"].pk, "agency": rows["pupr"].pk,
            "password": password, "new": new, "verified": verified}


def client_thread(i: int, rounds: int, data: dict, statuses: Counter, errors: list,
                  lock: threading.Lock) -> None:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from balai.complaints.tests import factories  # noqa: PLC0415

    ip = f"10.0.{i}.1"
    login_url = reverse("accounts:login")

    def record(what: str, response) -> None:
        with lock:
            statuses[f"{what} {response.status_code}"] += 1
            if response.status_code >= 500:
                errors.append(f"{what}: {response.status_code}")

    def run(what: str, fn) -> None:
        try:
            record(what, fn())
        except Exception as exc:  # the client re-raises nothing; a crash here is ours
            with lock:
                errors.append(f"{what}: {type(exc).__name__}: {exc}")

    anonymous = Client(REMOTE_ADDR=ip, raise_request_exception=False)
    staff = Client(REMOTE_ADDR=ip, raise_request_exception=False)
    staff_user = "verifikator" if i % 2 == 0 else "operator"
    run("staff login", lambda: staff.post(login_url, {
        "username": f"{staff_user}@uji.balai.id", "password": data["password"]}))
    lat, lng = factories.ALUN_ALUN
    pool = data["new" if staff_user == "verifikator" else "verified"]
    mine = pool[i // 2::max(1, (data["threads"] + 1) // 2)]
    try:
        for r in range(rounds):
            # A wrong password, six times over the rounds: the fifth locks the account.
            run("wrong login", lambda: Client(REMOTE_ADDR=ip, raise_request_exception=False)
                .post(login_url, {"username": f"lupa{i}@uji.balai.id", "password": "salah"}))
            run("good login", lambda: Client(REMOTE_ADDR=ip, raise_request_exception=False)
                .post(login_url, {"username": "warga@uji.balai.id",
                                  "password": data["password"]}))
            run("report", lambda r=r: anonymous.post(reverse("complaints:report"), {
                "category": data["category"], "lat": lat, "lng": lng,
                "title": f"Lubang {i}-{r}", "description": "Lubang sedalam 20 cm.",
                "reporter_name": "Siti", "reporter_email": f"siti{i}-{r}@example.id",
                "reporter_phone": "", "address": "", "idempotency_key": f"k-{i}-{r}",
                "website": "", "photos": _photo(r)}))
            if r < len(mine):
                pk = mine[r]
                if staff_user == "verifikator":
                    run("verify", lambda pk=pk: staff.post(
                        reverse("complaints:staff_action", args=[pk, "verify"]),
                        {"verify-agency": data["agency"], "verify-instruction": "Segera",
                         "verify-override_reason": ""}))
                else:
                    run("accept", lambda pk=pk: staff.post(
                        reverse("complaints:staff_action", args=[pk, "accept"])))
            run("queue", lambda: staff.get(reverse("complaints:staff_queue")))
    finally:
        connection.close()


def worker_thread(stop: threading.Event, runs: Counter, errors: list,
                  lock: threading.Lock) -> None:
    """What `balai worker` does, without waiting for each job's interval."""
    from django.db import close_old_connections, connection  # noqa: PLC0415
    from django_tasks_db.management.commands.db_worker import Worker  # noqa: PLC0415

    from balai.core.management.commands.worker import load_task_modules  # noqa: PLC0415
    from balai.core.periodic import REGISTRY  # noqa: PLC0415

    load_task_modules()
    jobs = [(name, job.func) for name, job in REGISTRY.items()]
    try:
        while not stop.is_set():
            close_old_connections()
            for name, func in jobs:
                try:
                    func()
                except Exception as exc:
                    logging.getLogger("balai.worker").exception("periodic job %s failed", name)
                    with lock:
                        errors.append(f"{name}: {type(exc).__name__}: {exc}")
                with lock:
                    runs[name] += 1
            Worker(queue_names=["*"], interval=0, batch=True, backend_name="default",
                   startup_delay=False, max_tasks=10, worker_id="stress",
                   excluded_queue_names=[]).run()
            with lock:
                runs["tasks batch"] += 1
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--backlog", type=int, default=600,
                        help="complaints already late when the burst starts")
    parser.add_argument("--options", default="{}",
                        help="JSON merged into DATABASES['default']['OPTIONS'] (to measure "
                             "what a setting prevents)")
    args = parser.parse_args(argv)

    import django  # noqa: PLC0415

    django.setup()
    from django.db import connections  # noqa: PLC0415

    default = connections.settings["default"]
    if default["ENGINE"] != "django.db.backends.sqlite3":
        raise SystemExit("sqlite_stress runs against the embedded SQLite default only")
    default["OPTIONS"].update(json.loads(args.options))
    from django.conf import settings  # noqa: PLC0415

    # Argon2 is the slow part of a log-in on purpose; here it would only thin the traffic.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    capture = Capture()
    logging.getLogger().addHandler(capture)

    started = time.monotonic()
    data = seed(args.threads, args.backlog)
    connections["default"].close()
    seeded = time.monotonic()

    lock = threading.Lock()
    statuses: Counter = Counter()
    runs: Counter = Counter()
    errors: list[str] = []
    stop = threading.Event()
    worker = threading.Thread(target=worker_thread, args=(stop, runs, errors, lock))
    worker.start()
    clients = [threading.Thread(target=client_thread,
                                args=(i, args.rounds, data, statuses, errors, lock))
               for i in range(args.threads)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    stop.set()
    worker.join()

    from balai.complaints.models import Complaint  # noqa: PLC0415
    from balai.core.models import AuditEntry  # noqa: PLC0415

    locked_logs = [line for line in capture.lines if LOCKED in line]
    print(json.dumps({
        "seconds": {"seed": round(seeded - started, 1),
                    "burst": round(time.monotonic() - seeded, 1)},
        "statuses": dict(sorted(statuses.items())),
        "worker_runs": dict(runs),
        "complaints": Complaint.objects.count(),
        "escalated": AuditEntry.objects.filter(action="complaints.sla_escalated").count(),
        "errors": errors,
        "locked_in_log": len(locked_logs),
        "log_sample": [_brief(line) for line in (locked_logs or capture.lines)[:3]],
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
