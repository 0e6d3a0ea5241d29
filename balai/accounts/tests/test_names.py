"""The workdesk greets officers by their given name, without titles or degrees."""

import pytest

from balai.accounts.models import User


@pytest.mark.parametrize(("full_name", "greeting"), [
    ("Dr. Ir. Budi Santoso, M.T.", "Budi"),
    ("Prof Dr Siti Aminah, S.Kom., M.Kom.", "Siti"),
    ("Hj. Ani Rahmawati", "Ani"),
    ("Joko Widodo", "Joko"),
    ("Sukarno", "Sukarno"),
])
def test_the_greeting_uses_the_given_name_without_titles(full_name, greeting):
    assert User(email="x@example.id", full_name=full_name).get_short_name() == greeting


def test_a_user_without_a_name_is_greeted_by_e_mail():
    assert User(email="petugas@example.id", full_name="").get_short_name() == "petugas@example.id"
