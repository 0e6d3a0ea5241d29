"""Tokens are issued (shown once) and revoked in the admin."""

import re

from rest_framework.test import APIClient

from balai.api.models import StaffToken


def test_the_admin_issues_a_token_shown_once_and_stored_hashed(admin_client, verifikator):
    assert admin_client.get("/admin/api/stafftoken/add/").status_code == 200
    response = admin_client.post("/admin/api/stafftoken/add/", {
        "user": verifikator.pk, "name": "Dasbor meja aduan", "expires_at_0": "",
        "expires_at_1": ""})
    assert response.status_code == 302, response.content[:3000]
    shown = admin_client.get(response.url).content.decode()  # the message, once
    key = re.search(r"Token API untuk .+ adalah ([A-Za-z0-9_-]{40,}) — salin sekarang",
                    shown).group(1)
    token = StaffToken.objects.get()
    assert token.key_hash == StaffToken.hash_key(key) and key not in token.key_hash
    page = admin_client.get(f"/admin/api/stafftoken/{token.pk}/change/").content.decode()
    assert key not in page and token.key_prefix in page
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/complaints/").status_code == 200


def test_citizens_cannot_be_given_a_token_in_the_admin(admin_client, warga, verifikator):
    page = admin_client.get("/admin/api/stafftoken/add/").content.decode()
    assert f'value="{verifikator.pk}"' in page and warga.email not in page
    response = admin_client.post("/admin/api/stafftoken/add/", {
        "user": warga.pk, "name": "x", "expires_at_0": "", "expires_at_1": ""})
    assert response.status_code == 200 and not StaffToken.objects.exists()


def test_the_admin_revokes_tokens_and_never_deletes_them(admin_client, token_for,
                                                         verifikator):
    api = token_for(verifikator)
    token = StaffToken.objects.get()
    response = admin_client.post("/admin/api/stafftoken/", {
        "action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert not token.is_active and token.revoked_at is not None
    assert api.get("/api/v1/complaints/").status_code == 401
    assert admin_client.get(f"/admin/api/stafftoken/{token.pk}/delete/").status_code == 403
