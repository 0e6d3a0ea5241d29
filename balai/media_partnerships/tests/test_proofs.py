"""Proof of publication against a local web server: the page is fetched, stored and hashed
once; a URL or a near-identical text proves one item only; the fetcher never goes to a
private address, directly or by a redirect."""

import hashlib
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from balai.core.models import AuditEntry
from balai.core.tests.programs import needs_program, pdf_text
from balai.media_partnerships import services
from balai.media_partnerships.fetcher import FetchRefused, address_allowed, fetch_page
from balai.media_partnerships.models import Deliverable, Order, RenderState
from balai.media_partnerships.services.proofs import RENDER_ATTEMPTS, RENDER_RETRY_AFTER
from balai.media_partnerships.tasks import render_proof
from balai.media_partnerships.tests import factories

pytestmark = pytest.mark.django_db

STORY = ("Pemerintah Kota Malang meresmikan jembatan baru di Kedungkandang yang menghubungkan "
         "dua kelurahan. Wali kota menyampaikan bahwa jembatan sepanjang empat puluh meter itu "
         "dibangun dengan anggaran daerah dan selesai tepat waktu. Warga menyambut baik "
         "pembangunan yang memperpendek jarak ke pasar dan sekolah di seberang sungai.")


def article(title: str, day: str = "2026-04-10", story: str = STORY) -> bytes:
    return (f"<html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{day}T09:00:00+07:00">'
            f"<style>p{{color:red}}</style></head><body><h1>{title}</h1><p>{story}</p>"
            f"<script>var x = 1;</script></body></html>").encode()


class Site:
    """A local web server whose pages a test sets: path -> (status, headers, body, delay)."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.requests.append(self.path)
                status, headers, body, delay = site.routes.get(
                    self.path, (404, {}, b"not found", 0))
                time.sleep(delay)
                self.send_response(status)
                for name, value in {"Content-Type": "text/html; charset=utf-8",
                                    **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path, body, *, status=200, headers=None, delay=0):
        self.routes[path] = (status, headers or {}, body, delay)
        return self.base + path


@pytest.fixture
def site(settings):
    settings.MEDIA_PARTNERSHIP_FETCH_ALLOW_LOOPBACK = True
    server = Site()
    yield server
    server.server.shutdown()


@pytest.fixture
def items(petugas_media, operator_opd, agency_pupr):
    services.rate_card_save(year=2026, legal_basis="Perwal 12/2025", lines=[
        services.RateLine("online", "news", "A", 1_000_000)], actor=petugas_media)
    outlets = [factories.outlet(name, tier="A", verified_until=date(2026, 12, 31))
               for name in ("Warta Malang", "Kabar Batu")]
    made = []
    for outlet in outlets:
        order = services.order_create(data=factories.order_data(agency_pupr, outlet),
                                      actor=operator_opd)
        made.append(services.order_item_add(order=order, item_kind="news", quantity=1,
                                            description="Peresmian jembatan Kedungkandang",
                                            unit_price=1_000_000, actor=operator_opd))
        Order.objects.filter(pk=order.pk).update(status=Order.Status.CONTRACTED)
    return made


def test_the_page_is_stored_with_its_hash_and_fetch_time(site, items):
    body = article("Peresmian jembatan Kedungkandang")
    url = site.page("/berita/jembatan", body)
    proof = services.deliverable_submit_online(item=items[0], url=url,
                                               published_on=date(2026, 4, 10))
    assert proof.sha256 == hashlib.sha256(body).hexdigest()
    assert proof.snapshot_html.open("rb").read() == body
    assert proof.fetched_at is not None and proof.http_status == 200
    assert proof.page_title == "Peresmian jembatan Kedungkandang"
    assert proof.page_date == date(2026, 4, 10)
    assert proof.plausibility == []
    assert AuditEntry.objects.filter(action="media_partnerships.proof_submitted").exists()


def test_a_url_already_claimed_is_refused_even_dressed_differently(site, items):
    url = site.page("/berita/jembatan", article("Peresmian jembatan Kedungkandang"))
    services.deliverable_submit_online(item=items[0], url=url, published_on=date(2026, 4, 10))
    with pytest.raises(ValidationError) as exc:
        services.deliverable_submit_online(item=items[1], url=url + "/?utm_source=wa",
                                           published_on=date(2026, 4, 10))
    assert items[0].order.code in exc.value.messages[0]
    assert Deliverable.objects.count() == 1
    assert AuditEntry.objects.filter(action="media_partnerships.proof_refused").exists()


def test_a_near_identical_text_on_another_site_is_refused(site, items):
    first = site.page("/a", article("Peresmian jembatan Kedungkandang"))
    copy = site.page("/b", article("Jembatan Kedungkandang diresmikan",
                                   story=STORY + " Redaksi."))
    services.deliverable_submit_online(item=items[0], url=first, published_on=date(2026, 4, 10))
    with pytest.raises(ValidationError) as exc:
        services.deliverable_submit_online(item=items[1], url=copy,
                                           published_on=date(2026, 4, 10))
    assert "nearly identical" in exc.value.messages[0] or "hampir sama" in exc.value.messages[0]


def test_a_different_story_is_accepted(site, items):
    services.deliverable_submit_online(
        item=items[0], url=site.page("/a", article("Peresmian jembatan Kedungkandang")),
        published_on=date(2026, 4, 10))
    other = ("Dinas Kesehatan membuka layanan vaksinasi keliling di lima kecamatan mulai pekan "
             "depan. Petugas akan mendatangi balai warga dan sekolah dasar dengan jadwal yang "
             "diumumkan melalui kelurahan setempat serta media sosial resmi pemerintah kota.")
    proof = services.deliverable_submit_online(
        item=items[1], url=site.page("/c", article("Jembatan Kedungkandang", story=other)),
        published_on=date(2026, 4, 10))
    assert proof.pk


@pytest.mark.parametrize("target", ["http://10.1.2.3/admin", "http://169.254.169.254/latest/",
                                    "http://192.168.0.1/", "http://[::ffff:10.0.0.1]/"])
def test_a_redirect_to_a_private_address_is_refused(site, items, target):
    url = site.page("/pindah", b"", status=302, headers={"Location": target})
    with pytest.raises(ValidationError) as exc:
        services.deliverable_submit_online(item=items[0], url=url,
                                           published_on=date(2026, 4, 10))
    assert exc.value.messages
    assert not Deliverable.objects.exists()


def test_loopback_is_refused_unless_the_setting_allows_it(site, items, settings):
    url = site.page("/berita", article("Peresmian jembatan Kedungkandang"))
    settings.MEDIA_PARTNERSHIP_FETCH_ALLOW_LOOPBACK = False
    with pytest.raises(FetchRefused) as exc:
        fetch_page(url, timeout=2, max_bytes=10_000)
    assert exc.value.code == "private"


def test_a_page_larger_than_the_limit_is_refused(site):
    url = site.page("/besar", b"x" * 50_000)
    with pytest.raises(FetchRefused) as exc:
        fetch_page(url, timeout=2, max_bytes=10_000, allow_loopback=True)
    assert exc.value.code == "too_big"


def test_a_slow_page_times_out(site):
    url = site.page("/lambat", b"ok", delay=1.5)
    started = time.monotonic()
    with pytest.raises(FetchRefused) as exc:
        fetch_page(url, timeout=0.3, max_bytes=10_000, allow_loopback=True)
    assert exc.value.code == "timeout"
    assert time.monotonic() - started < 1.4


def test_other_schemes_and_missing_pages_are_refused(site):
    with pytest.raises(FetchRefused):
        fetch_page("file:///etc/passwd", timeout=1, max_bytes=100)
    with pytest.raises(FetchRefused) as exc:
        fetch_page(site.base + "/tidak-ada", timeout=1, max_bytes=100, allow_loopback=True)
    assert exc.value.code == "status"


def test_a_page_dated_outside_the_orders_period_is_refused(site, items):
    url = site.page("/lama", article("Peresmian jembatan Kedungkandang", day="2025-12-01"))
    with pytest.raises(ValidationError):
        services.deliverable_submit_online(item=items[0], url=url,
                                           published_on=date(2026, 4, 10))


def test_a_title_unlike_the_item_is_flagged_not_refused(site, items):
    url = site.page("/lain", article("Harga cabai naik"))
    proof = services.deliverable_submit_online(item=items[0], url=url,
                                               published_on=date(2026, 4, 10))
    assert len(proof.plausibility) == 1


def test_addresses_allowed():
    assert address_allowed("8.8.8.8", allow_loopback=False)
    for private in ("10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",  # noqa: S104
                    "::1", "fe80::1", "fc00::1", "224.0.0.1", "100.64.0.1"):
        assert not address_allowed(private, allow_loopback=False), private
    assert address_allowed("127.0.0.1", allow_loopback=True)


def test_url_key_ignores_decoration():
    assert services.url_key("HTTP://www.Contoh.id/berita/1/?utm_source=x#atas") == \
        services.url_key("https://contoh.id/berita/1")


def run_worker():
    """The django-tasks-db worker in batch mode: run what is queued, then return."""
    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="media-test",
           excluded_queue_names=[]).run()


def submitted_proof(site, items):
    url = site.page("/berita", article("Peresmian jembatan Kedungkandang"))
    return services.deliverable_submit_online(item=items[0], url=url,
                                              published_on=date(2026, 4, 10))


def test_the_drawing_is_left_to_the_worker_and_the_order_says_so(site, items, client,
                                                                   operator_opd):
    proof = submitted_proof(site, items)
    assert proof.render_state == RenderState.PENDING
    assert not proof.snapshot_pdf and not proof.snapshot_image
    [task] = DBTaskResult.objects.filter(task_path=render_proof.module_path)
    assert task.args_kwargs == {"args": [proof.pk], "kwargs": {}}
    client.force_login(operator_opd)
    page = client.get(reverse("media_partnerships:order", args=[items[0].order_id]))
    assert 'data-render="pending"' in page.content.decode()
    assert "PDF sedang dibuat…" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_worker_draws_the_snapshot_as_pdf_and_png_with_the_network_blocked(
        site, items, settings, client, operator_opd):
    settings.MEDIA_PARTNERSHIP_CHROMIUM = needs_program("chromium")
    needs_program("pdftotext")
    # The page asks for an image from the same server: the drawing must not fetch it.
    body = article("Peresmian jembatan Kedungkandang").replace(
        b"<h1>", f'<img src="{site.base}/pelacak.png"><h1>'.encode())
    url = site.page("/berita", body)
    proof = services.deliverable_submit_online(item=items[0], url=url,
                                               published_on=date(2026, 4, 10))
    site.requests.clear()

    run_worker()

    [task] = DBTaskResult.objects.filter(task_path=render_proof.module_path)
    assert task.status == "SUCCESSFUL" and task.return_value == "ready"
    proof.refresh_from_db()
    assert proof.render_state == RenderState.READY and proof.render_attempts == 1
    assert proof.render_note == ""
    assert site.requests == []
    assert proof.snapshot_image.open("rb").read(8) == b"\x89PNG\r\n\x1a\n"
    text = pdf_text(proof.snapshot_pdf.path)
    assert "Peresmian jembatan Kedungkandang" in text
    assert "jembatan sepanjang empat puluh meter" in text
    assert AuditEntry.objects.filter(action="media_partnerships.proof_rendered").exists()
    client.force_login(operator_opd)
    pdf = client.get(reverse("media_partnerships:proof_file",
                             args=[items[0].order_id, proof.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:5] == b"%PDF-"
    # Drawn once: the task run again finds nothing to claim.
    assert services.deliverable_render(deliverable_id=proof.pk) == ""


def test_a_failed_drawing_is_recorded_and_retried_until_the_last_attempt(site, items, settings,
                                                                          client, operator_opd):
    settings.MEDIA_PARTNERSHIP_CHROMIUM = "/tidak/ada/chromium"
    proof = submitted_proof(site, items)
    now = proof.fetched_at
    assert services.deliverable_render(deliverable_id=proof.pk, now=now) == "pending"
    proof.refresh_from_db()
    assert proof.render_attempts == 1 and "Chromium not found" in proof.render_note
    assert proof.render_next_at == now + RENDER_RETRY_AFTER[0]
    failure = AuditEntry.objects.get(action="media_partnerships.proof_render_failed")
    assert failure.data["attempt"] == 1 and "Chromium" in failure.data["error"]
    # Not due yet: neither the task nor the sweep draws it.
    assert services.deliverable_render(deliverable_id=proof.pk, now=now) == ""
    assert services.proofs_render_sweep(now=now + timedelta(minutes=1)) == 0
    for _attempt in range(2, RENDER_ATTEMPTS + 1):
        proof.refresh_from_db()
        services.proofs_render_sweep(now=proof.render_next_at + timedelta(minutes=1))
    proof.refresh_from_db()
    assert proof.render_state == RenderState.FAILED and proof.render_next_at is None
    assert proof.render_attempts == RENDER_ATTEMPTS
    assert AuditEntry.objects.filter(
        action="media_partnerships.proof_render_failed").count() == RENDER_ATTEMPTS
    assert proof.sha256 and proof.snapshot_html  # the proof itself is untouched
    client.force_login(operator_opd)
    page = client.get(reverse("media_partnerships:order", args=[items[0].order_id]))
    assert 'data-render="failed"' in page.content.decode()


def test_the_sweep_draws_a_due_retry_and_reclaims_a_dead_workers_claim(site, items, settings):
    settings.MEDIA_PARTNERSHIP_CHROMIUM = "/tidak/ada/chromium"
    proof = submitted_proof(site, items)
    services.deliverable_render(deliverable_id=proof.pk, now=proof.fetched_at)
    settings.MEDIA_PARTNERSHIP_CHROMIUM = needs_program("chromium")
    proof.refresh_from_db()
    assert services.proofs_render_sweep(now=proof.render_next_at + timedelta(minutes=1)) == 1
    proof.refresh_from_db()
    assert proof.render_state == RenderState.READY and proof.render_attempts == 2
    # A worker killed while drawing leaves its claim: once the claim's limit passed, the
    # sweep takes the proof over.
    Deliverable.objects.filter(pk=proof.pk).update(
        render_state=RenderState.RENDERING, render_next_at=proof.fetched_at)
    assert services.proofs_render_sweep(now=proof.fetched_at + timedelta(minutes=2)) == 1


def test_the_print_ledger_records_copies_received(items, operator_opd):
    proof = services.deliverable_print_record(item=items[0], edition="No. 1234",
                                              published_on=date(2026, 4, 10),
                                              copies_received=25, received_by="Sekretariat",
                                              actor=operator_opd)
    assert proof.copies_received == 25
    with pytest.raises(ValidationError):
        services.deliverable_print_record(item=items[0], edition="No. 1", copies_received=1,
                                          published_on=date(2027, 1, 1), received_by="X",
                                          actor=operator_opd)


def test_the_outlet_sends_a_page_as_proof_through_its_link(client, site, items):
    outlet = items[0].order.outlet
    outlet.secret_hash = outlet.hash_secret("kunci")
    outlet.save()
    url = reverse("media_partnerships:portal", args=[outlet.pk])
    client.get(url + "?k=kunci")
    order = items[0].order
    page = site.page("/berita", article("Peresmian jembatan Kedungkandang"))
    response = client.post(url, {"form": "proof", "order": order.pk,
                                 f"proof{order.pk}-item": items[0].pk,
                                 f"proof{order.pk}-url": page,
                                 f"proof{order.pk}-published_on": "10/04/2026"})
    assert response.status_code == 302
    assert Deliverable.objects.get().url == page
    # Another outlet's order is not reachable through this link.
    other = items[1].order
    client.post(url, {"form": "proof", "order": other.pk, f"proof{other.pk}-item": items[1].pk,
                      f"proof{other.pk}-url": page + "x",
                      f"proof{other.pk}-published_on": "10/04/2026"})
    assert Deliverable.objects.count() == 1


def test_staff_record_a_print_delivery_from_the_order_page(client, items, operator_opd):
    order = items[0].order
    client.force_login(operator_opd)
    response = client.post(
        reverse("media_partnerships:order_action", args=[order.pk, "proof_print"]),
        {"proof_print-item": items[0].pk, "proof_print-published_on": "10/04/2026",
         "proof_print-edition": "No. 77", "proof_print-copies_received": "20",
         "proof_print-received_by": "Sekretariat PUPR"})
    assert response.status_code == 302
    page = client.get(reverse("media_partnerships:order", args=[order.pk]))
    assert "Sekretariat PUPR" in page.content.decode()


def test_a_broadcast_is_proven_by_its_log_and_a_recording_judged_by_content(items,
                                                                           operator_opd):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from balai.media_partnerships.files import prepare_recording  # noqa: PLC0415

    with pytest.raises(ValidationError):
        prepare_recording(SimpleUploadedFile("siaran.mp3", b"<html>bukan audio</html>"),
                          label="Rekaman")
    mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
    recording = prepare_recording(SimpleUploadedFile("siaran.mp3", mp3), label="Rekaman")
    with pytest.raises(ValidationError):
        services.deliverable_broadcast_record(item=items[0], published_on=date(2026, 4, 10),
                                              broadcast_log="", recording=recording,
                                              actor=operator_opd)
    proof = services.deliverable_broadcast_record(
        item=items[0], published_on=date(2026, 4, 10), recording=recording,
        broadcast_log="10/04/2026 07:15-07:16 spot ILM jembatan", actor=operator_opd)
    assert proof.sha256 == hashlib.sha256(mp3).hexdigest()
    assert proof.recording.open("rb").read() == mp3
