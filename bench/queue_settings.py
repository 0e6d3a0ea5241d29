"""balai's settings with the RQ task backend (django-tasks-rq on Redis), for bench/task_queue.py
only: the database backend stays balai's default (docs/performance.md, "Queue")."""

import os

from balai.settings import *  # noqa: F403
from balai.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]
RQ_QUEUES = {"default": {"URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14"),
                         "DEFAULT_TIMEOUT": 600}}
TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
