"""`balai serve --with-worker`: a worker that dies is started again; the site keeps serving."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request

from balai.core.cluster import free_port
from balai.core.management.commands.serve import restart_pause


def test_restart_pauses_grow_and_stop_at_a_minute():
    assert [restart_pause(n) for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert restart_pause(30) == 60


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
        return response.status


def test_a_killed_worker_is_replaced_and_the_site_keeps_answering(tmp_path):
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "balai.sqlite3"),
           "MEDIA_ROOT": str(tmp_path / "media"), "STAFF_2FA": "optional"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "balai.cli", "migrate", "--noinput", "-v", "0"],
                   env=env, check=True, timeout=300)
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "balai.cli", "serve", "--with-worker", "--workers", "1",
         "--bind", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(serve.stdout.readline, "")),
                              daemon=True)
    reader.start()

    def worker_pids() -> list[int]:
        return [int(m) for line in list(lines)
                for m in re.findall(r"background worker started \(pid (\d+)\)", line)]

    def wait_for(predicate, seconds: float):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.2)
        return False

    def site_answers() -> bool:
        try:
            return _get(f"http://127.0.0.1:{port}/healthz") == 200
        except OSError:
            return False

    try:
        assert wait_for(lambda: worker_pids() and site_answers(), 60), lines
        first = worker_pids()[0]
        os.kill(first, signal.SIGKILL)
        assert wait_for(lambda: len(worker_pids()) >= 2, 30), lines
        assert site_answers()
        second = worker_pids()[1]
        assert second != first
        os.kill(second, 0)  # the new worker is alive
        assert serve.poll() is None
        assert any("stopped with exit code -9" in line for line in lines), lines
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=30)
    assert serve.returncode == 0
