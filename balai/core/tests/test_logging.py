"""A refused request is one line in the log, without a traceback (issue 12)."""

import logging

from django.urls import reverse


def test_a_hundred_denials_are_a_hundred_short_lines(client, warga, caplog):
    client.force_login(warga)
    url = reverse("complaints:staff_queue")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        for _ in range(100):
            assert client.get(url).status_code == 403
    denials = [r for r in caplog.records if r.name == "django.request"]
    assert len(denials) == 100
    for record in denials:
        assert record.exc_info is None and record.exc_text is None
        line = record.getMessage()
        assert line.startswith(f"Forbidden: {url} (user {warga.pk})")
        assert "\n" not in line and "Traceback" not in line
