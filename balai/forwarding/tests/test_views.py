"""The staff pages: who may configure an endpoint, who sees the forwards, the key at rest."""

import pytest
from cryptography.fernet import Fernet

from balai.core import crypto
from balai.forwarding import services
from balai.forwarding.models import Open311Endpoint, RemoteForward

pytestmark = pytest.mark.django_db


def test_admin_saves_an_endpoint_and_the_key_is_encrypted_at_rest(client, admin, province,
                                                                   their_category):
    client.force_login(admin)
    url = f"/teruskan/instansi/{province.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"base_url": "https://balai.jatimprov.example/open311/v2",
                                 "jurisdiction_id": "jatimprov.go.id", "api_key": "rahasia-123",
                                 "service_map": "jalan-rusak = JLN-PROV\n# komentar\n",
                                 "is_active": "on"})
    assert response.status_code == 302
    endpoint = Open311Endpoint.objects.get()
    assert endpoint.service_map == {"jalan-rusak": "JLN-PROV"}
    assert "rahasia-123" not in endpoint.api_key_encrypted
    assert endpoint.api_key == "rahasia-123"
    # Saved again without a key: the stored one stays; the page never shows it.
    client.post(url, {"base_url": endpoint.base_url, "service_map": "", "is_active": "on"})
    endpoint.refresh_from_db()
    assert endpoint.api_key == "rahasia-123" and endpoint.service_map == {}
    assert "rahasia-123" not in client.get(url).content.decode()


def test_bad_mapping_and_address_are_refused_with_their_reason(client, admin, province):
    client.force_login(admin)
    response = client.post(f"/teruskan/instansi/{province.pk}/",
                           {"base_url": "bukan alamat", "service_map": "jalan-rusak"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Isi alamat lengkap yang diawali https://." in page
    assert "Baris 1: tulis kode kategori kita" in page
    assert "jalan-rusak" in page  # what they typed is kept
    assert not Open311Endpoint.objects.exists()


def test_our_own_agency_cannot_get_an_endpoint(admin, malang):
    with pytest.raises(Exception, match="instansi luar|outside body"):
        services.endpoint_save(agency=malang["pupr"], base_url="https://x.example",
                               actor=admin)


def test_only_the_admin_configures_and_only_the_desk_watches(client, verifikator, operator_opd,
                                                             province):
    client.force_login(verifikator)
    assert client.get("/teruskan/").status_code == 200
    assert client.get(f"/teruskan/instansi/{province.pk}/").status_code == 403
    client.force_login(operator_opd)
    assert client.get("/teruskan/").status_code == 403
    assert client.get(f"/teruskan/instansi/{province.pk}/").status_code == 403
    client.logout()
    assert client.get("/teruskan/").status_code == 302


def test_keys_rotate_old_tokens_stay_readable(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    token = crypto.encrypt("kunci")
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    assert crypto.decrypt(token) == "kunci"
    settings.FIELD_ENCRYPTION_KEYS = [new]
    with pytest.raises(crypto.SecretUnreadable):
        crypto.decrypt(token)


def test_forward_to_a_body_without_endpoint_sends_nothing(complaint_with_photo, forward):
    forward(complaint_with_photo())
    assert not RemoteForward.objects.exists()


def test_backoff_grows_and_is_capped():
    from datetime import timedelta

    assert [services.backoff(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert services.backoff(30) == timedelta(hours=6)


def test_forwarding_page_queries_do_not_grow_with_the_forwards(
        client, verifikator, endpoint_for, complaint_with_photo, forward):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    endpoint_for("http://127.0.0.1:9/open311/v2", "k")
    client.force_login(verifikator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/teruskan/").status_code == 200
        return len(ctx.captured_queries)

    forward(complaint_with_photo())
    RemoteForward.objects.update(attempts=1, last_error="connection failed")
    one = queries()
    for _ in range(3):
        forward(complaint_with_photo())
    RemoteForward.objects.update(attempts=1, last_error="connection failed")
    assert queries() == one
