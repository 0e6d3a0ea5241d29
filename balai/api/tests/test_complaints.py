from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.tests import factories

S = Complaint.Status
WIB = ZoneInfo("Asia/Jakarta")
LIST = "/api/v1/complaints/"


def detail(pk):
    return f"/api/v1/complaints/{pk}/"


def act(pk, name):
    return f"/api/v1/complaints/{pk}/{name}/"


def codes(response):
    return [row["code"] for row in response.json()["results"]]


# --- scoping ---------------------------------------------------------------------------

def test_the_desk_sees_every_complaint_an_agency_only_its_own_disposed_ones(
        submit, token_for, verifikator, operator_opd, operator_other_opd):
    new = submit()  # routed to PUPR, not yet verified
    pupr = submit(verify_as=verifikator)
    dlh = submit("sampah", verify_as=verifikator)
    assert set(codes(token_for(verifikator).get(LIST))) == {new.code, pupr.code, dlh.code}
    assert codes(token_for(operator_opd).get(LIST)) == [pupr.code]
    assert codes(token_for(operator_other_opd).get(LIST)) == [dlh.code]


def test_an_operator_of_another_agency_gets_404_for_the_case_and_its_actions(
        submit, token_for, verifikator, operator_other_opd):
    pupr = submit(verify_as=verifikator)
    client = token_for(operator_other_opd)
    response = client.get(detail(pupr.pk))
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "fields": {},
                               "detail": "Tidak ditemukan, atau Anda tidak berhak melihatnya."}
    assert client.post(act(pupr.pk, "accept")).status_code == 404
    pupr.refresh_from_db()
    assert pupr.status == S.TERVERIFIKASI


def test_roles_outside_complaints_see_nothing(submit, token_for, verifikator, petugas_ppid):
    case = submit(verify_as=verifikator)
    client = token_for(petugas_ppid)
    assert client.get(LIST).json()["results"] == []
    assert client.get(detail(case.pk)).status_code == 404


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "99999999999999999999999", "1.5"])
def test_odd_ids_are_a_json_404(token_for, verifikator, raw):
    response = token_for(verifikator).get(detail(raw))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


# --- personal data ---------------------------------------------------------------------

def test_the_list_carries_no_personal_data(submit, token_for, verifikator):
    submit()
    row = token_for(verifikator).get(LIST).json()["results"][0]
    text = str(row)
    assert "Siti" not in text and "siti@example.id" not in text and "0812" not in text


def test_the_agency_sees_the_reporter_unless_anonim_and_the_desk_always(
        submit, token_for, verifikator, operator_opd):
    named = submit(verify_as=verifikator)
    anonim = submit(verify_as=verifikator, is_anonymous=True)
    agency, desk = token_for(operator_opd), token_for(verifikator)
    body = agency.get(detail(named.pk)).json()
    assert body["reporter"] == {"name": "Siti", "email": "siti@example.id",
                                "phone": "081234567890"}
    assert body["reporter_hidden"] is False
    body = agency.get(detail(anonim.pk)).json()
    assert body["reporter"] is None and body["reporter_hidden"] is True
    assert "siti@example.id" not in str(body) and "081234567890" not in str(body)
    assert desk.get(detail(anonim.pk)).json()["reporter"]["email"] == "siti@example.id"


def test_a_logged_in_citizen_is_not_named_in_the_timeline(cats, token_for, verifikator,
                                                          operator_opd, warga):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"], is_anonymous=True), actor=warga)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    body = token_for(operator_opd).get(detail(complaint.pk)).json()
    assert "Siti" not in str(body) and warga.email not in str(body)
    actors = [entry["actor"] for entry in body["timeline"]]
    assert actors[0] is None and actors[1] == str(verifikator)


def test_the_head_of_the_office_sees_the_case_but_not_an_anonim_reporter(
        submit, token_for, verifikator, kepala_dinas):
    case = submit(verify_as=verifikator, is_anonymous=True)
    body = token_for(kepala_dinas).get(detail(case.pk)).json()
    assert body["reporter"] is None and body["actions"] == []


# --- detail ----------------------------------------------------------------------------

def test_the_detail_has_timeline_routing_and_the_actions_the_role_may_take(
        submit, token_for, verifikator, operator_opd):
    case = submit()
    desk = token_for(verifikator).get(detail(case.pk)).json()
    assert desk["status"] == "baru" and desk["agency"]["code"] == "pupr"
    assert desk["road"]["name"] == "Jalan Merdeka Selatan"
    assert desk["actions"] == ["verify", "correct", "archive", "duplicate", "forward"]
    assert [e["action"] for e in desk["timeline"]] == ["complaints.submitted"]
    assert desk["timeline"][0]["label"] not in {"", "complaints.submitted"}
    services.complaint_verify(complaint=case, actor=verifikator, instruction="Segera")
    agency = token_for(operator_opd).get(detail(case.pk)).json()
    assert agency["actions"] == ["accept", "request-info", "return"]
    assert agency["disposition_note"] == "Segera"


# --- transitions -----------------------------------------------------------------------

def test_a_case_goes_from_verification_to_answer_through_the_api(
        submit, token_for, verifikator, operator_opd):
    case = submit()
    desk, agency = token_for(verifikator), token_for(operator_opd)
    response = desk.post(act(case.pk, "verify"), {"instruction": "Tolong ditambal"},
                         format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "terverifikasi"
    assert agency.post(act(case.pk, "accept")).json()["status"] == "diproses"
    response = agency.post(act(case.pk, "request-info"), {"question": "Di depan nomor berapa?"},
                           format="json")
    assert response.json()["status"] == "menunggu_info"
    services.complaint_reporter_reply(complaint=case, text="Depan nomor 12.")
    response = agency.post(act(case.pk, "answer"), {"text": "Sudah ditambal."}, format="json")
    body = response.json()
    assert body["status"] == "selesai" and body["answer"] == "Sudah ditambal."
    assert [e["action"] for e in body["timeline"]] == [
        "complaints.submitted", "complaints.verified", "complaints.accepted",
        "complaints.info_requested", "complaints.reporter_replied", "complaints.answered"]
    assert body["timeline"][1]["actor"] == str(verifikator)


def test_an_agency_may_not_take_the_desk_s_actions_and_the_desk_not_the_agency_s(
        submit, token_for, verifikator, operator_opd, petugas_112):
    case = submit(verify_as=verifikator)
    response = token_for(operator_opd).post(act(case.pk, "archive"), {"reason": "spam"},
                                            format="json")
    assert response.status_code == 403 and response.json() == {
        "code": "permission_denied", "fields": {},
        "detail": "Peran Anda tidak boleh melakukan tindakan ini."}
    assert token_for(verifikator).post(act(case.pk, "accept")).status_code == 403
    # The call centre sees every case, as on the pages, but takes no action on them.
    assert token_for(petugas_112).post(act(case.pk, "forward"),
                                       {"to_agency": "bbpjn-jatim"}).status_code == 403
    case.refresh_from_db()
    assert case.status == S.TERVERIFIKASI


def test_an_action_the_status_does_not_allow_is_a_409(
        submit, token_for, verifikator, operator_opd):
    case = submit(verify_as=verifikator)
    response = token_for(operator_opd).post(act(case.pk, "answer"), {"text": "Selesai."},
                                            format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "transition" and "tidak dapat" in body["detail"]  # Indonesian


def test_a_missing_field_is_a_400_naming_the_field(submit, token_for, verifikator):
    case = submit()
    response = token_for(verifikator).post(act(case.pk, "forward"), {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "to_agency" in body["fields"]


def test_a_service_rule_is_a_400_with_its_code(submit, token_for, verifikator):
    case = submit()  # routed to PUPR
    response = token_for(verifikator).post(act(case.pk, "verify"), {"agency": "dlh"},
                                           format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "override_reason"
    response = token_for(verifikator).post(
        act(case.pk, "verify"), {"agency": "dlh", "override_reason": "Sampah, bukan jalan"},
        format="json")
    assert response.status_code == 200 and response.json()["agency"]["code"] == "dlh"


def test_forward_archive_duplicate_and_correct(submit, token_for, verifikator):
    desk = token_for(verifikator)
    forwarded, archived, original, dup, moved = (submit() for _ in range(5))
    body = desk.post(act(forwarded.pk, "forward"), {"to_agency": "dpu-bm-jatim",
                                                    "reference": "PU/123"}, format="json")
    assert body.json()["status"] == "diteruskan"
    assert body.json()["forwarded_to"]["code"] == "dpu-bm-jatim"
    body = desk.post(act(archived.pk, "archive"), {"reason": "spam"}, format="json").json()
    assert body["status"] == "diarsipkan" and body["archive_reason"] == "spam"
    body = desk.post(act(dup.pk, "duplicate"), {"original": original.code.lower()},
                     format="json").json()
    assert body["duplicate_of"] == original.code
    response = desk.post(act(moved.pk, "correct"), {"category": "sampah"}, format="json")
    assert response.status_code == 200 and response.json()["agency"]["code"] == "dlh"
    response = desk.post(act(moved.pk, "correct"), {"lat": factories.OUTSIDE[0],
                                                    "lng": factories.OUTSIDE[1]},
                         format="json")
    assert response.status_code == 400 and response.json()["code"] == "outside"


def test_returning_a_case_reports_only_its_new_status(submit, token_for, verifikator,
                                                      operator_opd):
    case = submit(verify_as=verifikator)
    response = token_for(operator_opd).post(act(case.pk, "return"),
                                            {"reason": "Jalan provinsi"}, format="json")
    assert response.status_code == 200
    assert response.json() == {"id": case.pk, "code": case.code, "status": "baru",
                               "status_label": response.json()["status_label"]}
    assert token_for(operator_opd).get(detail(case.pk)).status_code == 404


# --- list: filters, pagination, queries ------------------------------------------------

def test_filters_by_status_category_agency_area_and_dates(submit, token_for, verifikator):
    old = submit(now=datetime(2026, 3, 2, 10, tzinfo=WIB))
    jalan = submit(verify_as=verifikator)
    sampah = submit("sampah", at=factories.BRAWIJAYA)
    client = token_for(verifikator)

    def get(**params):
        return set(codes(client.get(LIST, params)))

    assert get(status="terverifikasi") == {jalan.code}
    assert get(status=["baru", "terverifikasi"]) == {old.code, jalan.code, sampah.code}
    assert get(category="sampah") == {sampah.code}
    assert get(category="tidak-ada") == set() and get(kelurahan="99.99") == set()
    assert get(agency="dlh") == {sampah.code}
    assert get(kecamatan=sampah.kecamatan.code) == {sampah.code}
    assert get(kelurahan=jalan.kelurahan.code) == {old.code, jalan.code}
    assert get(submitted_to="2026-03-02") == {old.code}
    assert get(submitted_from="2026-03-03") == {jalan.code, sampah.code}
    assert get(submitted_from="0001-01-01", submitted_to="9999-12-31") == {
        old.code, jalan.code, sampah.code}
    response = client.get(LIST, {"status": "bukan-status"})
    assert response.status_code == 400 and "status" in response.json()["fields"]


@pytest.mark.parametrize("param", ["submitted_from", "submitted_to"])
@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_date_filter_is_refused_not_ignored(submit, token_for, verifikator, param,
                                                    empty):
    submit()
    response = token_for(verifikator).get(LIST, {param: empty})
    assert response.status_code == 400
    assert response.json()["fields"][param] == [
        "Isi tanggal dengan format TTTT-BB-HH, atau hapus parameter ini agar tanpa batas."]
    # Left out, it is no limit at all.
    assert len(token_for(verifikator).get(LIST).json()["results"]) == 1


def test_overdue_means_past_its_deadline_by_a_working_day(submit, token_for, verifikator):
    late = submit(now=timezone.now() - timedelta(days=30))
    fresh = submit()
    client = token_for(verifikator)
    assert codes(client.get(LIST, {"overdue": "true"})) == [late.code]
    assert codes(client.get(LIST, {"overdue": "false"})) == [fresh.code]
    flags = {row["code"]: row["is_overdue"] for row in client.get(LIST).json()["results"]}
    assert flags == {late.code: True, fresh.code: False}


def test_pages_follow_the_cursor_without_repeats_even_as_cases_arrive(
        submit, token_for, verifikator):
    same_moment = timezone.now() - timedelta(hours=1)
    made = [submit(now=same_moment) for _ in range(4)] + [submit() for _ in range(3)]
    client = token_for(verifikator)
    first = client.get(LIST, {"page_size": 3}).json()
    assert len(first["results"]) == 3 and first["next_cursor"]
    newcomer = submit()  # arrives while the client is paging
    seen = codes_seen = [r["code"] for r in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [r["code"] for r in page["results"]]
        url = page["next"]
    assert sorted(codes_seen) == sorted(c.code for c in made)
    assert newcomer.code not in seen
    expected = sorted(made, key=lambda c: (c.submitted_at, c.pk), reverse=True)
    assert seen == [c.code for c in expected]


@pytest.mark.parametrize("params", [{"cursor": "bukan-kursor"}, {"cursor": "W10"},
                                    {"page_size": 0}, {"page_size": 101},
                                    {"page_size": "x"}])
def test_a_bad_cursor_or_page_size_is_a_400(token_for, verifikator, params):
    response = token_for(verifikator).get(LIST, params)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == set(params)


def test_filters_never_make_the_page_query_distinct(submit, token_for, verifikator):
    """SELECT DISTINCT over a million rows was what made a status filter slow at scale."""
    submit()
    client = token_for(verifikator)
    with CaptureQueriesContext(connection) as queries:
        client.get(LIST, {"status": ["baru", "diproses"], "category": "jalan-rusak",
                          "overdue": "false", "kecamatan": "35.73.01"})
    page = [q["sql"] for q in queries.captured_queries if "complaints_complaint" in q["sql"]]
    assert page and not [sql for sql in page if "DISTINCT" in sql.upper()]


def test_the_list_costs_the_same_queries_for_5_or_25_rows(submit, token_for, verifikator,
                                                          operator_opd):
    for user in (verifikator, operator_opd):
        client = token_for(user)
        client.get(LIST)  # stamps last_used_at once
        counts = []
        for _ in range(2):
            for _ in range(5 if not counts else 20):
                submit(verify_as=verifikator)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(LIST, {"overdue": "true"} if counts else {})
            assert response.status_code == 200
            counts.append(len(queries))
        # token + user, the calendar's fingerprint, the page: nothing per row.
        assert counts[0] == counts[1] <= 4, [q["sql"] for q in queries.captured_queries]


def test_the_agency_answers_with_evidence_photos_as_multipart(submit, token_for, verifikator,
                                                              operator_opd):
    case = submit(verify_as=verifikator)
    services.complaint_accept(complaint=case, actor=operator_opd)
    photo = factories.jpeg_with_gps()
    response = token_for(operator_opd).post(act(case.pk, "answer"),
                                            {"text": "Sudah ditambal.", "photos": [photo]},
                                            format="multipart")
    assert response.status_code == 200, response.json()
    photos = response.json()["photos"]
    assert [p["kind"] for p in photos] == ["evidence"]
    # Served only once re-encoded without EXIF; until then no URL at all.
    assert (photos[0]["url"] is None) == (photos[0]["state"] != "ready")


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_changes(
        submit, token_for, verifikator, operator_opd):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = submit(verify_as=verifikator)
    services.complaint_accept(complaint=case, actor=operator_opd)
    bogus = SimpleUploadedFile("foto.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = token_for(operator_opd).post(act(case.pk, "answer"),
                                            {"text": "Sudah.", "photos": [bogus]},
                                            format="multipart")
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == S.DIPROSES and not case.photos.exists()
