"""`balai worker`: runs queued tasks (django-tasks database backend) and periodic jobs."""

import contextlib
import importlib
import logging
import os
import signal
import socket
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from balai.core.periodic import claim_period, due_jobs

logger = logging.getLogger("balai.worker")


def load_task_modules() -> list[str]:
    """Import every app's tasks.py so its tasks and periodic jobs are registered."""
    loaded = []
    for app in apps.get_app_configs():
        if not app.name.startswith("balai."):
            continue
        try:
            importlib.import_module(f"{app.name}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.tasks":
                raise
            continue
        loaded.append(app.label)
    return loaded


class Command(BaseCommand):
    help = "Run background tasks and periodic sweeps until stopped (Ctrl-C)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds to sleep when there is nothing to do")
        parser.add_argument("--once", action="store_true",
                            help="Run due periodic jobs and all queued tasks once, then exit")

    def handle(self, *args, interval, once, **options):
        from django_tasks_db.management.commands.db_worker import Worker  # noqa: PLC0415

        loaded = load_task_modules()
        self.running = True

        def stop(signum, frame):
            if not self.running:
                raise SystemExit(1)
            self.stdout.write("Stopping the worker after the current task…")
            self.running = False

        if not once:
            signal.signal(signal.SIGINT, stop)
            signal.signal(signal.SIGTERM, stop)
        backend = settings.TASKS["default"]["BACKEND"]
        self.stdout.write(f"balai worker: backend {backend}, task modules: "
                          f"{', '.join(loaded) or 'none'}")
        # Host and process id: the stale-task sweep names the worker that was lost.
        worker_id = f"{socket.gethostname()}-{os.getpid()}"[:64]
        while self.running:
            close_old_connections()
            for job, period in due_jobs(time.time(), settings.PERIODIC_INTERVAL_SCALE):
                job.last_period = period
                try:
                    if not claim_period(job, period, worker=worker_id):
                        continue  # another worker runs it in this period
                except DatabaseError:
                    logger.exception("periodic job %s: could not claim its period", job.name)
                    continue
                try:
                    result = job.func()
                except Exception:
                    # A failing sweep must not stop the queue; it is logged and retried
                    # at its next interval.
                    logger.exception("periodic job %s failed", job.name)
                else:
                    # Sweeps return counts; say something only when they did something.
                    if result and (not isinstance(result, dict) or any(result.values())):
                        logger.info("periodic job %s: %s", job.name, result)
            if backend.startswith("django_tasks_db"):
                Worker(queue_names=["*"], interval=0, batch=True, backend_name="default",
                       startup_delay=False, max_tasks=None, worker_id=worker_id,
                       excluded_queue_names=[]).run()
            if once:
                break
            with contextlib.suppress(InterruptedError):
                time.sleep(interval)
