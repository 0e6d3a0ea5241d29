"""The tasks bench/task_queue.py runs through each backend (importable by the workers, which
run with bench/ on their path)."""

import time

from django_tasks import task


@task()
def noop(n: int) -> int:
    """Nothing: the queue's own cost per task."""
    return n


@task()
def busy(n: int, ms: float = 10.0) -> int:
    """`ms` of CPU, as a small real task (a notification delivery) takes."""
    end = time.process_time() + ms / 1000
    while time.process_time() < end:
        pass
    return n
