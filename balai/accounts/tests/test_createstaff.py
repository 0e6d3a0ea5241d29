import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from balai.accounts.models import User
from balai.core.audit import audit_trail


def test_createstaff_creates_an_officer_who_can_log_in(db, client):
    call_command("createstaff", "Budi@Malangkota.go.id", "--role", "verifikator",
                 "--name", "Budi", "--password", "kuat-sekali-2026")
    user = User.objects.get(email="budi@malangkota.go.id")
    assert user.role == "verifikator" and user.is_officer and not user.is_staff
    assert [e.action for e in audit_trail(user)] == ["accounts.staff_created"]
    response = client.post(reverse("accounts:login"),
                           {"username": "budi@malangkota.go.id", "password": "kuat-sekali-2026"})
    assert response.status_code == 302
    assert response.wsgi_request.user == user


def test_createstaff_refuses_a_weak_password_and_a_duplicate(db):
    with pytest.raises(CommandError, match="short|pendek"):
        call_command("createstaff", "a@b.id", "--role", "verifikator", "--password", "123")
    call_command("createstaff", "a@b.id", "--role", "verifikator", "--password",
                 "kuat-sekali-2026")
    with pytest.raises(CommandError, match="already exists"):
        call_command("createstaff", "A@B.id", "--role", "admin", "--password",
                     "kuat-sekali-2026")
    assert User.objects.count() == 1


def test_passwords_are_hashed_with_argon2(db):
    call_command("createstaff", "a@b.id", "--role", "petugas_ppid", "--password",
                 "kuat-sekali-2026")
    assert User.objects.get().password.startswith("argon2")
