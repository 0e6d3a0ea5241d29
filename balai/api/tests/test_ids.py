"""Ids in detail URLs: anything but a plain number is a 404, never a server error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/complaints/{}/", "/api/v1/ppid/requests/{}/"])
@pytest.mark.parametrize("raw", ["²", "١٢", "12a", "0", str(2**63)])
def test_an_id_that_is_not_a_plain_number_is_not_found(token_for, verifikator, petugas_ppid,
                                                       path, raw):
    user = petugas_ppid if "ppid" in path else verifikator
    assert token_for(user).get(path.format(raw)).status_code == 404
