"""The demo's exchange with SP4N-LAPOR!: two reports LAPOR! disposed to the city, and one
case the desk forwarded to BBPJN that LAPOR! numbered and reported progress on. They come
in the way an operator brings them: a LAPOR! export read and imported by the lapor services,
dated the previous working morning.
"""

from __future__ import annotations

import csv
import io

from django.db import transaction
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.complaints.models import Category, Complaint, ComplaintMessage
from balai.core.calendar import get_work_calendar
from balai.demo.history import at, happened_at, workdays_ago
from balai.lapor import imports, services
from balai.lapor.models import LaporCase

HEADERS = ["nomor_tiket", "tanggal_laporan", "judul", "isi_laporan", "kategori", "kelurahan",
           "status", "tindak_lanjut", "anonim", "rahasia", "nama_pelapor", "nomor_balai"]


@transaction.atomic
def load_lapor() -> int:
    desk = User.objects.filter(role=Role.VERIFIKATOR).order_by("pk").first()
    if desk is None or LaporCase.objects.exists():
        return 0
    calendar = get_work_calendar()
    today = timezone.localdate()
    imported = workdays_ago(1, today=today, calendar=calendar)
    reported = workdays_ago(3, today=today, calendar=calendar)
    rows = [
        ["4713082", reported.isoformat(), "Lampu PJU mati sepanjang Jalan Ijen",
         "Sudah seminggu lampu jalan di Jalan Ijen dekat gereja padam, rawan kecelakaan "
         "malam hari (data demo).", "Lampu penerangan jalan mati", "Oro-oro Dowo",
         "Didisposisikan", "", "Tidak", "Tidak", "Rudi H.", ""],
        ["4713127", reported.isoformat(), "Saluran tersumbat di depan pasar",
         "Saluran air di depan Pasar Oro-oro Dowo tersumbat sampah, air meluap ke jalan saat "
         "hujan (data demo).", "Saluran air tersumbat", "Oro-oro Dowo", "Didisposisikan", "",
         "Ya", "Tidak", "", ""],
    ]
    forwarded = (Complaint.objects.filter(status=Complaint.Status.DITERUSKAN,
                                          forwarded_to__code="bbpjn-jatim",
                                          closed_at__lt=at(imported, 9))
                 .order_by("submitted_at").first())
    if forwarded is not None:
        rows.append(["4709915", timezone.localdate(forwarded.closed_at).isoformat(),
                     forwarded.title, forwarded.description, "Infrastruktur", "", "Proses",
                     "BBPJN Jawa Timur-Bali menjadwalkan survei ruas jalan nasional ini "
                     "(data demo).", "Tidak", "Tidak", "", forwarded.code])
    text = io.StringIO()
    csv.writer(text).writerows([HEADERS, *rows])
    other = Category.objects.filter(is_active=True, code="lainnya").first()
    checked = imports.parse("ekspor-lapor.csv", text.getvalue().encode(),
                            default_category=other)
    if any(row.errors for row in checked):  # the demo city changed under the story
        return 0
    when = at(imported, 9, 30)
    with happened_at(when, ComplaintMessage):
        done = services.lapor_import(rows=checked, filename="ekspor-lapor.csv", actor=desk,
                                     now=when)
    LaporCase.objects.update(created_at=when, updated_at=when)
    return done.created + done.linked
