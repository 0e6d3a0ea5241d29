"""In Chromium at phone size (390×844): the OPDs' news filtered by OPD, a post, an OPD's
page, the agenda and the monthly publication ranking with one OPD's items, from the
demo's publications."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal(db):
    from importlib import import_module

    from django.apps import apps

    from balai.demo.complaints import load_categories
    from balai.demo.loader import load_agencies, load_personas
    from balai.demo.public_services import load_services
    from balai.demo.publications import load_publications

    # The rubric is seeded by a data migration, and an earlier transactional test's flush
    # empties it: seed it again, as the migration does (idempotent).
    import_module("balai.publications.migrations.0002_seed_rubric").seed(apps, None)
    load_agencies()
    load_personas()
    load_categories()
    load_services()
    load_publications()


def assert_clean(page):
    page.assert_clean()
    page.assert_fits_width()


def test_a_citizen_reads_an_opds_news_agenda_and_score(e2e_page, screenshot, portal):
    page = e2e_page(390, 844)
    page.goto("/berita/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Berita dan pengumuman OPD")
    expect(page.locator("#posts li")).to_have_count(20)
    assert_clean(page)
    screenshot(page, "berita-390")

    page.get_by_label("OPD").select_option("dispendukcapil")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"opd=dispendukcapil"))
    first = page.locator("#posts li a.post-list__title").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#correction")).to_contain_text("Nama program semula tertulis keliru")
    assert_clean(page)
    screenshot(page, "berita-post-390")

    page.get_by_role("link", name="Dinas Kependudukan dan Pencatatan Sipil Kota Malang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dinas Kependudukan dan Pencatatan Sipil Kota Malang")
    expect(page.get_by_text("Skor publikasi")).to_be_visible()
    assert_clean(page)
    screenshot(page, "berita-opd-390")

    page.goto("/agenda/")
    expect(page.locator("#upcoming li").first).to_be_visible()
    expect(page.locator("#past li").first).to_be_visible()
    assert_clean(page)
    screenshot(page, "agenda-390")

    page.goto("/berita/peringkat/")
    expect(page.locator("#ranking li").first).to_be_visible()
    assert_clean(page)
    screenshot(page, "peringkat-390")
    page.get_by_role("link", name="UPT Puskesmas Janti").click()
    expect(page.locator("#items li")).to_have_count(10)
    expect(page.locator("#items")).to_contain_text("Belum pernah menerbitkan berita.")
    assert_clean(page)
    screenshot(page, "peringkat-opd-390")


def test_an_opd_officer_schedules_an_agenda_item_with_a_pin(e2e_page, e2e_log_in, screenshot,
                                                           portal, password):
    from datetime import timedelta

    from django.utils import timezone

    from balai.accounts.models import User
    from balai.publications.models import Publication

    officer = User.objects.get(email="humas.dukcapil@demo.balai.id")
    officer.set_password(password)
    officer.save(update_fields=["password"])
    page = e2e_page(1280, 800)
    e2e_log_in(page, officer)
    page.goto("/berita/staf/baru/")
    # Their own OPD only: the one choice.
    expect(page.get_by_label("OPD").locator("option")).to_have_text(["Dispendukcapil"])
    page.get_by_label("Jenis").select_option("agenda")
    page.get_by_label("Judul").fill("Perekaman KTP-el keliling di Kelurahan Sukun")
    page.get_by_label("Isi", exact=True).fill("Bawa **Kartu Keluarga**.")
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.get_by_label("Terbit pada").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Tanggal kegiatan").fill((tomorrow + timedelta(days=6)).strftime(
        "%Y-%m-%d"))
    page.get_by_label("Jam mulai").fill("08:00")
    page.get_by_label("Jam selesai").fill("12:00")
    page.get_by_label("Tempat").fill("Kantor Kelurahan Sukun")
    page.locator("#map").click()
    expect(page.get_by_label("Lintang")).not_to_have_value("")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#staff-posts")).to_contain_text("terjadwal")
    assert_clean(page)
    screenshot(page, "berita-staff-list-1280")
    post = Publication.objects.get(title="Perekaman KTP-el keliling di Kelurahan Sukun")
    assert post.lat is not None and post.agency.code == "dispendukcapil"
    page.goto("/agenda/")
    expect(page.locator("#upcoming")).not_to_contain_text("Perekaman KTP-el keliling")
