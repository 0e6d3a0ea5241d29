"""No public page of the demo shows a reporter's or requester's identity (issue 12).

A crawler walks every page an anonymous visitor can reach from the home page, the public
lists, every tracking page, the maps' GeoJSON and the Open311 feeds, and looks for every
name, e-mail address, phone number and NIK the demo's citizens gave.
"""

import re
from urllib.parse import urljoin, urlsplit

from balai.complaints.models import Complaint, ComplaintSupporter
from balai.ppid.models import InformationRequest

# Staff, accounts and downloads that need a login are not public; the admin neither.
NOT_PUBLIC = ("/admin/", "/akun/", "/meja-kerja/", "/pengaduan/staf/", "/ppid/staf/",
              "/api/", "/dokumen/", "/static/", "/i18n/", "/media/")
HREF = re.compile(r'href="([^"#]+)"')



def _personal_data() -> set[str]:
    values: set[str] = set()
    for row in Complaint.objects.values("reporter_name", "reporter_email", "reporter_phone"):
        values.update(row.values())
    for row in ComplaintSupporter.objects.values("name", "email", "phone"):
        values.update(row.values())
    for row in InformationRequest.objects.values("name", "nik", "email", "phone"):
        values.update(row.values())
    # Short values ("Ani") would match ordinary words; every demo identity is longer.
    return {v.strip().lower() for v in values if v and len(v.strip()) >= 6}


def _crawl(client, start: list[str], limit: int = 2000) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or response.get("Content-Disposition"):
            seen[url] = ""
            continue
        body = response.content.decode(errors="replace")
        seen[url] = body
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(body):
            link = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(link)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(NOT_PUBLIC) or "page=" in (parts.query or "") \
                    and parts.query.count("=") > 1:
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def test_no_public_page_shows_a_citizens_name_contact_or_nik(demo_city, client):
    personal = _personal_data()
    assert len(personal) > 50  # the demo's citizens gave names, e-mails, phones, NIKs
    start = ["/", "/pengaduan/", "/ppid/", "/ppid/dip/", "/ppid/arsip/", "/lacak/",
             "/pengaduan/peta/aduan.geojson", "/open311/v2/requests.json",
             "/open311/v2/requests.xml?extensions=true",
             "/open311/v2/servicerequestupdates.json",
             *[f"/pengaduan/lacak/{c}/" for c in Complaint.objects.values_list("code", flat=True)],
             *[f"/ppid/lacak/{c}/" for c in InformationRequest.objects.exclude(code=None)
               .values_list("code", flat=True)]]
    pages = _crawl(client, start)
    assert len([b for b in pages.values() if b]) > 250
    leaks = [(url, value) for url, body in pages.items() for value in personal
             if value in body.lower()]
    assert leaks == []
