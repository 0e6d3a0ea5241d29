"""Demo service directory (issue 18): about 120 services of Kota Malang's OPDs and of the
Forkopimda and vertical bodies, with standards complete and incomplete as they are found
in practice, saved through the directory's own service so each has its versions.

The services are real kinds of service; names of decrees, counters and numbers are made
up for the demo. Each row is short: the steps, legal basis and the eight components of
the standard's making come from the kind of service and the office.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from balai.accounts.models import User
from balai.agencies.models import Agency
from balai.complaints.models import Category, CategoryGroup
from balai.demo.history import Loaded, happened_at
from balai.public_services import skm
from balai.public_services.models import Service, SkmResponse, StandardVersion
from balai.public_services.services import StandardRows, service_save, skm_respondent_key

KTP, KK = "KTP-el", "Kartu Keluarga"
AKTA = "Akta kelahiran"
PENGANTAR = "Surat pengantar RT/RW dan kelurahan"
FORM = "Formulir permohonan"
NIB = "Nomor Induk Berusaha (NIB)"
NPWP = "NPWP"
FOTO = "Pas foto 3x4 berwarna"
SERTIFIKAT = "Sertifikat tanah"
BPJS = "Kartu BPJS Kesehatan / KIS"

# agency code -> [(name, keywords, product, documents, (time, unit), fee, kind)]
# fee: None = gratis, or (amount, legal basis). kind: steps and place (see KINDS).
W, C, H = "hari_kerja", "hari_kalender", "jam"
PERDA_RETRIBUSI = "Perda Kota Malang Nomor 4 Tahun 2023 tentang Pajak Daerah dan Retribusi " \
                  "Daerah"
SERVICES: dict[str, list[tuple]] = {
    "dispendukcapil": [
        ("Penerbitan KTP-el baru", "KTP, e-KTP, rekam KTP", "KTP-el",
         [KK, PENGANTAR], (1, W), None, "mpp"),
        ("Penggantian KTP-el rusak atau hilang", "KTP hilang, KTP rusak", "KTP-el",
         [KK, "Surat keterangan kehilangan dari kepolisian", "KTP-el yang rusak"],
         (1, W), None, "mpp"),
        ("Penerbitan Kartu Keluarga", "KK baru, pecah KK", "Kartu Keluarga",
         [PENGANTAR, "Buku nikah / akta perkawinan", KK], (1, W), None, "mpp"),
        ("Penerbitan Akta Kelahiran", "akta lahir, akte kelahiran", "Akta kelahiran",
         ["Surat keterangan lahir dari rumah sakit/bidan", KK, "KTP-el kedua orang tua",
          "Buku nikah / akta perkawinan"], (1, W), None, "mpp"),
        ("Penerbitan Akta Kematian", "akta mati, surat kematian", "Akta kematian",
         ["Surat keterangan kematian dari rumah sakit/kelurahan", KK, KTP], (1, W), None,
         "mpp"),
        ("Penerbitan Kartu Identitas Anak (KIA)", "KIA, kartu anak", "Kartu Identitas Anak",
         [AKTA, KK, "Pas foto anak (usia 5 tahun ke atas)"], (1, W), None, "mpp"),
        ("Surat Keterangan Pindah (SKPWNI)", "pindah, surat pindah, pindah domisili",
         "Surat Keterangan Pindah", [KK, KTP, "Surat pengantar pindah dari kelurahan"],
         (1, W), None, "mpp"),
        ("Pencatatan Perkawinan Non-Muslim", "akta nikah, akta perkawinan",
         "Akta perkawinan", ["Surat perkawinan dari pemuka agama", KTP, KK, AKTA, FOTO],
         (3, W), None, "mpp"),
        ("Legalisir Dokumen Kependudukan", "legalisir, legalisasi", "Fotokopi terlegalisir",
         ["Dokumen asli", "Fotokopi dokumen"], (2, H), None, "mpp"),
    ],
    "disnaker-pmptsp": [
        ("Perizinan Berusaha Berbasis Risiko (NIB) melalui OSS", "izin usaha, NIB, OSS",
         "Nomor Induk Berusaha", [KTP, NPWP, "Alamat e-mail dan nomor HP aktif"], (1, W),
         None, "izin"),
        ("Persetujuan Bangunan Gedung (PBG)", "IMB, PBG, izin bangunan",
         "Persetujuan Bangunan Gedung", [KTP, SERTIFIKAT, "Gambar rencana teknis",
                                         "Bukti lunas PBB tahun berjalan"],
         (28, W), (0, "Retribusi PBG dihitung menurut luas dan fungsi bangunan, "
                      + PERDA_RETRIBUSI), "izin"),
        ("Sertifikat Laik Fungsi (SLF)", "SLF, laik fungsi", "Sertifikat Laik Fungsi",
         ["Persetujuan Bangunan Gedung", "Laporan pemeriksaan kelaikan fungsi"], (14, W),
         None, "izin"),
        ("Izin Reklame", "reklame, baliho, papan nama", "Izin penyelenggaraan reklame",
         [KTP, NIB, "Desain dan ukuran reklame", "Foto lokasi"], (5, W),
         (0, "Pajak reklame menurut " + PERDA_RETRIBUSI), "izin"),
        ("Kartu Tanda Pencari Kerja (AK/1)", "kartu kuning, AK1, pencari kerja",
         "Kartu AK/1", [KTP, "Ijazah terakhir", FOTO], (1, W), None, "mpp"),
        ("Pencatatan Peraturan Perusahaan", "peraturan perusahaan",
         "Surat pengesahan peraturan perusahaan", ["Draf peraturan perusahaan", NIB],
         (7, W), None, "office"),
        ("Pencatatan Perjanjian Kerja Bersama", "PKB, serikat pekerja",
         "Bukti pencatatan PKB", ["Naskah PKB", "Daftar pengurus serikat pekerja"], (6, W),
         None, "office"),
        ("Mediasi Perselisihan Hubungan Industrial", "PHK, perselisihan kerja, mediasi",
         "Anjuran mediator atau perjanjian bersama", ["Risalah perundingan bipartit", KTP],
         (30, W), None, "office"),
        ("Izin Usaha Toko Swalayan", "minimarket, swalayan", "Izin usaha toko swalayan",
         [NIB, "Rekomendasi kajian sosial ekonomi", "Persetujuan Bangunan Gedung"], (10, W),
         None, "izin"),
    ],
    "dinsos": [
        ("Pendaftaran DTKS", "DTKS, bansos, data kemiskinan", "Terdaftar di DTKS",
         [KTP, KK, PENGANTAR], (14, W), None, "office"),
        ("Surat Keterangan Tidak Mampu untuk Berobat", "SKTM, keterangan miskin",
         "Rekomendasi SKTM", [KTP, KK, PENGANTAR], (1, W), None, "office"),
        ("Rekomendasi PBI Jaminan Kesehatan", "BPJS, KIS, PBI", "Rekomendasi PBI-JK",
         [KTP, KK, "Surat keterangan dari kelurahan"], (3, W), None, "office"),
        ("Layanan Pengaduan Kekerasan terhadap Perempuan dan Anak (UPTD PPA)",
         "kekerasan, perlindungan anak, KDRT", "Pendampingan dan rujukan", [KTP], (1, H),
         None, "office"),
        ("Pelayanan Kontrasepsi Gratis", "KB, kontrasepsi", "Layanan KB", [KTP, KK],
         (1, H), None, "office"),
    ],
    "disdikbud": [
        ("Penerimaan Peserta Didik Baru (SPMB) SD dan SMP", "PPDB, SPMB, daftar sekolah",
         "Pengumuman hasil seleksi", [KK, AKTA, "Rapor atau ijazah"], (14, C), None,
         "online"),
        ("Legalisir Ijazah SD/SMP", "legalisir ijazah", "Fotokopi ijazah terlegalisir",
         ["Ijazah asli", "Fotokopi ijazah"], (1, W), None, "office"),
        ("Surat Keterangan Pengganti Ijazah Hilang", "ijazah hilang",
         "Surat keterangan pengganti ijazah",
         ["Surat keterangan kehilangan dari kepolisian", KTP], (7, W), None, "office"),
        ("Izin Pendirian Satuan PAUD", "izin PAUD, TK, KB", "Izin operasional PAUD",
         ["Akta yayasan", "Bukti kepemilikan atau sewa tempat", "Kurikulum"], (14, W),
         None, "izin"),
        ("Rekomendasi Pindah Sekolah (Mutasi Siswa)", "mutasi siswa, pindah sekolah",
         "Surat rekomendasi mutasi", ["Surat pindah dari sekolah asal", "Rapor"], (2, W),
         None, "office"),
    ],
    "disporapar": [
        ("Tanda Daftar Usaha Pariwisata", "usaha wisata, TDUP", "Sertifikat standar usaha",
         [NIB, KTP], (5, W), None, "izin"),
        ("Peminjaman Gedung Olahraga dan Stadion Gajayana", "sewa stadion, GOR",
         "Izin pemakaian", [KTP, "Surat permohonan"], (3, W),
         (750000, "Retribusi pemakaian kekayaan daerah, " + PERDA_RETRIBUSI), "office"),
        ("Rekomendasi Kegiatan Kepemudaan", "organisasi pemuda, OKP", "Surat rekomendasi",
         ["Proposal kegiatan", "SK kepengurusan"], (5, W), None, "office"),
    ],
    "diskopindag": [
        ("Pendaftaran Sertifikat P-IRT", "PIRT, SPP-IRT, izin pangan",
         "Sertifikat Pemenuhan Komitmen P-IRT", [NIB, "Label kemasan",
                                                  "Sertifikat penyuluhan keamanan pangan"],
         (14, W), None, "izin"),
        ("Penyuluhan Keamanan Pangan", "PKP, pelatihan pangan",
         "Sertifikat penyuluhan", [KTP], (2, W), None, "office"),
        ("Tera dan Tera Ulang Timbangan", "tera, timbangan, UPT metrologi",
         "Cap tanda tera sah", ["Alat ukur yang akan ditera"], (1, W),
         (15000, "Retribusi pelayanan tera, " + PERDA_RETRIBUSI), "office"),
        ("Izin Pemakaian Tempat Berjualan di Pasar Rakyat", "los pasar, kios pasar",
         "Kartu izin pemakaian tempat", [KTP, KK, FOTO], (5, W),
         (0, "Retribusi pasar, " + PERDA_RETRIBUSI), "office"),
        ("Pendaftaran Koperasi dan Perubahan Anggaran Dasar", "koperasi",
         "Rekomendasi pengesahan", ["Akta pendirian", "Berita acara rapat anggota"],
         (7, W), None, "office"),
    ],
    "dispangtan": [
        ("Rekomendasi Izin Usaha Peternakan", "ternak, peternakan", "Surat rekomendasi",
         [NIB, "Denah lokasi kandang"], (5, W), None, "izin"),
        ("Sertifikat Nomor Kontrol Veteriner (NKV)", "NKV, rumah potong",
         "Sertifikat NKV", [NIB, "Denah unit usaha"], (14, W), None, "izin"),
        ("Pemeriksaan Kesehatan Hewan dan Vaksinasi Rabies", "rabies, vaksin anjing kucing",
         "Kartu vaksinasi hewan", ["Hewan peliharaan"], (1, H), None, "office"),
        ("Rekomendasi Pemasukan Hewan", "lalu lintas hewan", "Surat rekomendasi",
         ["Surat keterangan kesehatan hewan dari daerah asal"], (3, W), None, "office"),
    ],
    "dispussipda": [
        ("Pendaftaran Anggota Perpustakaan Umum", "kartu perpustakaan",
         "Kartu anggota perpustakaan", [KTP, FOTO], (1, H), None, "office"),
        ("Layanan Arsip Statis untuk Penelitian", "arsip, penelitian",
         "Salinan arsip", [KTP, "Surat pengantar lembaga"], (3, W), None, "office"),
        ("Perpustakaan Keliling", "perpustakaan keliling",
         "Kunjungan mobil perpustakaan", ["Surat permohonan"], (7, W), None, "office"),
    ],
    "disperkim": [
        ("Penyerahan Prasarana, Sarana dan Utilitas Perumahan", "PSU, fasum fasos",
         "Berita acara serah terima PSU", ["Site plan yang disahkan", "Sertifikat PSU"],
         (30, W), None, "office"),
        ("Pengesahan Site Plan", "site plan, rencana tapak", "Site plan yang disahkan",
         [NIB, SERTIFIKAT, "Gambar rencana tapak"], (14, W), None, "izin"),
        ("Bantuan Rumah Tidak Layak Huni", "RTLH, bedah rumah", "Bantuan perbaikan rumah",
         [KTP, KK, "Bukti kepemilikan tanah"], (60, C), None, "office"),
        ("Izin Pemakaian Makam", "makam, pemakaman", "Izin pemakaian tanah makam",
         ["Surat keterangan kematian", KTP], (1, W),
         (100000, "Retribusi pelayanan pemakaman, " + PERDA_RETRIBUSI), "office"),
    ],
    "damkar": [
        ("Pemadaman Kebakaran dan Penyelamatan", "kebakaran, damkar, 113",
         "Pemadaman dan penyelamatan", [], (15, "menit"), None, "emergency"),
        ("Evakuasi Hewan Berbahaya (Sarang Tawon, Ular)", "tawon, ular, evakuasi",
         "Evakuasi", [], (1, H), None, "emergency"),
        ("Rekomendasi Proteksi Kebakaran Bangunan", "proteksi kebakaran, APAR",
         "Surat rekomendasi", ["Gambar instalasi proteksi kebakaran", NIB], (7, W), None,
         "izin"),
    ],
    "bapenda": [
        ("Pembayaran PBB-P2", "PBB, pajak bumi dan bangunan, SPPT", "Bukti lunas PBB",
         ["SPPT PBB"], (1, H), None, "mpp"),
        ("Mutasi atau Balik Nama SPPT PBB", "balik nama PBB", "SPPT atas nama baru",
         [KTP, SERTIFIKAT, "SPPT terakhir", "Akta jual beli"], (5, W), None, "mpp"),
        ("Pengajuan BPHTB", "BPHTB, jual beli tanah", "Validasi SSPD BPHTB",
         [KTP, SERTIFIKAT, "Akta jual beli", "SPPT PBB"], (3, W), None, "mpp"),
        ("Pendaftaran Objek Pajak Restoran dan Hotel", "pajak restoran, pajak hotel",
         "NPWPD", [NIB, NPWP, KTP], (1, W), None, "mpp"),
        ("Keberatan Pajak Daerah", "keberatan pajak", "Keputusan keberatan",
         ["Surat keberatan", "SPPT atau SKPD yang dikeberatkan"], (60, W), None, "office"),
    ],
    "bpkad": [
        ("Sewa Barang Milik Daerah", "sewa aset, BMD", "Perjanjian sewa",
         [KTP, "Surat permohonan"], (14, W), (0, "Nilai sewa hasil penilaian, "
                                                 + PERDA_RETRIBUSI), "office"),
        ("Pencairan Hibah dan Bantuan Sosial", "hibah, bansos", "SP2D", [
            "NPHD", "Rencana penggunaan dana", "Rekening lembaga"], (10, W), None, "office"),
    ],
    "bkpsdm": [
        ("Layanan Kenaikan Pangkat ASN", "kenaikan pangkat, ASN", "SK kenaikan pangkat",
         ["SK pangkat terakhir", "SKP dua tahun terakhir"], (30, W), None, "office"),
        ("Izin Belajar ASN", "izin belajar, tugas belajar", "Surat izin belajar",
         ["Surat keterangan diterima", "SKP"], (7, W), None, "office"),
        ("Pengajuan Pensiun ASN", "pensiun, BUP", "SK pensiun",
         ["SK CPNS dan PNS", "SK pangkat terakhir", KK], (30, W), None, "office"),
    ],
    "barenlitbang": [
        ("Izin Penelitian (Surat Keterangan Penelitian)", "izin riset, penelitian, survei",
         "Surat keterangan penelitian", ["Surat pengantar kampus", "Proposal penelitian",
                                         KTP], (3, W), None, "office"),
    ],
    "bakesbangpol": [
        ("Surat Keterangan Terdaftar Ormas", "SKT ormas, organisasi",
         "Surat keterangan terdaftar", ["Akta pendirian", "AD/ART", "Susunan pengurus"],
         (15, W), None, "office"),
        ("Rekomendasi Penelitian bagi Peneliti Asing", "peneliti asing",
         "Surat rekomendasi", ["Izin riset Kementerian", "Paspor"], (5, W), None,
         "office"),
    ],
    "inspektorat": [
        ("Pengaduan Dugaan Penyimpangan oleh Aparatur", "pengaduan ASN, whistleblowing",
         "Tindak lanjut pengaduan", [KTP], (60, W), None, "office"),
    ],
    "setda": [
        ("Permohonan Audiensi dengan Wali Kota", "audiensi, wali kota",
         "Jadwal audiensi", ["Surat permohonan"], (7, W), None, "office"),
        ("Penyediaan Produk Hukum Daerah (JDIH)", "perda, perwal, JDIH",
         "Salinan produk hukum", [], (1, W), None, "online"),
    ],
    "setdprd": [
        ("Penyampaian Aspirasi Masyarakat kepada DPRD", "aspirasi, DPRD, hearing",
         "Rapat dengar pendapat", ["Surat permohonan"], (14, W), None, "office"),
    ],
    "rsud": [
        ("Rawat Jalan Pasien BPJS", "berobat, poli, BPJS", "Pelayanan rawat jalan",
         [BPJS, "Surat rujukan puskesmas", KTP], (3, H), None, "health"),
        ("Instalasi Gawat Darurat", "IGD, darurat", "Pelayanan gawat darurat", [],
         (5, "menit"), None, "emergency"),
        ("Rawat Jalan Pasien Umum", "berobat umum", "Pelayanan rawat jalan", [KTP],
         (3, H), (50000, "Perwal tentang tarif layanan BLUD RSUD Kota Malang"), "health"),
        ("Surat Keterangan Sehat", "surat sehat, keterangan dokter",
         "Surat keterangan sehat", [KTP, FOTO], (1, H),
         (25000, "Perwal tentang tarif layanan BLUD RSUD Kota Malang"), "health"),
    ],
    "dinkes": [
        ("Surat Izin Praktik Tenaga Kesehatan", "SIP, izin praktik dokter bidan perawat",
         "Surat Izin Praktik", ["STR", "Rekomendasi organisasi profesi", FOTO], (5, W),
         None, "izin"),
        ("Izin Operasional Klinik", "izin klinik", "Izin operasional klinik",
         [NIB, "Daftar tenaga kesehatan", "Denah bangunan"], (14, W), None, "izin"),
        ("Sertifikat Laik Higiene Sanitasi Rumah Makan", "laik higiene, rumah makan",
         "Sertifikat laik higiene sanitasi", [NIB, "Hasil uji laboratorium makanan"],
         (14, W), None, "izin"),
        ("Layanan Ambulans Gratis (Public Safety Center 112)", "ambulans, PSC 112",
         "Ambulans dan penanganan awal", [], (15, "menit"), None, "emergency"),
    ],
    "puskesmas-kendalkerep": [
        ("Pemeriksaan Umum", "berobat, puskesmas", "Pelayanan pemeriksaan", [KTP, BPJS],
         (1, H), None, "health"),
        ("Imunisasi Anak", "imunisasi, vaksin anak, posyandu", "Imunisasi",
         ["Buku KIA", KK], (1, H), None, "health"),
        ("Pemeriksaan Kehamilan (ANC)", "hamil, bidan, ANC", "Pemeriksaan kehamilan",
         ["Buku KIA", KTP], (1, H), None, "health"),
    ],
    "puskesmas-dinoyo": [
        ("Pemeriksaan Umum", "berobat, puskesmas", "Pelayanan pemeriksaan", [KTP, BPJS],
         (1, H), None, "health"),
        ("Pemeriksaan Gigi dan Mulut", "gigi, dokter gigi", "Pelayanan gigi", [KTP, BPJS],
         (1, H), None, "health"),
        ("Layanan Kesehatan Lansia", "lansia, posbindu", "Pemeriksaan lansia", [KTP],
         (1, H), None, "health"),
    ],
    "puskesmas-janti": [
        ("Pemeriksaan Umum", "berobat, puskesmas", "Pelayanan pemeriksaan", [KTP, BPJS],
         (1, H), None, "health"),
        ("Pemeriksaan TBC dan Pengobatan", "TBC, TB, batuk lama", "Pemeriksaan dan obat TBC",
         [KTP], (1, W), None, "health"),
    ],
    "pupr": [
        ("Rekomendasi Teknis Pemanfaatan Ruang (KKPR)", "KKPR, tata ruang, zonasi",
         "Konfirmasi KKPR", [NIB, SERTIFIKAT, "Koordinat lokasi"], (20, W), None, "izin"),
        ("Izin Pemanfaatan Ruang Milik Jalan", "galian, ruang milik jalan", "Izin Rumija",
         [NIB, "Gambar teknis", "Jaminan pelaksanaan"], (10, W), None, "izin"),
        ("Advis Teknis Drainase", "drainase, peil banjir", "Advis teknis",
         ["Site plan", "Gambar saluran"], (7, W), None, "izin"),
    ],
    "dlh": [
        ("Persetujuan Lingkungan (UKL-UPL)", "UKL-UPL, AMDAL, izin lingkungan",
         "Persetujuan lingkungan", [NIB, "Dokumen UKL-UPL"], (20, W), None, "izin"),
        ("Surat Pernyataan Kesanggupan Pengelolaan Lingkungan (SPPL)", "SPPL",
         "SPPL terverifikasi", [NIB], (1, W), None, "izin"),
        ("Pengangkutan Sampah Kawasan dan Usaha", "angkut sampah, sampah usaha",
         "Jadwal pengangkutan", [KTP, "Surat permohonan"], (3, W),
         (150000, "Retribusi pelayanan persampahan, " + PERDA_RETRIBUSI), "office"),
        ("Uji Emisi Kendaraan", "uji emisi", "Sertifikat lulus uji emisi",
         ["STNK"], (1, H), None, "office"),
    ],
    "dishub": [
        ("Pengujian Kendaraan Bermotor (Uji KIR)", "KIR, uji KIR, uji berkala",
         "Kartu uji dan tanda uji", ["STNK", "Buku uji lama", KTP], (1, W),
         (87000, "Retribusi pengujian kendaraan bermotor, " + PERDA_RETRIBUSI), "office"),
        ("Izin Penyelenggaraan Angkutan Orang", "trayek, angkot", "Izin trayek",
         [NIB, "STNK", "Kartu uji"], (7, W), None, "izin"),
        ("Andalalin (Analisis Dampak Lalu Lintas)", "andalalin, dampak lalu lintas",
         "Persetujuan andalalin", [NIB, "Dokumen andalalin"], (30, W), None, "izin"),
        ("Izin Penggunaan Jalan untuk Kegiatan", "tutup jalan, hajatan, karnaval",
         "Rekomendasi penggunaan jalan", [KTP, "Surat permohonan", "Denah lokasi"],
         (3, W), None, "office"),
    ],
    "satpolpp": [
        ("Pengamanan dan Penertiban atas Permintaan Warga", "penertiban, ketertiban umum",
         "Tindakan penertiban", [KTP], (3, W), None, "office"),
    ],
    "bpbd": [
        ("Kaji Cepat dan Bantuan Darurat Bencana", "banjir, longsor, bencana",
         "Bantuan darurat", [], (1, H), None, "emergency"),
        ("Edukasi Siaga Bencana untuk Sekolah dan Kampung", "sosialisasi bencana",
         "Kegiatan edukasi", ["Surat permohonan"], (14, W), None, "office"),
    ],
    "diskominfo": [
        ("Rekomendasi Pembangunan Menara Telekomunikasi", "menara, tower, BTS",
         "Rekomendasi teknis menara", [NIB, "Gambar rencana menara", "Koordinat lokasi"],
         (14, W), None, "izin"),
        ("Permohonan Informasi Publik (PPID)", "PPID, informasi publik",
         "Informasi yang diminta", [KTP], (10, W), None, "online"),
        ("Pembuatan Subdomain malangkota.go.id", "subdomain, website OPD",
         "Subdomain aktif", ["Surat permohonan kepala OPD"], (3, W), None, "office"),
    ],
    "kec-klojen": [
        ("Surat Keterangan Domisili Usaha", "domisili, SKDU", "Surat keterangan",
         [KTP, PENGANTAR], (1, W), None, "kecamatan"),
        ("Legalisasi Surat Pernyataan Ahli Waris", "ahli waris, waris",
         "Surat pernyataan ahli waris yang dikuatkan", [KTP, KK, "Akta kematian"], (3, W),
         None, "kecamatan"),
        ("Dispensasi Nikah (Rekomendasi Nikah Kurang 10 Hari)", "dispensasi nikah",
         "Surat rekomendasi", [KTP, "Surat N1–N4 dari kelurahan"], (1, W), None,
         "kecamatan"),
    ],
    "kec-lowokwaru": [
        ("Surat Keterangan Domisili Usaha", "domisili, SKDU", "Surat keterangan",
         [KTP, PENGANTAR], (1, W), None, "kecamatan"),
        ("Surat Keterangan Tidak Mampu (SKTM)", "SKTM, keterangan miskin",
         "Surat keterangan", [KTP, KK, PENGANTAR], (1, W), None, "kecamatan"),
    ],
    "kec-blimbing": [
        ("Surat Keterangan Domisili Usaha", "domisili, SKDU", "Surat keterangan",
         [KTP, PENGANTAR], (1, W), None, "kecamatan"),
        ("Rekomendasi Izin Keramaian", "keramaian, hajatan", "Surat rekomendasi",
         [KTP, PENGANTAR], (2, W), None, "kecamatan"),
    ],
    "kec-sukun": [
        ("Surat Keterangan Domisili Usaha", "domisili, SKDU", "Surat keterangan",
         [KTP, PENGANTAR], (1, W), None, "kecamatan"),
    ],
    "kec-kedungkandang": [
        ("Surat Keterangan Domisili Usaha", "domisili, SKDU", "Surat keterangan",
         [KTP, PENGANTAR], (1, W), None, "kecamatan"),
    ],
    # Forkopimda and vertical bodies: their own standards, published here with them.
    "polresta-malang": [
        ("Surat Keterangan Catatan Kepolisian (SKCK)", "SKCK, surat kelakuan baik",
         "SKCK", [KTP, KK, AKTA, FOTO, "Sidik jari (di loket)"], (1, W),
         (30000, "PP 76/2020 tentang PNBP Kepolisian"), "outside"),
        ("Surat Izin Mengemudi (SIM) Baru", "SIM, SIM A, SIM C", "SIM",
         [KTP, "Surat keterangan sehat jasmani dan rohani"], (1, W),
         (120000, "PP 76/2020 tentang PNBP Kepolisian"), "outside"),
        ("Perpanjangan SIM", "perpanjang SIM", "SIM", [KTP, "SIM lama",
                                                      "Surat keterangan sehat"], (1, H),
         (80000, "PP 76/2020 tentang PNBP Kepolisian"), "outside"),
        ("Laporan Kehilangan Barang atau Dokumen", "surat kehilangan, hilang",
         "Surat tanda penerimaan laporan kehilangan", [KTP], (1, H), None, "outside"),
        ("Izin Keramaian", "izin keramaian, konser, acara", "Surat izin keramaian",
         [KTP, "Rekomendasi kecamatan", "Proposal acara"], (7, W), None, "outside"),
    ],
    "kejari-malang": [
        ("Pengambilan Barang Bukti", "barang bukti", "Barang bukti dikembalikan",
         [KTP, "Salinan putusan"], (1, W), None, "outside"),
        ("Pembayaran Tilang", "tilang, denda tilang", "Barang sitaan tilang",
         ["Surat tilang"], (1, H), (0, "Denda sesuai putusan pengadilan"), "outside"),
        ("Pendampingan Hukum bagi Pemerintah Daerah (Datun)", "datun, pengacara negara",
         "Pendapat hukum", ["Surat kuasa khusus"], (14, W), None, "outside"),
    ],
    "pn-malang": [
        ("Pendaftaran Gugatan Perdata (e-Court)", "gugatan, e-court, perdata",
         "Nomor perkara", ["Surat gugatan", "Surat kuasa", KTP], (1, W),
         (0, "Panjar biaya perkara sesuai SK Ketua PN"), "outside"),
        ("Surat Keterangan Tidak Pernah Dipidana", "keterangan tidak dipidana",
         "Surat keterangan", [KTP, FOTO, "SKCK"], (1, W), None, "outside"),
        ("Permohonan Ganti Nama", "ganti nama", "Penetapan pengadilan",
         [KTP, KK, AKTA], (30, C), (0, "Panjar biaya perkara sesuai SK Ketua PN"),
         "outside"),
    ],
    "pa-malang": [
        ("Pendaftaran Perkara Cerai", "cerai, perceraian, gugat cerai", "Nomor perkara",
         ["Buku nikah", KTP, KK], (1, W), (0, "Panjar biaya perkara sesuai SK Ketua PA"),
         "outside"),
        ("Dispensasi Kawin", "dispensasi kawin", "Penetapan dispensasi",
         [KTP, KK, AKTA, "Surat penolakan KUA"], (30, C),
         (0, "Panjar biaya perkara sesuai SK Ketua PA"), "outside"),
        ("Penetapan Ahli Waris", "ahli waris, waris", "Penetapan ahli waris",
         ["Akta kematian", KK, KTP], (30, C), (0, "Panjar biaya perkara sesuai SK Ketua PA"),
         "outside"),
    ],
    "bpn-malang": [
        ("Pendaftaran Tanah Pertama Kali", "sertifikat tanah, PTSL, pendaftaran tanah",
         "Sertipikat hak atas tanah", [KTP, KK, "Bukti perolehan tanah", "SPPT PBB"],
         (98, W), (0, "PP 128/2015 tentang PNBP Kementerian ATR/BPN"), "outside"),
        ("Peralihan Hak (Balik Nama Sertipikat)", "balik nama, jual beli tanah",
         "Sertipikat atas nama baru", [SERTIFIKAT, "Akta jual beli PPAT", KTP,
                                        "Bukti bayar BPHTB"], (5, W),
         (0, "PP 128/2015 tentang PNBP Kementerian ATR/BPN"), "outside"),
        ("Pengecekan Sertipikat", "cek sertifikat", "Keterangan hasil pengecekan",
         [SERTIFIKAT, KTP], (1, W), (50000, "PP 128/2015 tentang PNBP Kementerian ATR/BPN"),
         "outside"),
        ("Roya (Penghapusan Hak Tanggungan)", "roya, hak tanggungan", "Catatan roya",
         [SERTIFIKAT, "Surat roya dari bank"], (5, W),
         (50000, "PP 128/2015 tentang PNBP Kementerian ATR/BPN"), "outside"),
    ],
    "kodim-0833": [
        ("Bantuan Personel untuk Pengamanan Kegiatan", "pengamanan TNI",
         "Dukungan personel", ["Surat permohonan"], (7, W), None, "outside"),
    ],
    "imigrasi-malang": [
        ("Penerbitan Paspor Biasa", "paspor", "Paspor", [KTP, KK, AKTA], (4, W),
         (350000, "PP 45/2024 tentang PNBP Kementerian Hukum dan HAM"), "outside"),
        ("Izin Tinggal Terbatas (ITAS)", "ITAS, izin tinggal", "Izin tinggal terbatas",
         ["Paspor", "Visa", "Surat sponsor"], (5, W),
         (0, "PP 45/2024 tentang PNBP Kementerian Hukum dan HAM"), "outside"),
    ],
    "samsat-malang": [
        ("Pembayaran Pajak Kendaraan Tahunan", "pajak motor, STNK, PKB",
         "STNK disahkan", [KTP, "STNK"], (1, H), (0, "Perda Provinsi Jawa Timur tentang "
                                                      "Pajak Daerah"), "outside"),
        ("Balik Nama Kendaraan (BBNKB)", "balik nama motor, BBNKB", "STNK dan BPKB baru",
         [KTP, "STNK", "BPKB", "Kuitansi jual beli"], (7, W),
         (0, "Perda Provinsi Jawa Timur tentang Pajak Daerah"), "outside"),
    ],
    "kemenag-malang": [
        ("Pendaftaran Nikah di KUA", "nikah, KUA, daftar nikah", "Buku nikah",
         [KTP, KK, AKTA, "Surat pengantar nikah (N1–N4)", FOTO], (10, W), None,
         "outside"),
        ("Pendaftaran Haji Reguler", "haji, daftar haji", "Nomor porsi haji",
         [KTP, KK, AKTA, "Bukti setoran awal BPIH"], (1, W), None, "outside"),
    ],
    "bpjs-kes-malang": [
        ("Pendaftaran Peserta JKN Mandiri", "BPJS, JKN, KIS", "Kartu JKN-KIS",
         [KTP, KK, "Buku tabungan"], (1, H), None, "outside"),
        ("Perubahan Data dan Pindah Faskes", "pindah faskes, ganti puskesmas",
         "Data peserta baru", [KTP, KK, BPJS], (1, H), None, "outside"),
    ],
}
SLOW_UNITS = {"menit": (1, H)}  # the model counts in hours at the least

MPP = {"name": "Mal Pelayanan Publik Kota Malang", "address":
       "Gedung Malang Creative Center, Jl. A. Yani Utara, Kota Malang",
       "hours": "Senin–Jumat 08.00–15.00, Sabtu 08.00–12.00",
       "lat": "-7.935600", "lng": "112.649700"}
KINDS = {
    "mpp": ["Ambil nomor antrean di Mal Pelayanan Publik", "Serahkan berkas di loket",
            "Petugas memeriksa kelengkapan berkas", "Produk dicetak dan diserahkan"],
    "izin": ["Ajukan permohonan melalui OSS atau SiCantik", "Unggah dokumen persyaratan",
             "Verifikasi berkas oleh petugas", "Peninjauan lapangan bila diperlukan",
             "Penerbitan dokumen secara elektronik"],
    "office": ["Datang ke kantor atau kirim surat permohonan", "Petugas mencatat permohonan",
               "Verifikasi dan tindak lanjut", "Hasil diserahkan atau dikirim"],
    "online": ["Buka laman layanan daring", "Isi formulir dan unggah dokumen",
               "Pantau status dengan nomor pendaftaran", "Hasil diumumkan daring"],
    "health": ["Ambil nomor antrean dan daftar di loket", "Pemeriksaan oleh tenaga kesehatan",
               "Resep atau rujukan bila perlu", "Ambil obat di apotek"],
    "emergency": ["Hubungi 112 (gratis, 24 jam)", "Petugas berangkat ke lokasi",
                  "Penanganan di tempat", "Laporan kejadian dicatat"],
    "kecamatan": ["Minta surat pengantar RT/RW dan kelurahan",
                  "Serahkan berkas di loket PATEN kecamatan", "Verifikasi dan tanda tangan camat",
                  "Surat diambil"],
    "outside": ["Datang ke kantor layanan atau daftar daring", "Serahkan berkas di loket",
                "Pemeriksaan dan pemrosesan", "Produk diserahkan"],
}
WHERE = {
    "mpp": "Dilayani di Mal Pelayanan Publik Kota Malang, tanpa perantara.",
    "izin": "Diajukan daring melalui OSS atau SiCantik; berkas diperiksa petugas {agency}.",
    "office": "Dilayani di kantor {agency} pada jam kerja.",
    "online": "Seluruhnya daring, tanpa datang ke kantor.",
    "health": "Dilayani di {agency}; peserta JKN tidak membayar.",
    "emergency": "Keadaan darurat: hubungi 112, gratis dan siaga 24 jam.",
    "kecamatan": "Dilayani di loket PATEN {agency}.",
    "outside": "Layanan {agency}, dicantumkan di sini bersama layanan Pemerintah Kota Malang.",
}
LEGAL = {
    "dispendukcapil": "UU 24/2013 tentang Administrasi Kependudukan\nPerpres 96/2018 "
                      "tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan "
                      "Sipil\nPermendagri 108/2019",
    "disnaker-pmptsp": "PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko\n"
                       "Perwal Kota Malang tentang Pelimpahan Kewenangan Perizinan",
}
COMMON_LEGAL = "UU 25/2009 tentang Pelayanan Publik\nPermenPANRB 15/2014 tentang Pedoman " \
               "Standar Pelayanan"


def _complaint_category() -> Category:
    group, _ = CategoryGroup.objects.get_or_create(name="Pelayanan publik",
                                                   defaults={"position": 90})
    category, _ = Category.objects.get_or_create(code="pelayanan-publik", defaults={
        "name": "Pelayanan administrasi dan perizinan", "group": group,
        "description": "Antrean, persyaratan yang tidak sesuai standar, pungutan di luar "
                       "tarif resmi, petugas yang tidak ramah, produk layanan terlambat.",
        "keywords": "pelayanan, antrean, pungli, loket"})
    return category


def _fields(i: int, agency: Agency, row: tuple, rng: random.Random, categories) -> dict:
    name, keywords, product, _docs, (value, unit), fee, kind = row
    if unit in SLOW_UNITS:
        value, unit = SLOW_UNITS[unit]
    fields = {"name": name, "slug": slugify(name)[:80], "keywords": keywords, "product": product,
              "summary": f"Hasilnya: {product[0].lower()}{product[1:]}. "
                         + WHERE[kind].format(agency=agency.short_name or agency.name),
              "duration_value": value, "duration_unit": unit, "fee_kind": "gratis"}
    if fee is not None:
        amount, basis = fee
        # amount 0: a tariff by formula (per m², by the court's estimate): the basis says how
        fields.update(fee_kind="berbayar", fee_amount=amount or None, fee_legal_basis=basis)
    fields["complaint_category"] = categories.get(kind, categories["default"])
    fields["complaint_channels"] = ("SAMBAT (sambat.malangkota.go.id), SMS 1708, kotak saran "
                                    "di loket" if not agency.is_external
                                    else f"Pengaduan {agency.short_name}, SP4N-LAPOR! 1708")
    if i % 7 == 3:  # the decree, consultation and making of the standard not yet published
        return fields
    officers = rng.randint(2, 12)
    fields.update(
        legal_basis="\n".join(filter(None, [LEGAL.get(agency.code, ""), COMMON_LEGAL])),
        facilities="Ruang tunggu, nomor antrean, toilet, pojok laktasi, layanan informasi",
        disability_facilities="Jalur landai, kursi roda, loket prioritas"
        if i % 4 else "",
        competence="Pelaksana berpendidikan paling rendah SMA dan telah mengikuti bimbingan "
                   "teknis layanan", supervision="Pengawasan atasan langsung dan "
                   "Inspektorat" if not agency.is_external else "Pengawasan atasan langsung "
                   "dan aparat pengawas internal instansi",
        officers_count=officers,
        service_guarantee="Pelayanan sesuai standar; bila tidak, warga berhak mengadu dan "
                          "mendapat tanggapan",
        safety_guarantee="Data pribadi dijaga kerahasiaannya; lokasi layanan dilengkapi APAR "
                         "dan jalur evakuasi" if i % 5 else "",
        evaluation="Survei Kepuasan Masyarakat sekali setahun dan evaluasi kinerja pelaksana "
                   "tiap semester",
    )
    adopted = date(2024, 1, 15) + timedelta(days=rng.randint(0, 600))
    if i % 6 != 1:
        fields.update(decree_number=f"188.45/{rng.randint(10, 400)}/35.73.{rng.randint(100, 400)}"
                                    f"/{adopted.year}",
                      decree_date=adopted,
                      consultation_date=adopted - timedelta(days=rng.randint(14, 45)),
                      consultation_record="Forum konsultasi publik bersama perwakilan RT/RW, "
                                          "organisasi penyandang disabilitas dan pelaku usaha; "
                                          "masukan dicatat dalam berita acara.")
    return fields


def _rows(i: int, row: tuple, agency: Agency) -> StandardRows:
    _name, _kw, _product, docs, _time, _fee, kind = row
    if i % 11 == 5:  # requirements and procedure still to be written
        return StandardRows()
    place = ({**MPP, "counter": f"Loket {agency.short_name}"} if kind in ("mpp", "izin")
             else {"name": agency.name, "counter": "", "address": agency.address or "Kota Malang",
                   "hours": "Senin–Jumat 08.00–15.00" if kind != "emergency"
                   else "24 jam setiap hari", "lat": None, "lng": None})
    return StandardRows(requirements=[(d, "asli dan fotokopi" if d in (KTP, KK) else "")
                                      for d in docs],
                        steps=KINDS[kind], locations=[place])


@transaction.atomic
def load_services() -> Loaded:
    """Every service of SERVICES once; a third of them changed since (a second version)."""
    if Service.objects.exists():
        return Loaded()
    rng = random.Random(18)
    editor = User.objects.get(email="redaksi@demo.balai.id")
    agencies = {a.code: a for a in Agency.objects.filter(code__in=SERVICES)}
    general = _complaint_category()
    health = Category.objects.filter(code="puskesmas").first() or general
    categories = {"default": general, "health": health, "emergency": general}
    loaded, i = Loaded(), 0
    today = timezone.localdate()
    for code, rows in SERVICES.items():
        agency = agencies[code]
        for row in rows:
            i += 1
            fields = _fields(i, agency, row, rng, categories)
            start = timezone.make_aware(datetime.combine(
                fields.get("decree_date") or date(2025, 2, 3), time(9, 0)))
            with happened_at(start, StandardVersion):
                service = service_save(service=Service(agency=agency, **fields),
                                       rows=_rows(i, row, agency), actor=editor)
            loaded.created += 1
            if i % 3 == 0 and fields.get("decree_date"):
                _revise(service, row, agency, i, rng, editor, today)
    return loaded


def _revise(service, row, agency, i, rng, editor, today) -> None:
    """A later change of the standard: shorter time, or one more document dropped."""
    moment = timezone.make_aware(datetime.combine(
        min(service.decree_date + timedelta(days=rng.randint(90, 400)), today), time(10, 0)))
    rows = _rows(i, row, agency)
    if service.duration_value and service.duration_value > 2:
        service.duration_value -= 1
        note = "Jangka waktu dipercepat hasil evaluasi SKM"
    else:
        rows.requirements = rows.requirements[:-1] or rows.requirements
        note = "Persyaratan disederhanakan"
    service.evaluation += "; hasil evaluasi dibahas dalam forum konsultasi publik"
    with happened_at(moment, StandardVersion):
        service_save(service=service, rows=rows, note=note, actor=editor)


def load_skm() -> Loaded:
    """Satisfaction-survey answers (PermenPANRB 14/2017) for last year and this year so far:
    most services of the directory answered often enough to be graded, some too rarely,
    and each OPD a few answers after complaints about no listed service. Each service has
    its own level (most 'Baik', a few better or worse); answers fall on past working days
    only, so the story holds whatever day the demo is loaded. Written in bulk (thousands of
    rows): the survey's service checks one answer, here the rows are made a moment before."""
    if SkmResponse.objects.exists():
        return Loaded()
    rng = random.Random(14)
    today = timezone.localdate()
    services_ = list(Service.objects.filter(is_published=True).select_related("agency")
                     .order_by("pk"))
    rows: list[SkmResponse] = []

    def answers(agency, service, year, n, level, channel):
        first = date(year, 1, 2)
        last = min(date(year, 12, 30), today - timedelta(days=1))
        if last < first:
            return
        span = (last - first).days
        for k in range(n):
            day = first + timedelta(days=rng.randint(0, span))
            while day.weekday() >= 5:  # offices answer on working days
                day -= timedelta(days=1)
            day = max(day, first)
            scores = [max(1, min(4, round(rng.gauss(level + bias, 0.55))))
                      for bias in (0.1, 0, -0.25, 0.35, 0.05, 0.1, 0.2, -0.3, -0.1)]
            profile = {"age_band": rng.choice(["", "<25", "25-34", "35-44", "45-54", "55+"]),
                       "sex": rng.choice(["", "L", "P", "P"]),
                       "education": rng.choice(["", "SMA", "SMA", "D", "S1", "SMP"]),
                       "occupation": rng.choice(["", "SWASTA", "WIRAUSAHA", "PNS",
                                                 "LAINNYA"])}
            key = skm_respondent_key(f"demo:{year}:{agency.pk}:{service and service.pk}:{k}")
            rows.append(SkmResponse(agency=agency, service=service, year=year,
                                    answered_on=day, channel=channel, respondent_key=key,
                                    **dict(zip(skm.CODES, scores, strict=True)), **profile))

    elapsed = max((today - date(today.year, 1, 1)).days, 0) / 365
    for i, service in enumerate(services_):
        if i % 5 == 4:
            continue  # not asked yet
        level = rng.choice([3.1, 3.2, 3.2, 3.3, 3.3, 3.45, 3.6, 2.7])
        yearly = rng.choice([12, 35, 48, 60, 90]) if i % 7 else 9
        answers(service.agency, service, today.year - 1, yearly, level, "layanan")
        answers(service.agency, service, today.year, int(yearly * elapsed), level + 0.05,
                "layanan")
    for agency in {s.agency for s in services_}:
        answers(agency, None, today.year - 1, rng.randint(3, 15), 3.0, "pengaduan")
    SkmResponse.objects.bulk_create(rows, batch_size=1000)
    return Loaded(created=len(rows))
