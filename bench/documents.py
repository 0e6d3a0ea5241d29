"""Official letters per second: Typst rendering, PAdES signing, and the full issue.

Runs in one process on a throw-away SQLite database and var/ directory with the demo
signer (EC P-256), and prints letters per second for:
  * render  — letter_render_pdf() (Typst, shipped fonts, QR code),
  * sign    — pdf_sign() of an already rendered letter (pyHanko),
  * issue   — document_issue(): number, render, sign, self-check, store, audit.

    .venv/bin/python bench/documents.py [--count 50]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rate(label: str, count: int, fn) -> float:
    fn()  # warm-up: font loading, key loading, first compile
    start = time.perf_counter()
    for _ in range(count):
        fn()
    elapsed = time.perf_counter() - start
    per_second = count / elapsed
    print(f"{label:<8} {per_second:8.1f} letters/s   {1000 * elapsed / count:7.1f} ms/letter")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="balai-bench-documents-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    os.environ.pop("DATABASE_URL", None)
    os.environ["BALAI_VAR_DIR"] = str(tmp)
    os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from balai.documents.models import Classification, IssuedDocument
    from balai.documents.render import Letter, Signer, letter_render_pdf
    from balai.documents.services import document_issue
    from balai.documents.signing import pdf_sign, signing_identity

    signer = Signer(name="Dra. Siti Aminah, M.Si.", position="Kepala Dinas",
                    nip="197001011990032001")
    context = {
        "subject": "Pemberitahuan Tertulis atas Permohonan Informasi Publik",
        "addressee": "Sdr. Budi Santoso", "addressee_place": "Malang",
        "body": ["Menindaklanjuti permohonan informasi Saudara, dengan ini kami sampaikan "
                 "bahwa informasi yang Saudara minta dapat diberikan. " * 3] * 3,
        "table": {"header": ["No", "Informasi", "Keputusan"],
                  "rows": [[str(i), f"Dokumen {i}", "Diberikan"] for i in range(1, 6)]},
        "closing": ["Demikian pemberitahuan ini kami sampaikan."],
    }
    letter = Letter(number="000.8.3.3/1/DISKOMINFO/2026", signer=signer,
                    issued_on=date(2026, 11, 23),
                    verify_url="https://layanan.example.go.id/verifikasi/x",
                    subject=context["subject"], addressee=context["addressee"],
                    body=context["body"], table=context["table"], specimen=True)
    identity = signing_identity()
    rendered = letter_render_pdf(letter)
    classification = Classification.objects.get(code="000.8.3.3")

    print(f"balai documents bench: {args.count} letters each, 1 process, "
          f"{os.cpu_count()} CPUs, PDF {len(rendered) // 1024} KiB")
    rate("render", args.count, lambda: letter_render_pdf(letter))
    rate("sign", args.count, lambda: pdf_sign(rendered, identity=identity, reason="bench",
                                              location="Malang"))
    rate("issue", args.count, lambda: document_issue(
        kind=IssuedDocument.Kind.PPID_NOTICE, context=context, unit="DISKOMINFO",
        classification=classification, signer=signer, actor=None))


if __name__ == "__main__":
    main()
