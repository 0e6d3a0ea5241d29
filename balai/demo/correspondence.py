"""Demo persuratan: Diskominfo's chain of command and ~300 incoming letters in every state.

The office: the head (kadis@), two kabid (ppid@ for IKP, kabid.aptika@), four staff and the
front office (surat@). Letters came in over the last twelve weeks; the older ones have been
disposed down the chain and answered or closed, the recent ones wait for the head or for
a follow-up, and a few dispositions are past their due day (their reminder went out on the
day after, as the sweep would have sent it). Rows are bulk-created with their backdated
audit entries, so loading takes about a second; a second run adds nothing.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from balai.accounts.models import User
from balai.agencies.models import Agency
from balai.core.calendar import get_work_calendar
from balai.core.models import AuditEntry
from balai.core.tracking import case_code
from balai.correspondence.models import (
    AgendaSequence,
    Disposition,
    IncomingLetter,
    Instruction,
    Position,
    RetentionRule,
    Security,
    Urgency,
)
from balai.demo.history import Loaded, at
from balai.documents.models import Classification
from balai.lib.workdays import add_workdays

UNIT = "DISKOMINFO"
# e-mail, title, superior's e-mail, NIK for TTE (made up)
OFFICE = [
    ("kadis@demo.balai.id", "Kepala Dinas Komunikasi dan Informatika", None,
     "3573015508710002"),
    ("ppid@demo.balai.id", "Kepala Bidang Informasi dan Komunikasi Publik",
     "kadis@demo.balai.id", "3573025403820001"),
    ("kabid.aptika@demo.balai.id", "Kepala Bidang Aplikasi Informatika",
     "kadis@demo.balai.id", "3573031207790003"),
    ("humas@demo.balai.id", "Pranata Humas Ahli Muda", "ppid@demo.balai.id", ""),
    ("infopub@demo.balai.id", "Pengelola Informasi Publik", "ppid@demo.balai.id", ""),
    ("prakom@demo.balai.id", "Pranata Komputer Ahli Pertama", "kabid.aptika@demo.balai.id", ""),
    ("jaringan@demo.balai.id", "Analis Jaringan Komputer", "kabid.aptika@demo.balai.id", ""),
]
SENDERS = [
    ("Sekretariat Daerah Kota Malang", "100.3.4/{n}/35.73.101/2026"),
    ("Badan Perencanaan Pembangunan Daerah Kota Malang", "000.5/{n}/35.73.405/2026"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang Kota Malang", "600.1/{n}/35.73.302/2026"),
    ("Kecamatan Klojen", "400.14/{n}/35.73.02/2026"),
    ("Kecamatan Lowokwaru", "000.1/{n}/35.73.05/2026"),
    ("Dinas Kominfo Provinsi Jawa Timur", "500.12/{n}/114.3/2026"),
    ("Badan Siber dan Sandi Negara", "B-{n}/BSSN/D2/PP.00.01/2026"),
    ("PT Telekomunikasi Indonesia Tbk Witel Malang", "Tel.{n}/LG 000/R5W-5H/2026"),
    ("Universitas Brawijaya", "{n}/UN10.F15/KS/2026"),
    ("Karang Taruna Kelurahan Oro-oro Dowo", "{n}/KT-OD/XI/2026"),
]
SUBJECTS = [
    "Undangan rapat koordinasi pengelolaan media sosial pemerintah daerah",
    "Permohonan narasumber sosialisasi keterbukaan informasi publik",
    "Permintaan data pengguna layanan aplikasi Sambat Online",
    "Pemberitahuan pemeliharaan jaringan fiber optik di Jalan Ijen",
    "Penyampaian hasil evaluasi SPBE tahun 2026",
    "Permohonan izin penelitian mahasiswa tentang pelayanan publik digital",
    "Undangan bimbingan teknis tanda tangan elektronik",
    "Permohonan peliputan kegiatan Hari Jadi Kota Malang",
    "Laporan gangguan layanan internet di kantor kelurahan",
    "Permohonan kerja sama penyediaan titik akses Wi-Fi publik",
    "Penyampaian rencana uji penetrasi aplikasi pemerintah daerah",
    "Surat edaran penggunaan aplikasi SRIKANDI di lingkungan pemerintah daerah",
]
# Only the sensitive subjects are rahasia or terbatas.
SECRET_SUBJECTS = [
    ("Laporan insiden keamanan siber pada server pusat data", Security.RAHASIA),
    ("Hasil uji penetrasi aplikasi kepegawaian", Security.RAHASIA),
    ("Data pegawai calon peserta pelatihan sertifikasi keamanan", Security.TERBATAS),
    ("Rekapitulasi aduan yang memuat identitas pelapor", Security.TERBATAS),
]
NOTES = ["Mohon dihadiri dan dilaporkan hasilnya.", "Segera koordinasikan dengan bidang terkait.",
         "Siapkan bahan paparan.", "Pelajari dan beri telaahan staf.", ""]
ANSWERS = ["Sudah dihadiri; notulen terlampir di arsip bidang.",
           "Data sudah dikirim melalui e-mail dinas.", "Telaahan staf sudah disampaikan.",
           "Sudah dikoordinasikan dengan Bidang Aplikasi Informatika."]

CLOSING_NOTE = "Cukup untuk diketahui; sudah diarsipkan di bidang."


# The demo's retention schedule (JRA) for the codes its letters are filed under; made up
# for the demo, like the codes' names (documents marks them unverified).
RETENTION = {"000": (2, 3, "musnah"), "000.8.3.3": (3, 5, "dinilai_kembali"),
             "500.12": (5, 5, "permanen")}


@transaction.atomic
def load_office() -> dict[str, Position]:
    """The positions of the demo office (idempotent)."""
    agency = Agency.objects.get(code="diskominfo")
    users = {u.email: u for u in User.objects.filter(email__in=[row[0] for row in OFFICE])}
    positions: dict[str, Position] = {}
    for email, title, parent, nik in OFFICE:
        position, _ = Position.objects.update_or_create(user=users[email], defaults={
            "agency": agency, "title": title, "unit_code": UNIT,
            "parent": positions.get(parent)})
        if nik and users[email].signature_nik != nik:
            User.objects.filter(pk=users[email].pk).update(signature_nik=nik)
        positions[email] = position
    return positions


def _bulk_create_dated(model, rows: list) -> list:
    """bulk_create, keeping each row's `created_at` (auto_now_add stamps them now)."""
    moments = [row.created_at for row in rows]
    made = model.objects.bulk_create(rows)
    for row, moment in zip(made, moments, strict=True):
        row.created_at = moment
    model.objects.bulk_update(made, ["created_at"], batch_size=500)
    return made


def _entry(kind, obj_id, action, actor, moment, data, public=False) -> AuditEntry:
    return AuditEntry(content_type=kind, object_id=str(obj_id), action=action, actor=actor,
                      actor_label=str(actor) if actor else "system", data=data,
                      public=public, created_at=moment)


@transaction.atomic
def load_letters(*, count: int, now: datetime | None = None) -> Loaded:
    """`count` incoming letters over the last twelve weeks, walked through the chain."""
    positions = load_office()
    for code, (active, inactive, disposal) in RETENTION.items():
        classification = Classification.objects.filter(code=code).first()
        if classification is not None:
            RetentionRule.objects.update_or_create(classification=classification, defaults={
                "active_years": active, "inactive_years": inactive, "disposal": disposal})
    if IncomingLetter.objects.filter(unit_code=UNIT).exists():
        return Loaded()
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = get_work_calendar()
    rng = random.Random(17)
    head = positions["kadis@demo.balai.id"]
    kabid = [positions["ppid@demo.balai.id"], positions["kabid.aptika@demo.balai.id"]]
    staff_of = {k.pk: [p for p in positions.values() if p.parent_id == k.pk] for k in kabid}
    front = User.objects.get(email="surat@demo.balai.id")
    classifications = list(Classification.objects.all())
    days = [today - timedelta(days=d) for d in range(84, -1, -1)]
    days = [d for d in days if calendar.is_workday(d)]
    received = sorted(at(rng.choice(days), rng.randint(7, 15), rng.randint(0, 59))
                      for _ in range(count))
    # The newest letter came in on the last working day and waits for the head, whatever day
    # the demo is loaded on (a Saturday has no letter of today or yesterday otherwise).
    received[-1] = max(received[-1], at(days[-1], 9, 0))
    letters = []
    by_year: dict[int, int] = {}
    for i, moment in enumerate(received):
        year = timezone.localdate(moment).year
        by_year[year] = by_year.get(year, 0) + 1
        sender, number = SENDERS[i % len(SENDERS)]
        subject, security = (SECRET_SUBJECTS[(i // 12) % len(SECRET_SUBJECTS)] if i % 12 == 5
                             else (SUBJECTS[rng.randrange(len(SUBJECTS))], Security.BIASA))
        letters.append(IncomingLetter(
            code=f"demo-{i}", unit_code=UNIT, agenda_year=year, agenda_number=by_year[year],
            sender_name=sender, letter_number=number.format(n=100 + i),
            letter_date=timezone.localdate(moment) - timedelta(days=rng.randint(1, 4)),
            received_at=moment, subject=subject, security=security,
            urgency=rng.choice([Urgency.BIASA] * 6 + [Urgency.SEGERA] * 3
                               + [Urgency.SANGAT_SEGERA]),
            classification=rng.choice(classifications) if classifications else None,
            addressee=head, registered_by=front, created_at=moment))
    _bulk_create_dated(IncomingLetter, letters)
    letters = list(IncomingLetter.objects.filter(unit_code=UNIT).order_by("received_at", "pk"))
    for letter in letters:
        letter.code = case_code(IncomingLetter.CODE_PREFIX, letter.agenda_year, letter.pk)
    for year, last in by_year.items():
        AgendaSequence.objects.update_or_create(unit_code=UNIT, year=year,
                                                defaults={"last_number": last})

    kind = ContentType.objects.get_for_model(IncomingLetter)
    entries = [_entry(kind, letter.pk, "correspondence.registered", front, letter.received_at,
                      {"agenda": letter.agenda_label, "channel": "desk",
                       "security": letter.security}, public=True) for letter in letters]
    top, late = [], []
    for letter in letters:
        age = (today - timezone.localdate(letter.received_at)).days
        if (age <= 2 and rng.random() < 0.7) or letter is letters[-1]:
            if rng.random() < 0.5:
                letter.addressee_read_at = letter.received_at + timedelta(hours=2)
            continue  # waiting for the head
        disposed_on = add_workdays(timezone.localdate(letter.received_at), 1, calendar)
        if disposed_on > today:
            continue  # came in today: the head disposes tomorrow morning
        moment = at(disposed_on, 8, 30)
        letter.status = IncomingLetter.Status.DISPOSED
        letter.addressee_read_at = moment
        chosen = rng.sample(kabid, rng.choice([1, 1, 2]))
        for k in chosen:
            d = Disposition(letter=letter, sender=head.user, recipient=k.user,
                            instructions=rng.sample(Instruction.values, rng.randint(1, 2)),
                            notes=rng.choice(NOTES), created_at=moment,
                            due_on=add_workdays(disposed_on, rng.choice([3, 5, 7]), calendar))
            top.append(d)
    _bulk_create_dated(Disposition, top)
    children = []
    for d in top:
        letter = d.letter
        age = (today - d.due_on).days
        if age < -4 and rng.random() < 0.5:
            continue  # still open, not yet read or read: the kabid's queue
        d.read_at = d.created_at + timedelta(hours=1)
        if rng.random() < 0.3:
            d.status, d.response = Disposition.Status.ANSWERED, rng.choice(ANSWERS)
            if rng.random() < 0.3:
                d.status, d.response = Disposition.Status.CLOSED, CLOSING_NOTE
            d.responded_at = min(at(d.due_on, 14), now)
            continue
        forwarded_on = add_workdays(timezone.localdate(d.created_at), 1, calendar)
        if forwarded_on > today:
            continue  # read today; the kabid passes it on tomorrow
        d.status = Disposition.Status.FORWARDED
        staff = rng.choice(staff_of[next(k.pk for k in kabid if k.user_id == d.recipient_id)])
        children.append(Disposition(
            letter=letter, parent=d, sender=d.recipient, recipient=staff.user,
            instructions=[Instruction.FOLLOW_UP], notes=rng.choice(NOTES),
            created_at=at(forwarded_on, 9), due_on=add_workdays(forwarded_on, 3, calendar)))
    _bulk_create_dated(Disposition, children)
    for c in children:
        if c.due_on < today - timedelta(days=1) or (c.due_on < today and rng.random() < 0.8):
            if rng.random() < 0.9 or c.due_on >= today:
                c.read_at = c.created_at + timedelta(hours=2)
                c.status, c.response = Disposition.Status.ANSWERED, rng.choice(ANSWERS)
                c.responded_at = min(at(c.due_on, 13), now)
            else:
                c.reminded_for = c.due_on  # overdue by design: reminded the day after
                late.append(c)
        elif rng.random() < 0.5:
            c.read_at = c.created_at + timedelta(hours=3)
    dispositions = top + children
    for d in dispositions:
        entries.append(_entry(kind, d.letter_id, "correspondence.disposed", d.sender,
                              d.created_at, {"disposition": d.pk, "to": str(d.recipient),
                                             "due_on": d.due_on.isoformat(),
                                             "instructions": d.instructions}, public=True))
        if d.status in (Disposition.Status.ANSWERED, Disposition.Status.CLOSED):
            code = ("correspondence.disposition_answered"
                    if d.status == Disposition.Status.ANSWERED
                    else "correspondence.disposition_closed")
            entries.append(_entry(kind, d.letter_id, code, d.recipient, d.responded_at,
                                  {"disposition": d.pk, "text": d.response}))
    for c in late:
        entries.append(_entry(kind, c.letter_id, "correspondence.disposition_overdue", None,
                              at(add_workdays(c.due_on, 1, calendar), 7),
                              {"disposition": c.pk, "due_on": c.due_on.isoformat()}))
    # Letters whose whole tree was answered long ago are closed and filed.
    open_letters = {d.letter_id for d in dispositions
                    if d.status in (Disposition.Status.OPEN, Disposition.Status.FORWARDED)
                    and not any(c.parent_id == d.pk and c.status == Disposition.Status.ANSWERED
                                for c in children)}
    for letter in letters:
        if (letter.status == IncomingLetter.Status.DISPOSED and letter.pk not in open_letters
                and letter.classification_id and (today - timezone.localdate(
                    letter.received_at)).days > 21):
            letter.status = IncomingLetter.Status.CLOSED
            letter.closed_at = min(letter.received_at + timedelta(days=14), now)
            entries.append(_entry(kind, letter.pk, "correspondence.closed", head.user,
                                  letter.closed_at, {"note": "Selesai ditindaklanjuti."},
                                  public=True))
    IncomingLetter.objects.bulk_update(letters, ["code", "status", "addressee_read_at",
                                                 "closed_at"], batch_size=500)
    Disposition.objects.bulk_update(dispositions, ["read_at", "status", "response",
                                                   "responded_at", "reminded_for"],
                                    batch_size=500)
    _bulk_create_dated(AuditEntry, entries)
    load_attachments(front)
    load_drafts(positions)
    return Loaded(created=len(letters), late=[c.letter.code for c in late])


def _demo_file(name: str, lines: list[str], fmt: str):
    """A small made-up document (PDF or PNG) drawn with Pillow, marked CONTOH."""
    import io  # noqa: PLC0415

    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415
    from PIL import Image, ImageDraw  # noqa: PLC0415

    image = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(["CONTOH (data demo)", *lines]):
        draw.text((48, 48 + 28 * i), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


def load_attachments(front: User) -> int:
    """The newest open letter from the Bappeda came with its data table as a lampiran,
    added by the front office that registered it."""
    from balai.correspondence.attachments import attachment_add  # noqa: PLC0415

    letter = (IncomingLetter.objects.filter(unit_code=UNIT, security="biasa")
              .exclude(status=IncomingLetter.Status.CLOSED).order_by("-received_at").first())
    if letter is None:
        return 0
    attachment_add(letter=letter, actor=front, upload=_demo_file(
        "lampiran-data-pendukung.pdf", [letter.subject, "Lampiran: data pendukung"], "PDF"))
    return 1


def load_drafts(positions: dict[str, Position]) -> int:
    """Outgoing letters in every state of their chain, through the services: drafts of the
    staff, one in review, one returned with notes and revised, one approved and waiting for
    the head's signature, one signed (with the demo server key, which it says) and not yet
    sent, and one signed and sent (in balai, a copy, and by courier)."""
    from balai.correspondence import outgoing  # noqa: PLC0415
    from balai.correspondence.attachments import attachment_add  # noqa: PLC0415
    from balai.correspondence.models import OutgoingKind  # noqa: PLC0415

    user = {email: p.user for email, p in positions.items()}
    head, ikp, aptika = (user["kadis@demo.balai.id"], user["ppid@demo.balai.id"],
                         user["kabid.aptika@demo.balai.id"])
    classification = Classification.objects.order_by("code").first()
    reply_to = IncomingLetter.objects.filter(unit_code=UNIT).order_by("-received_at").first()

    def draft(author, kind, subject, addressees, reviewers, **extra):
        return outgoing.outgoing_create(
            kind=kind, subject=subject, addressees=addressees,
            body=outgoing.TEMPLATES[kind], copies=extra.pop("copies", ""),
            classification=classification, signer=head, reviewers=reviewers, actor=author,
            **extra)

    draft(user["humas@demo.balai.id"], OutgoingKind.INVITATION,
          "Undangan rapat persiapan Hari Jadi Kota Malang", "Para Camat se-Kota Malang",
          [ikp], copies="Sekretaris Daerah Kota Malang")
    in_review = draft(user["prakom@demo.balai.id"], OutgoingKind.NOTA_DINAS,
                      "Laporan kesiapan pusat data untuk audit SPBE", "Kepala Dinas", [aptika])
    outgoing.outgoing_submit(letter=in_review, actor=in_review.author)
    returned = draft(user["infopub@demo.balai.id"], OutgoingKind.OFFICIAL_LETTER,
                     "Jawaban permintaan data pengguna Sambat Online",
                     reply_to.sender_name if reply_to else "Bappeda Kota Malang", [ikp],
                     reply_to=reply_to)
    outgoing.outgoing_submit(letter=returned, actor=returned.author)
    outgoing.outgoing_return(letter=returned, actor=ikp,
                             notes="Lengkapi jumlah pengguna per bulan dan dasar hukumnya.")
    outgoing.outgoing_revise(letter=returned, subject=returned.subject,
                             addressees=returned.addressees, copies=returned.copies,
                             actor=returned.author, body=returned.body.replace(
                                 "[isi pokok surat]", "data pengguna Sambat Online 2026"))
    approved = draft(user["jaringan@demo.balai.id"], OutgoingKind.CIRCULAR,
                     "Surat edaran penggunaan jaringan internet kantor",
                     "Seluruh pegawai Diskominfo", [aptika, ikp],
                     copies="Kepala Bidang Aplikasi Informatika")
    outgoing.outgoing_submit(letter=approved, actor=approved.author)
    outgoing.outgoing_approve(letter=approved, actor=aptika)
    outgoing.outgoing_approve(letter=approved, actor=ikp)
    signed = draft(ikp, OutgoingKind.INVITATION, "Undangan sosialisasi keterbukaan informasi",
                   "Para PPID Pembantu", [], copies="Kepala Bidang Informasi dan Komunikasi "
                   "Publik")
    attachment_add(letter=signed, actor=ikp, upload=_demo_file(
        "daftar-undangan-ppid-pembantu.pdf",
        ["Daftar undangan sosialisasi", "1. PPID Pembantu Dinas Pendidikan",
         "2. PPID Pembantu Dinas Kesehatan", "3. PPID Pembantu Bappeda"], "PDF"))
    outgoing.outgoing_submit(letter=signed, actor=ikp)
    if not settings.DOCUMENTS_BSRE_URL:  # with BSrE, the head signs it themselves
        outgoing.outgoing_sign(letter=signed, passphrase="", actor=head)
    # Signed and sent: to the Kabid IKP in balai, a copy to the Kabid Aptika, and to the
    # Bappeda by courier; the one above stays "signed, not sent" in its author's queue.
    staff = user["jaringan@demo.balai.id"]
    sent = draft(staff, OutgoingKind.OFFICIAL_LETTER,
                 "Jadwal pemeliharaan jaringan fiber optik kantor",
                 "Kepala Bidang Informasi dan Komunikasi Publik\nBappeda Kota Malang", [aptika],
                 copies="Kepala Bidang Aplikasi Informatika")
    attachment_add(letter=sent, actor=staff, upload=_demo_file(
        "jadwal-pemeliharaan.pdf", ["Jadwal pemeliharaan jaringan fiber optik",
                                    "Sabtu 08.00-12.00: gedung A", "Sabtu 13.00-16.00: gedung B"],
        "PDF"))
    attachment_add(letter=sent, actor=staff, upload=_demo_file(
        "denah-jalur-fiber.png", ["Denah jalur fiber optik kantor"], "PNG"))
    outgoing.outgoing_submit(letter=sent, actor=staff)
    outgoing.outgoing_approve(letter=sent, actor=aptika)
    if not settings.DOCUMENTS_BSRE_URL:
        outgoing.outgoing_sign(letter=sent, passphrase="", actor=head)
        R = outgoing.Recipient
        outgoing.outgoing_distribute(letter=sent, actor=staff, recipients=[
            R(role="to", channel="internal", position=positions["ppid@demo.balai.id"]),
            R(role="copy", channel="internal", position=positions["kabid.aptika@demo.balai.id"]),
            R(role="to", channel="post", name="Bappeda Kota Malang, Jl. Tugu No. 1 (kurir)")])
    return 6
