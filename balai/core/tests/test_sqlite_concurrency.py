"""The embedded default never answers 500 to a lock (issue 12).

A burst of wrong log-ins up to the lockout, good log-ins, reports with a photo and staff
verifying and accepting, from eight threads, while the worker's sweeps escalate a late
backlog and its tasks run: against a SQLite file, as `make run` serves it. The suite's own
database is in memory, so the burst runs in a process of its own (sqlite_stress.py).

Measured with that script (8 threads, 5 rounds, 600 late complaints): with the settings'
IMMEDIATE transactions and 20 s busy timeout, 0 errors; with transaction_mode DEFERRED,
64-66 of 200 requests answered 500 (wrong log-ins, verify, accept); with timeout 0, 117
of 200 (every kind); and before the sweeps read in batches (core.periodic.rows_in_batches),
every SLA sweep pass died with "database is locked", a write on the read snapshot of its
own open cursor, which SQLite refuses at once whatever the busy timeout.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def test_a_burst_of_logins_reports_and_staff_actions_beside_the_sweeps_meets_no_lock(
        tmp_path):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("about the embedded default (SQLite); this run uses "
                    f"{settings.DATABASES['default']['ENGINE']}")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "BALAI_VAR_DIR": str(tmp_path),
           "SQLITE_PATH": str(tmp_path / "balai.sqlite3"), "LOG_LEVEL": "WARNING"}
    done = subprocess.run(
        [sys.executable, "-m", "balai.core.tests.sqlite_stress", "--threads", "8",
         "--rounds", "5", "--backlog", "600"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["errors"] == [], result
    assert result["locked_in_log"] == 0, result["log_sample"]
    statuses = result["statuses"]
    assert not [k for k in statuses if k.endswith(" 500")], statuses
    # The burst did what it says: lockouts, log-ins, reports, staff actions, sweeps.
    assert statuses["wrong login 429"] == 8
    assert statuses["good login 302"] == 40 and statuses["report 302"] == 40
    assert statuses["verify 302"] + statuses["accept 302"] == 32
    assert result["escalated"] >= 600
    assert result["worker_runs"]["complaints.sla_sweep"] >= 1
