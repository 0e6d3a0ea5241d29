from balai.public_services import search

ROWS = [
    (1, "Penerbitan KTP-el", "penerbitan ktp-el kartu keluarga dispendukcapil"),
    (2, "Penerbitan Akta Kelahiran", "penerbitan akta kelahiran surat keterangan lahir"),
    (3, "Perizinan Berusaha melalui OSS (NIB)", "perizinan berusaha nib oss dpmptsp"),
    (4, "Penerbitan Kartu Keluarga", "penerbitan kartu keluarga ktp-el akta"),
    (5, "Surat Izin Mengemudi (SIM) baru", "sim polresta"),
    (6, "Simpan pinjam koperasi", "simpan pinjam koperasi"),
]


def test_ktp_finds_the_ktp_el_service_first():
    assert search.rank("KTP", ROWS)[0] == 1
    assert search.rank("kartu tanda penduduk", ROWS)[0] == 1


def test_akta_lahir_finds_akta_kelahiran():
    assert search.rank("akta lahir", ROWS) == [2]
    assert search.rank("Akte Lahir anak", ROWS) == []  # "anak" is asked and found nowhere


def test_izin_usaha_finds_perizinan_berusaha():
    assert search.rank("izin usaha", ROWS) == [3]
    assert search.rank("cara bikin NIB", ROWS) == [3]


def test_short_synonyms_match_whole_words_only():
    assert search.rank("SIM", ROWS) == [5]  # not "simpan"


def test_every_word_asked_must_be_found():
    assert search.rank("kartu keluarga", ROWS) == [4, 1]
    assert search.rank("", ROWS) == []
    assert search.rank("di dan", ROWS) == []


def test_expand_names_the_synonym_group_once():
    groups = search.expand("syarat akta kelahiran")
    assert groups == [set(search.SYNONYMS[3])]
