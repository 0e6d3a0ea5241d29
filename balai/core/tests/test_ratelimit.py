"""Whose address a rate limit counts (issue 12: a forged X-Forwarded-For bypassed them)."""

import json
import os
import subprocess
import sys

import pytest
from django.test import RequestFactory
from django.urls import reverse

from balai.core.ratelimit import client_ip


def request_from(remote: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    # The client wrote "6.6.6.6" itself; nginx appended the address it saw.
    assert client_ip(request_from("127.0.0.1", "6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    # Two proxies: the load balancer (10.0.0.5) and nginx on this host.
    assert client_ip(request_from("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.5")) \
        == "203.0.113.7"
    assert client_ip(request_from("127.0.0.1", "2001:db8::1")) == "2001:db8::1"


def test_an_untrusted_sender_cannot_pass_for_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request_from("203.0.113.7", "10.0.0.1")) == "203.0.113.7"


def test_a_mangled_header_counts_the_proxy_itself(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_ip(request_from("127.0.0.1", "")) == "127.0.0.1"


@pytest.mark.django_db
@pytest.mark.parametrize("trusted", [[], ["127.0.0.1"]])
def test_forged_forwarded_addresses_do_not_buy_more_reports(client, settings, trusted):
    """With or without a proxy in front, writing a new X-Forwarded-For on each request
    does not reset the count: the limit holds for the one real client."""
    settings.TRUSTED_PROXIES = trusted
    settings.COMPLAINT_REPORTS_PER_HOUR = 2
    url = reverse("complaints:report")
    pages = []
    for n in range(4):
        # Behind the proxy, nginx appends the client's real address after the forged one.
        forwarded = f"198.51.100.{n}" + (", 203.0.113.7" if trusted else "")
        pages.append(client.post(url, {"title": "x"}, REMOTE_ADDR="127.0.0.1"
                                 if trusted else "203.0.113.7",
                                 HTTP_X_FORWARDED_FOR=forwarded).content.decode())
    refused = ["Terlalu banyak laporan" in page for page in pages]
    assert refused == [False, False, True, True]


HITS = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
django.setup()
from balai.core.ratelimit import hit
print(json.dumps([hit("report:203.0.113.7", limit=4, window_s=3600) for _ in range(3)]))
"""


def test_two_processes_on_one_host_count_the_same_hits(tmp_path):
    """Like two gunicorn workers: without Redis the embedded default still shares one
    count, so a limit of 4 lets 4 of 6 hits through, not 6."""
    env = {**os.environ, "RATELIMIT_CACHE_DIR": str(tmp_path / "rl")}
    env.pop("REDIS_URL", None)
    results = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", HITS], env=env, capture_output=True,
                              text=True, check=True, timeout=120)
        results += json.loads(done.stdout.strip().splitlines()[-1])
    assert results.count(True) == 4 and results[-2:] == [False, False]
