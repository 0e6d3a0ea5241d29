"""The public budget pages give the figures of the file (summed here independently), the
downloads give back the lines, and only the data officer changes anything."""

import csv
import io
import json
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from balai.budget import imports, matrix, services
from balai.budget.models import BudgetDocument, Stage
from balai.budget.tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUBS = ("2.16.02.2.01.0005", "2.16.02.2.01.0006", "2.16.03.2.02.0006")


def murni():
    return [f.line("Diskominfo", SUBS[0], "5.1.02.02.01.0063", 150_000_000),
            f.line("Diskominfo", SUBS[1], "5.1.02.01.01.0024", 40_000_000),
            f.line("Diskominfo", SUBS[2], "5.2.02.10.01.0002", 310_000_000),
            f.line("Dinas PUPR", "1.03.10.2.01.0013", "5.2.04.01.01.0012", 2_450_000_000),
            f.revenue("BPKAD", "4.1.01.07.01.0001", 9_000_000_000)]


def realisasi():
    return [f.line("Diskominfo", SUBS[0], "5.1.02.02.01.0063", 120_000_000),
            f.line("Diskominfo", SUBS[2], "5.2.02.10.01.0002", 300_000_000),
            f.line("Dinas PUPR", "1.03.10.2.01.0013", "5.2.04.01.01.0012", 1_960_000_000),
            f.revenue("BPKAD", "4.1.01.07.01.0001", 9_450_000_000)]


def publish(rows, stage, walidata, year=2026):
    data = f.csv_bytes(rows)
    checked = imports.parse("apbd.csv", data, agencies=services.agency_lookup())
    return services.budget_stage_import(year=year, stage=stage, rows=checked, data=data,
                                        filename="apbd.csv", actor=walidata)


def rp(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def spending(rows, agency):
    return sum(r[-1] for r in rows if r[1] == agency and r[8].startswith("5"))


@pytest.fixture
def published(opds, walidata):
    publish(murni(), Stage.MURNI, walidata)
    publish(realisasi(), Stage.REALISASI, walidata)


def test_the_year_page_gives_each_agency_its_budget_and_realisation(client, published):
    page = client.get(reverse("budget:year", args=[2026])).content.decode()
    table = page[page.index('id="agencies"'):]
    rows = table.split("<tr>")[2:]
    # Largest budget first: PUPR, then Diskominfo.
    assert "Dinas Pekerjaan Umum" in rows[0] and "Dinas Komunikasi" in rows[1]
    budget, real = spending(murni(), "Diskominfo"), spending(realisasi(), "Diskominfo")
    assert rp(budget) in rows[1] and rp(real) in rows[1]
    assert f"{100 * real / budget:.1f}%".replace(".", ",") in rows[1]
    summary = page[page.index('id="summary"'):page.index('id="per-agency"')]
    assert "Rp9 miliar" in summary  # revenue, murni
    assert "Rp2,95 miliar" in summary  # spending: 150 + 40 + 310 + 2450 million


def test_the_bars_are_drawn_to_scale_beside_the_figures(client, published):
    page = client.get(reverse("budget:year", args=[2026])).content.decode()
    widths = [int(w) for w in re.findall(r'class="bar-budget"[^>]*width="(\d+)"', page)]
    assert widths == [300, round(300 * 500 / 2450)]


def test_an_agency_page_drills_down_from_program_to_sub_kegiatan(client, published):
    page = client.get(reverse("budget:agency", args=[2026, "diskominfo"])).content.decode()
    tree = page[page.index('id="tree"'):]
    assert tree.index("2.16.02") < tree.index("2.16.02.2.01") < tree.index(SUBS[0]) \
        < tree.index("2.16.03")
    # The program 2.16.02 sums its two sub-kegiatan; the second was not spent at all.
    program = tree[:tree.index("2.16.03")]
    assert rp(150_000_000 + 40_000_000) in program and rp(120_000_000) in program
    sub_b = tree[tree.index(SUBS[1]):]
    assert "Rp0 (0,0%)" in sub_b[:sub_b.index("</li>")]


def test_pages_of_unknown_years_and_agencies_are_not_found(client, published):
    assert client.get(reverse("budget:year", args=[2019])).status_code == 404
    assert client.get(reverse("budget:agency", args=[2026, "dlh"])).status_code == 404


def test_the_first_page_says_nothing_is_published_yet(client, db):
    response = client.get(reverse("budget:index"))
    assert response.status_code == 200
    assert "Belum ada anggaran" in response.content.decode()


def test_the_csv_download_gives_back_every_line(client, published):
    response = client.get(reverse("budget:download", args=[2026, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(murni()) + len(realisasi())
    assert sum(int(r["nilai"]) for r in rows if r["tahap"] == "murni") == \
        sum(r[-1] for r in murni())


def test_the_fiscal_data_package_describes_its_csv(client, published):
    response = client.get(reverse("budget:data_package", args=[2026]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "fiscal-data-package"
    [resource] = package["resources"]
    rows = list(csv.DictReader(io.StringIO(archive.read(resource["path"]).decode())))
    assert [fl["name"] for fl in resource["schema"]["fields"]] == list(rows[0])
    assert package["model"]["measures"]["nilai"]["currency"] == "IDR"
    sources = {a["source"] for d in package["model"]["dimensions"].values()
               for a in d["attributes"].values()}
    assert sources | {"nilai"} == set(rows[0])
    assert sum(int(r["nilai"]) for r in rows if r["tahap"] == "realisasi") == \
        sum(r[-1] for r in realisasi())


def test_the_document_matrix_shows_published_late_and_missing(client, opds, walidata):
    today = timezone.localdate()
    year = today.year
    perda = matrix.BY_CODE["perda_apbd"]
    services.budget_document_publish(
        year=year, kind="perda_apbd", title="Perda APBD", number="7/2025",
        published_on=matrix.due_on(perda, year) + timedelta(days=3), data=PDF, actor=walidata)
    page = client.get(reverse("budget:documents")).content.decode()
    row = page[page.index(str(perda.label)):]
    row = row[:row.index("</tr>")]
    assert "state-late" in row and "Terlambat" in row
    # RKPD of this year, due June last year, was never published.
    rkpd = page[page.index("(RKPD)"):]
    assert "state-missing" in rkpd[:rkpd.index("</tr>")]
    document = BudgetDocument.objects.get()
    assert client.get(reverse("budget:document_file", args=[document.pk])).status_code == 200


def test_a_withdrawn_document_is_no_longer_served(client, opds, walidata):
    document = services.budget_document_publish(
        year=2026, kind="dpa_skpd", title="DPA", number="", published_on=date(2026, 1, 20),
        data=PDF, actor=walidata)
    services.budget_document_withdraw(document=document, reason="Salah unggah", actor=walidata)
    assert client.get(reverse("budget:document_file", args=[document.pk])).status_code == 404


def test_a_document_that_is_not_a_pdf_is_refused(client, opds, walidata):
    client.force_login(walidata)
    response = client.post(reverse("budget:staff_document"), {
        "year": 2026, "kind": "dpa_skpd", "title": "DPA", "published_on": "2026-01-20",
        "file": io.BytesIO(b"MZ not a pdf")})
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not BudgetDocument.objects.exists()


def test_the_officer_imports_through_the_page_and_sees_the_row_report(client, opds, walidata):
    client.force_login(walidata)
    bad = f.csv_bytes(murni() + [f.line("Dinas Rahasia", SUBS[0], "5.1.02.01.01.0052", 5)])
    upload = io.BytesIO(bad)
    upload.name = "apbd.csv"
    response = client.post(reverse("budget:staff_import"),
                           {"year": 2026, "stage": "murni", "file": upload})
    assert response.status_code == 400
    report = response.content.decode()
    assert "Dinas Rahasia" in report and "tidak ada yang diimpor" in report
    good = io.BytesIO(f.csv_bytes(murni()))
    good.name = "apbd.csv"
    response = client.post(reverse("budget:staff_import"),
                           {"year": 2026, "stage": "murni", "file": good})
    assert response.status_code == 302
    assert response["Location"] == reverse("budget:year", args=[2026])


@pytest.mark.parametrize("persona", ["warga", "kepala_dinas", "operator_opd"])
def test_no_one_but_the_data_officer_changes_the_budget(client, opds, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("budget:staff_import")).status_code == 403
    assert client.get(reverse("budget:staff_document")).status_code == 403
    staff = client.get(reverse("budget:staff")).status_code
    assert staff == (200 if persona == "kepala_dinas" else 403)
