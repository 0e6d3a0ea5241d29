"""The forwarded case in Chromium: the citizen's page at phone size across the journey
(sent with their number, then closed with their answer) and the desk's forwarding page
with a send that failed, at 1280×800. The receiving side is the live server's Open311."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from balai.complaints import services as complaint_services
from balai.complaints.models import Complaint
from balai.forwarding import services
from balai.forwarding.models import RemoteForward

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]



def test_citizen_sees_their_number_then_their_answer(
        live_server, e2e_page, screenshot, endpoint_for, their_key, complaint_with_photo,
        forward, verifikator, operator_opd):
    endpoint_for(f"{live_server.url}/open311/v2", their_key)
    ours = complaint_with_photo(title="Jalan provinsi berlubang dekat alun-alun")
    forward(ours)
    rf = RemoteForward.objects.get()
    assert services.forward_send(forward_id=rf.pk) == "sent"
    theirs = Complaint.objects.get(channel=Complaint.Channel.OPEN311)

    page = e2e_page(390, 844)
    page.goto(f"/pengaduan/lacak/{ours.code}/")
    expect(page.locator("dl.facts")).to_contain_text(
        f"Diteruskan ke Dinas PU Bina Marga Jatim — nomor mereka {theirs.code}")
    screenshot(page, "forwarding-1-citizen-sent-390")
    page.assert_clean()

    theirs = complaint_services.complaint_verify(complaint=theirs, actor=verifikator)
    theirs = complaint_services.complaint_accept(complaint=theirs, actor=operator_opd)
    complaint_services.complaint_answer(
        complaint=theirs, actor=operator_opd,
        text="Lubang sudah ditambal oleh UPT Jalan Provinsi pada hari ini.")
    services.follow_sweep(now=timezone.now() + timedelta(hours=1))

    page.reload()
    expect(page.locator("main")).to_contain_text("Lubang sudah ditambal oleh UPT Jalan Provinsi")
    expect(page.locator("main")).to_contain_text("Kabar dari instansi tujuan")
    expect(page.locator(".tag")).to_contain_text("Ditutup")
    screenshot(page, "forwarding-2-citizen-closed-390")
    page.assert_clean()


def test_desk_sees_a_failed_send_with_its_reason(
        e2e_page, screenshot, endpoint_for, their_key, complaint_with_photo, forward,
        closed_port, verifikator, password):
    endpoint_for(f"http://127.0.0.1:{closed_port}/open311/v2", their_key)
    forward(complaint_with_photo())
    services.send_sweep()
    page = e2e_page(1280, 800)
    page.goto("/akun/masuk/")
    page.fill("#id_username", verifikator.email)
    page.fill("#id_password", password)
    page.locator("main form:has(input[type=password]) button[type=submit]").click()
    page.wait_for_url("**/meja-kerja/")
    expect(page.locator("#panel-forwarding")).to_contain_text("1")
    page.goto("/teruskan/")
    expect(page.locator("main")).to_contain_text("connection failed")
    screenshot(page, "forwarding-3-desk-failed-1280")
    page.get_by_role("button", name="Kirim ulang sekarang").click()
    expect(page.locator(".messages")).to_contain_text("akan dikirim ulang sekarang")
    page.assert_clean()
