"""`balai serve`: the web server (gunicorn), optionally with a worker beside it."""

import os
import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve balai with gunicorn; --with-worker also runs `balai worker` (Ctrl-C stops both)."

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
        gunicorn = [sys.executable, "-m", "gunicorn", "balai.wsgi:application",
                    "--bind", bind, "--workers", str(workers), "--timeout", "60",
                    "--graceful-timeout", "10", "--worker-class", worker_class,
                    "--threads", str(threads)]
        if access_log:
            gunicorn += ["--access-logfile", "-"]
        children = [subprocess.Popen(gunicorn)]
        if with_worker:
            children.append(subprocess.Popen([sys.executable, "-m", "balai.cli", "worker"]))
        self.stdout.write(f"balai is serving on http://{bind}/"
                          + (" with a background worker" if with_worker else ""))

        def stop(signum=None, frame=None):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        try:
            # If either process dies, stop the other: half a platform is worse than none.
            while all(child.poll() is None for child in children):
                try:
                    children[0].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        return None
