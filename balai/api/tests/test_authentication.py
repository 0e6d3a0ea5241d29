from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from balai.api.models import StaffToken
from balai.api.services import staff_token_issue, staff_token_revoke
from balai.core.models import AuditEntry

LIST = "/api/v1/complaints/"


def test_without_a_token_the_api_answers_401_with_the_scheme_to_use(db):
    response = APIClient().get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["code"] == "not_authenticated" and body["fields"] == {}
    assert body["detail"] == "Data autentikasi tidak diberikan."  # Bahasa Indonesia


def test_a_wrong_token_is_refused(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token bukan-kunci-yang-benar")
    response = client.get(LIST)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


@pytest.mark.parametrize("header", ["Token", "Token a b", "Basic dXNlcjpwYXNz"])
def test_malformed_or_foreign_headers_do_not_authenticate(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get(LIST).status_code == 401


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "bearer"])
def test_a_staff_token_works_with_either_scheme(token_for, verifikator, scheme):
    assert token_for(verifikator, scheme=scheme).get(LIST).status_code == 200


def test_the_key_is_stored_only_as_a_hash_and_its_issue_is_audited(verifikator, admin):
    token, key = staff_token_issue(user=verifikator, name="Aplikasi meja", actor=admin)
    stored = StaffToken.objects.get(pk=token.pk)
    assert key not in {stored.key_hash, stored.key_prefix, stored.name}
    assert stored.key_hash == StaffToken.hash_key(key) and key.startswith(stored.key_prefix)
    assert AuditEntry.objects.filter(action="api.token_issued", object_id=str(token.pk)).exists()


def test_a_revoked_token_is_refused_at_once(token_for, verifikator, admin):
    client = token_for(verifikator)
    assert client.get(LIST).status_code == 200
    token = StaffToken.objects.get(key_hash=StaffToken.hash_key(client.key))
    staff_token_revoke(token=token, actor=admin)
    assert client.get(LIST).status_code == 401
    assert AuditEntry.objects.filter(action="api.token_revoked").exists()


def test_an_expired_token_is_refused(token_for, verifikator):
    client = token_for(verifikator)
    StaffToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(LIST).status_code == 401


def test_a_deactivated_user_s_token_is_refused(token_for, verifikator):
    client = token_for(verifikator)
    verifikator.is_active = False
    verifikator.save(update_fields=["is_active"])
    assert client.get(LIST).status_code == 401


def test_tokens_are_issued_only_to_active_staff(warga, admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        staff_token_issue(user=warga, name="x", actor=admin)


def test_a_citizen_whose_token_predates_a_role_change_gets_403(token_for, verifikator):
    client = token_for(verifikator)
    verifikator.role = "warga"
    verifikator.save(update_fields=["role"])
    response = client.get(LIST)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_last_used_is_stamped_at_most_once_a_minute(token_for, verifikator):
    client = token_for(verifikator)
    client.get(LIST)
    first = StaffToken.objects.get().last_used_at
    assert first is not None
    client.get(LIST)
    assert StaffToken.objects.get().last_used_at == first


def test_guessing_keys_from_one_address_is_throttled(db, settings):
    settings.API_BAD_TOKENS_PER_HOUR = 3
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer tebakan")
    codes = [client.get(LIST).status_code for _ in range(5)]
    assert codes[:3] == [401, 401, 401] and codes[3:] == [429, 429]


def test_each_token_has_its_own_request_rate(token_for, verifikator, operator_opd, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "token": "2/hour", "anon": "100/hour"}}
    busy, other = token_for(verifikator), token_for(operator_opd)
    assert [busy.get(LIST).status_code for _ in range(3)] == [200, 200, 429]
    response = busy.get(LIST)
    assert int(response["Retry-After"]) > 0 and response.json()["code"] == "throttled"
    assert other.get(LIST).status_code == 200
    cache.clear()


def test_anonymous_callers_are_throttled_per_address(db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "token": "100/hour", "anon": "2/hour"}}
    client = APIClient()
    url = reverse("api:schema")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
