"""E-mail intake over IMAP, against a real IMAP server on loopback (pymap's in-memory
backend): unread messages become drafts once, and are marked read."""

import imaplib
import io
import shutil
import socket
import subprocess
import sys
import time
from email.utils import make_msgid
from pathlib import Path

import pytest
from django.core.management import call_command

from balai.core import periodic
from balai.core.cluster import free_port
from balai.intake.imap import mail_imap_read
from balai.intake.models import MailDraft
from balai.intake.tests.test_mail import complaint_mail

pytestmark = pytest.mark.django_db

USER, PASSWORD = "aduan", "rahasia-imap"


@pytest.fixture(scope="module")
def imap_server():
    pymap = shutil.which("pymap", path=str(Path(sys.executable).parent))
    if pymap is None:
        pytest.skip("pymap is not installed (make .venv/.installed-test installs it)")
    port = free_port()
    proc = subprocess.Popen([pymap, "--host", "127.0.0.1", "--port", str(port), "--no-tls",
                             "dict", "--demo-user", USER, "--demo-password", PASSWORD],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("pymap did not start")
            time.sleep(0.1)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def mailbox(imap_server, settings):
    settings.INTAKE_IMAP_HOST = "127.0.0.1"
    settings.INTAKE_IMAP_PORT = imap_server
    settings.INTAKE_IMAP_SSL = False
    settings.INTAKE_IMAP_USER, settings.INTAKE_IMAP_PASSWORD = USER, PASSWORD
    settings.INTAKE_IMAP_FOLDER = "INBOX"
    imap = imaplib.IMAP4("127.0.0.1", imap_server, timeout=10)
    imap.login(USER, PASSWORD)
    imap.select("INBOX")
    # Each test starts with an empty inbox (the server lives for the module).
    typ, data = imap.uid("SEARCH", None, "ALL")
    for uid in (data[0] or b"").split():
        imap.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
    imap.expunge()
    yield imap
    imap.logout()


def unread(imap) -> int:
    imap.noop()
    typ, data = imap.uid("SEARCH", None, "UNSEEN")
    return len((data[0] or b"").split())


def test_unread_messages_become_drafts_once_and_are_marked_read(mailbox, cats):
    same = complaint_mail(message_id="<imap-sama@example.id>")
    for raw in (same, complaint_mail(photos=0, Auto_Submitted="auto-replied"),
                complaint_mail(sender="tanpa alamat", photos=0)):
        mailbox.append("INBOX", None, None, raw)
    assert unread(mailbox) == 3
    assert mail_imap_read() == {"drafts": 1, "dropped": 1, "refused": 1}
    draft = MailDraft.objects.get()
    assert draft.sender_email == "budi@example.id" and draft.photos.count() == 2
    assert unread(mailbox) == 0
    # Nothing unread: nothing done.
    assert mail_imap_read() == {"drafts": 0, "dropped": 0, "refused": 0}
    # The same message again unread (a run stopped before marking it read, or delivered
    # twice): still one draft, and it is marked read this time.
    mailbox.append("INBOX", None, None, same)
    assert mail_imap_read()["drafts"] == 1
    assert MailDraft.objects.count() == 1 and unread(mailbox) == 0


def test_the_worker_reads_the_mailbox_and_the_command_does_so_once(mailbox, cats):
    mailbox.append("INBOX", None, None, complaint_mail(photos=1,
                                                         message_id=make_msgid("a")))
    assert periodic.REGISTRY["intake.mail_imap"].func() == {
        "drafts": 1, "dropped": 0, "refused": 0}
    mailbox.append("INBOX", None, None, complaint_mail(photos=0,
                                                         message_id=make_msgid("b")))
    out = io.StringIO()
    call_command("complaints_mail", "--imap", stdout=out)
    assert "1 draft(s)" in out.getvalue()
    assert MailDraft.objects.count() == 2 and unread(mailbox) == 0


def test_without_a_mailbox_configured_the_worker_reads_nothing(settings):
    settings.INTAKE_IMAP_HOST = ""
    assert periodic.REGISTRY["intake.mail_imap"].func() == {}
    with pytest.raises(SystemExit) as exit_:
        call_command("complaints_mail", "--imap")
    assert exit_.value.code == 78


def test_a_wrong_password_is_an_error_not_silence(mailbox, settings):
    settings.INTAKE_IMAP_PASSWORD = "salah"
    with pytest.raises(imaplib.IMAP4.error):
        mail_imap_read()
