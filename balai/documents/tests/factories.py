from balai.documents.models import Classification, IssuedDocument
from balai.documents.render import Signer
from balai.documents.services import document_issue


def letter_context(**extra) -> dict:
    context = {
        "subject": "Pemberitahuan Tertulis atas Permohonan Informasi Publik",
        "addressee": "Sdr. Budi Santoso",
        "addressee_place": "Malang",
        "body": [
            "Menindaklanjuti permohonan informasi Saudara tanggal 2 November 2026, "
            "dengan ini kami sampaikan bahwa informasi yang Saudara minta dapat diberikan "
            "sebagaimana tercantum dalam tabel berikut.",
        ],
        "table": {"header": ["No", "Informasi yang diminta", "Keputusan"],
                  "rows": [["1", "Daftar menara telekomunikasi 2025", "Diberikan"],
                           ["2", "Rincian anggaran kegiatan", "Diberikan sebagian"]]},
        "closing": ["Demikian pemberitahuan ini kami sampaikan."],
        "copies": ["Atasan PPID"],
    }
    context.update(extra)
    return context


def signer() -> Signer:
    return Signer(name="Dra. Siti Aminah, M.Si.", position="Kepala Dinas",
                  nip="197001011990032001", rank="Pembina Utama Muda")


def ppid_classification() -> Classification:
    # get_or_create: transactional tests flush the rows the data migration seeded.
    return Classification.objects.get_or_create(
        code="000.8.3.3", defaults={"name": "Layanan informasi publik"})[0]


def issue(actor=None, backend=None, **extra) -> IssuedDocument:
    return document_issue(
        kind=IssuedDocument.Kind.PPID_NOTICE, context=letter_context(**extra),
        unit="DISKOMINFO", classification=ppid_classification(),
        signer=signer(), actor=actor, backend=backend,
    )
