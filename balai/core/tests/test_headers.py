"""Security headers every response carries, and HTTPS settings that follow SITE_URL."""

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
django.setup()
from django.conf import settings as s
print(json.dumps([s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))
"""


@pytest.mark.django_db
def test_every_page_says_what_the_browser_may_do(client):
    policy = client.get("/")["Permissions-Policy"]
    assert "geolocation=(self)" in policy and "camera=()" in policy
    assert "microphone=()" in policy


@pytest.mark.parametrize(("site_url", "expected"), [
    ("https://layanan.example.go.id", [31_536_000, True, True]),
    ("http://127.0.0.1:8000", [0, False, False]),
])
def test_https_sites_get_hsts_and_secure_cookies_without_extra_settings(site_url, expected):
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"}}
    env["SITE_URL"] = site_url
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, check=True, timeout=60)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == expected
