"""Search of the service directory with the words people type: "KTP" finds the services
that name "kartu tanda penduduk" or "KTP-el", "akta lahir" those of "akta kelahiran".
Pure: ranks (id, text) pairs; the selector loads them."""

from __future__ import annotations

import re

# Each group is one thing under the names citizens and offices give it.
SYNONYMS: list[tuple[str, ...]] = [
    ("ktp", "ktp-el", "e-ktp", "ektp", "kartu tanda penduduk", "ktp elektronik"),
    ("kk", "kartu keluarga"),
    ("kia", "kartu identitas anak"),
    ("akta lahir", "akta kelahiran", "akte lahir", "akte kelahiran", "surat kelahiran"),
    ("akta kematian", "akte kematian", "akta mati", "surat kematian"),
    ("akta nikah", "akta perkawinan", "buku nikah", "pencatatan perkawinan"),
    ("akta cerai", "akta perceraian"),
    ("pindah", "surat pindah", "skpwni", "pindah datang", "perpindahan penduduk"),
    ("izin usaha", "perizinan berusaha", "nib", "nomor induk berusaha", "siup", "oss"),
    ("imb", "pbg", "persetujuan bangunan gedung", "izin mendirikan bangunan",
     "izin bangunan"),
    ("slf", "sertifikat laik fungsi"),
    ("skck", "surat keterangan catatan kepolisian", "surat kelakuan baik"),
    ("sim", "surat izin mengemudi"),
    ("stnk", "surat tanda nomor kendaraan"),
    ("sertifikat tanah", "sertipikat", "sertifikat hak", "balik nama", "pendaftaran tanah"),
    ("pbb", "pajak bumi dan bangunan", "sppt"),
    ("bphtb", "bea perolehan hak atas tanah dan bangunan"),
    ("bpjs", "jkn", "kis", "kartu indonesia sehat", "jaminan kesehatan"),
    ("kartu kuning", "ak1", "ak/1", "kartu pencari kerja"),
    ("pirt", "p-irt", "spp-irt", "izin pangan", "pangan industri rumah tangga"),
    ("reklame", "izin reklame", "baliho", "papan nama"),
    ("sktm", "surat keterangan tidak mampu", "keterangan miskin"),
    ("domisili", "surat keterangan domisili", "keterangan tempat tinggal"),
    ("kir", "uji kir", "pengujian kendaraan bermotor", "uji berkala"),
    ("ambulans", "ambulance", "mobil jenazah"),
    ("legalisir", "legalisasi", "pengesahan fotokopi"),
]
_WORD = re.compile(r"[0-9a-z/]+(?:-[0-9a-z]+)*")
_STOP = {"dan", "di", "ke", "yang", "untuk", "cara", "buat", "bikin", "mengurus", "urus",
         "membuat", "syarat", "persyaratan", "layanan", "pelayanan", "apa", "bagaimana"}


def normalise(text: str) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def _contains(haystack: str, phrase: str) -> bool:
    return re.search(rf"(?<![0-9a-z-]){re.escape(phrase)}(?![0-9a-z-])", haystack) is not None


def expand(query: str) -> list[set[str]]:
    """The query as groups of phrases, each group one thing the citizen asked for: a
    synonym group it names, or one of its other words."""
    text = normalise(query)
    groups, rest = [], text
    for group in SYNONYMS:
        hits = [p for p in group if _contains(text, p)]
        if hits:
            groups.append(set(group))
            for phrase in hits:
                rest = re.sub(rf"(?<![0-9a-z-]){re.escape(phrase)}(?![0-9a-z-])", " ", rest)
    for word in rest.split():
        if len(word) >= 3 and word not in _STOP:
            groups.append({word})
    return groups


def rank(query: str, rows) -> list[int]:
    """Ids of the rows whose text answers every thing asked, best first: a thing found in
    the name (the first line of the text) counts more than one found elsewhere."""
    groups = expand(query)
    if not groups:
        return []
    scored = []
    for pk, name, text in rows:
        name, score = normalise(name), 0
        for group in groups:
            if any(_contains(name, p) for p in group):
                score += 3
            elif any(_contains(text, p) or (" " not in p and len(p) >= 4 and p in text)
                     for p in group):
                score += 1
            else:
                break
        else:
            scored.append((-score, name, pk))
    return [pk for _score, _name, pk in sorted(scored)]
