"""The two tower pages people use most, in Chromium: the public "cek titik" on a phone
(390×844) and the staff dashboard on a desk screen (1280×800)."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from balai.towers import levy, services
from balai.towers.models import Tower
from balai.towers.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# Where the cek titik map opens (towers/static/towers/point_check.js): its centre pixel.
MAP_CENTRE = (-7.9797, 112.6304)


def test_a_citizen_taps_the_map_and_reads_why_a_point_could_get_a_recommendation(
        e2e_page, screenshot):
    factories.circle_zone("Zona Sel Klojen 2", "allowed", MAP_CENTRE, 900, cap=Decimal("42"))
    factories.circle_zone("KKOP Abdul Rachman Saleh", "kkop", factories.AIRPORT, 4000,
                          cap=Decimal("30"), source="KM Perhubungan 2/2013")
    page = e2e_page(390, 844)
    page.goto("/menara/cek-titik/")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(2)  # the two zones
    page.locator("#map").click()  # the centre of the map, inside Zona Sel Klojen 2
    lat = float(page.get_by_label("Lintang").input_value())
    lng = float(page.get_by_label("Bujur").input_value())
    assert abs(lat - MAP_CENTRE[0]) < 0.002 and abs(lng - MAP_CENTRE[1]) < 0.002
    page.get_by_label("Rencana tinggi dalam meter (tidak wajib)").fill("36")
    page.get_by_role("button", name="Periksa").click()
    answer = page.locator("#answer")
    expect(answer).to_contain_text("Titik ini dapat memperoleh rekomendasi")
    expect(page.locator("body")).to_contain_text(
        "Titik ini berada di dalam zona sel Zona Sel Klojen 2 (Perwal Malang 10/2016).")
    expect(page.locator("body")).to_contain_text(
        "Tinggi yang diminta, 36 m, masih dalam batas tinggi zona 42 m.")
    screenshot(page, "towers-cek-titik-390")

    page.get_by_label("Rencana tinggi dalam meter (tidak wajib)").fill("48")
    page.get_by_role("button", name="Periksa").click()
    expect(page.locator("#answer")).to_contain_text(
        "Titik ini tidak dapat memperoleh rekomendasi")
    expect(page.locator("body")).to_contain_text(
        "Tinggi yang diminta, 48 m, melebihi batas tinggi zona 42 m.")
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors


def test_the_officer_reads_the_dashboard_and_opens_a_tower_from_the_map(
        e2e_page, e2e_log_in, screenshot, petugas_menara):
    active = factories.tower("MLG-0001", name="Site Suhat")
    factories.tower("MLG-0002", at=factories.ALUN_ALUN, status=Tower.Status.ILLEGAL)
    factories.tower("MLG-0003", at=(-7.9600, 112.6400), status=Tower.Status.PLANNED)
    services.levy_assessment_record(
        tower=active, number="973/001/35.73.403/2023", year=2023,
        formula=levy.Formula(visits=4, unit_cost=Decimal("175000")),
        issued_on=date(2023, 11, 20), legal_basis="Perda Kota Malang 4/2012 Pasal 9",
        actor=petugas_menara)
    page = e2e_page(1280, 800)
    e2e_log_in(page, petugas_menara)
    page.goto("/menara/staf/dasbor/")
    expect(page.get_by_role("heading", name="Dasbor menara")).to_be_visible()
    figures = page.locator("#figures")
    expect(figures).to_contain_text("Aktif")
    expect(figures).to_contain_text("Ilegal (tanpa izin)")
    expect(page.locator("#tower-map path.leaflet-interactive")).to_have_count(3)
    expect(page.locator("#arrears")).to_contain_text("PT Menara Bersama Nusantara")
    expect(page.locator("#arrears")).to_contain_text("700.000")
    expect(page.locator("body")).to_contain_text(
        "1 menara aktif tanpa izin bangunan (PBG/IMB)")
    screenshot(page, "towers-dashboard-1280")
    # The planned tower has no public page yet: the map opens the staff page.
    page.locator("#tower-map path.leaflet-interactive").nth(2).click()
    page.locator(".leaflet-popup-content a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("MLG-0003")
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors
