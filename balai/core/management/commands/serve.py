"""`balai serve`: the web server (gunicorn), optionally with a worker beside it.

With `--with-worker` this command supervises both: a worker that dies (a crash, the OOM
killer, `kill -9`) is started again with a growing pause and a line in the log, and the
website keeps serving meanwhile. Only Ctrl-C or SIGTERM stops both; if gunicorn itself
dies, the command stops, since there is no website left to keep.
"""

import logging
import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

logger = logging.getLogger("balai.serve")

# Pauses before restarting a worker that died: 1, 2, 4 … seconds, at most a minute. A worker
# that ran for a while before dying starts the series again.
RESTART_PAUSE_MAX_S = 60.0
STABLE_AFTER_S = 60.0


def restart_pause(failures: int) -> float:
    """Seconds to wait before the `failures`-th consecutive restart (1-based)."""
    return min(2.0 ** max(failures - 1, 0), RESTART_PAUSE_MAX_S)


class Command(BaseCommand):
    help = ("Serve balai with gunicorn; --with-worker also runs `balai worker` and restarts it "
            "if it dies (Ctrl-C stops both).")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--worker-class",
                            default=os.environ.get("WEB_WORKER_CLASS", "sync"),
                            help="gunicorn worker class: sync, or gthread with --threads")
        parser.add_argument("--threads", type=int,
                            default=int(os.environ.get("WEB_THREADS", "1")))
        parser.add_argument("--with-worker", action="store_true")
        parser.add_argument("--access-log", action="store_true")

    def handle(self, *args, bind, workers, worker_class, threads, with_worker, access_log,
               **options):
        gunicorn_cmd = [sys.executable, "-m", "gunicorn", "balai.wsgi:application",
                        "--bind", bind, "--workers", str(workers), "--timeout", "60",
                        "--graceful-timeout", "10", "--worker-class", worker_class,
                        "--threads", str(threads)]
        if access_log:
            gunicorn_cmd += ["--access-logfile", "-"]
        worker_cmd = [sys.executable, "-m", "balai.cli", "worker"]
        web = subprocess.Popen(gunicorn_cmd)
        worker = self._start_worker(worker_cmd) if with_worker else None
        self.stdout.write(f"balai is serving on http://{bind}/"
                          + (" with a background worker" if with_worker else ""), ending="\n")
        self.stdout.flush()
        stopping = False

        def stop(signum=None, frame=None):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        failures, started, restart_at = 0, time.monotonic(), None
        try:
            while not stopping:
                if web.poll() is not None:
                    self.stderr.write(f"The web server stopped (exit code {web.returncode}); "
                                      "stopping balai.")
                    return None
                if worker is not None and worker.poll() is not None and restart_at is None:
                    ran = time.monotonic() - started
                    failures = 1 if ran >= STABLE_AFTER_S else failures + 1
                    pause = restart_pause(failures)
                    message = (f"The background worker (pid {worker.pid}) stopped with exit "
                               f"code {worker.returncode} after {ran:.0f} s; starting a new "
                               f"one in {pause:.0f} s.")
                    logger.error(message)
                    self.stderr.write(message)
                    restart_at = time.monotonic() + pause
                if restart_at is not None and time.monotonic() >= restart_at:
                    worker, started, restart_at = self._start_worker(worker_cmd), \
                        time.monotonic(), None
                time.sleep(0.2)
        except KeyboardInterrupt:
            pass
        finally:
            children = [c for c in (web, worker) if c is not None]
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        return None

    def _start_worker(self, cmd: list[str]) -> subprocess.Popen:
        worker = subprocess.Popen(cmd)
        self.stdout.write(f"background worker started (pid {worker.pid})")
        self.stdout.flush()
        return worker
