"""Every string the user sees, in Indonesian (default) and English."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("id", "en")
# The language chosen last time in this browser, kept in a plain cookie (not a secret).
LANGUAGE_COOKIE = "kelas_bahasa"
DEFAULT_LANGUAGE = os.environ.get("KELAS_LANGUAGE", "id")
_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def set_language(code: str) -> None:
    """Choose the language for the rest of this thread's work (one Streamlit rerun)."""
    _language.set(code if code in LANGUAGES else "id")


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Use language `code` inside the block only (for markup made outside a Streamlit rerun)."""
    token = _language.set(code if code in LANGUAGES else "id")
    try:
        yield
    finally:
        _language.reset(token)


def t(key: str, **values: object) -> str:
    """The string `key` in the current language, with `{placeholders}` filled in."""
    entry = STRINGS[key]
    text = entry.get(_language.get()) or entry["id"]
    return text.format(**values) if values else text


_MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def long_date(day: dt.date) -> str:
    """A date as people write it: `1 Januari 2030` (or `1 January 2030`)."""
    return f"{day.day} {_MONTHS[_language.get()][day.month - 1]} {day.year}"


def decimal(value: float, places: int = 2) -> str:
    """A number with the current language's decimal sign: `0,50` in Indonesian, `0.50` in English."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if _language.get() == "id" else text


STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ NIP
    "nip.empty": {"id": "NIP wajib diisi.", "en": "NIP is required."},
    "nip.not_digits": {
        "id": "NIP hanya boleh berisi angka (spasi dan titik boleh dipakai sebagai pemisah).",
        "en": "A NIP may contain only digits (spaces and dots are allowed as separators).",
    },
    "nip.length": {
        "id": "NIP harus 18 angka; yang Anda tulis {n} angka.",
        "en": "A NIP has 18 digits; you typed {n}.",
    },
    "nip.birth_invalid": {
        "id": "Angka ke-1 sampai ke-8 NIP adalah tanggal lahir (TTTTBBHH); {value} bukan tanggal yang ada.",
        "en": "Digits 1–8 of a NIP are the date of birth (YYYYMMDD); {value} is not a real date.",
    },
    "nip.birth_future": {
        "id": "Tanggal lahir pada NIP ({value}) belum lewat.",
        "en": "The date of birth in the NIP ({value}) is not in the past.",
    },
    "nip.year_before_birth": {
        "id": "Tahun pengangkatan pada NIP ({year}) lebih awal dari tahun lahir ({birth}).",
        "en": "The appointment year in the NIP ({year}) is before the birth year ({birth}).",
    },
    "nip.year_future": {
        "id": "Tahun pengangkatan pada NIP ({year}) belum tiba.",
        "en": "The appointment year in the NIP ({year}) is in the future.",
    },
    "nip.month_zero": {
        "id": "Angka ke-13 dan ke-14 NIP tidak boleh 00.",
        "en": "Digits 13–14 of a NIP cannot be 00.",
    },
    "nip.month_invalid": {
        "id": "Untuk PNS, angka ke-13 dan ke-14 NIP adalah bulan pengangkatan CPNS (01–12); {value} bukan bulan. "
              "Jika Anda PPPK, pilih jenis kepegawaian PPPK.",
        "en": "For a PNS, digits 13–14 are the month of CPNS appointment (01–12); {value} is not a month. "
              "If you are PPPK, choose PPPK as your employment type.",
    },
    "nip.sex_invalid": {
        "id": "Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan {value}.",
        "en": "Digit 15 of a NIP must be 1 (male) or 2 (female), not {value}.",
    },
    "nip.sequence_zero": {
        "id": "Tiga angka terakhir NIP adalah nomor urut 001–999; 000 tidak sah.",
        "en": "The last three digits of a NIP are a sequence number 001–999; 000 is not valid.",
    },
    "nip.taken": {
        "id": "NIP ini sudah terdaftar. Silakan masuk, atau hubungi admin jika bukan Anda yang mendaftarkannya.",
        "en": "This NIP is already registered. Sign in, or contact the admin if you did not register it.",
    },
    # ------------------------------------------------------------ passwords
    "password.too_short": {
        "id": "Kata sandi minimal {n} karakter. Frasa beberapa kata mudah diingat dan sulit ditebak.",
        "en": "A password needs at least {n} characters. A phrase of several words is easy to remember and hard to guess.",
    },
    "password.too_long": {"id": "Kata sandi paling panjang {n} karakter.", "en": "A password may have at most {n} characters."},
    "password.common": {
        "id": "Kata sandi ini terlalu umum dan termasuk yang pertama dicoba penyerang. Pilih yang lain.",
        "en": "This password is too common; attackers try it first. Choose another.",
    },
    "password.repetitive": {
        "id": "Kata sandi ini hanya berisi karakter berulang atau berurutan. Pilih yang lain.",
        "en": "This password is only repeated or sequential characters. Choose another.",
    },
    "password.contains_nip": {
        "id": "Kata sandi tidak boleh memuat NIP Anda.",
        "en": "The password must not contain your NIP.",
    },
    "password.is_name": {
        "id": "Kata sandi tidak boleh sama dengan nama Anda.",
        "en": "The password must not be your name.",
    },
    "password.mismatch": {
        "id": "Kedua kata sandi tidak sama.",
        "en": "The two passwords differ.",
    },
    # ------------------------------------------------------------ access and navigation
    "access.signin_first": {"id": "Silakan masuk terlebih dahulu.", "en": "Please sign in first."},
    "access.denied": {
        "id": "Halaman ini bukan untuk peran Anda. Jika Anda memerlukannya, hubungi admin.",
        "en": "This page is not for your role. Contact the admin if you need it.",
    },
    "nav.signin": {"id": "Masuk", "en": "Sign in"},
    "nav.home": {"id": "Beranda", "en": "Home"},
    "nav.quiz": {"id": "Kuis", "en": "Quizzes"},
    "nav.lesson": {"id": "Pelajaran", "en": "Lesson"},
    "nav.progress": {"id": "Progres Saya", "en": "My progress"},
    "nav.glossary": {"id": "Istilah", "en": "Glossary"},
    "nav.signout": {"id": "Keluar", "en": "Sign out"},
    "nav.section.learn": {"id": "Belajar", "en": "Learn"},
    "nav.section.me": {"id": "Akun Saya", "en": "My account"},
    "nav.other_language": {"id": "English", "en": "Bahasa Indonesia"},
    "nav.language": {"id": "Bahasa", "en": "Language"},
    "nav.signed_in_as": {"id": "Masuk sebagai **{name}** ({role})", "en": "Signed in as **{name}** ({role})"},
    "role.learner": {"id": "peserta", "en": "learner"},
    "role.trainer": {"id": "pelatih", "en": "trainer"},
    "role.manager": {"id": "manajer", "en": "manager"},
    "role.admin": {"id": "admin", "en": "admin"},
    # --- security: bounded uploads, locks, sign-in binding, safe text, storage checks ---
    "roster.xlsx_too_big": {
        "id": "Berkas XLSX ini berisi lebih dari {mb} MB data setelah dibuka; roster sebesar itu tidak wajar. Simpan ulang hanya lembar pesertanya, atau kirim sebagai CSV.",
        "en": "This XLSX holds more than {mb} MB of data once unpacked; no roster is that large. Save only the learners' sheet again, or send it as CSV.",
    },
    "roster.xlsx_bomb": {
        "id": "Berkas XLSX ini tidak wajar: isinya mengembang ratusan kali lipat saat dibuka. Berkas tidak dibaca; simpan ulang dari Excel atau kirim sebagai CSV.",
        "en": "This XLSX is abnormal: its content inflates hundreds of times when unpacked. It was not read; save it again from Excel or send it as CSV.",
    },
    "roster.xlsx_too_many_rows": {
        "id": "Lembar pertama berkas ini terbentang sampai baris {rows}; paling banyak {limit} baris. Hapus baris kosong di bawah data (atau sel yang terisi jauh di bawah), lalu simpan ulang.",
        "en": "The first sheet of this file reaches row {rows}; at most {limit} rows are allowed. Delete the empty rows below the data (or a cell filled far below), then save again.",
    },
    "roster.too_many_columns": {
        "id": "Lembar pertama berkas ini terbentang sampai kolom ke-{n}; roster paling banyak {limit} kolom. Hapus kolom kosong di kanan data (atau sel yang terisi jauh di kanan), lalu simpan ulang.",
        "en": "The first sheet of this file reaches column {n}; a roster has at most {limit} columns. Delete the empty columns right of the data (or a cell filled far to the right), then save again.",
    },
    "roster.too_many_columns_at": {
        "id": "Baris {line} berisi {n} kolom; roster paling banyak {limit} kolom. Periksa pemisah kolom di baris itu.",
        "en": "Line {line} has {n} columns; a roster has at most {limit}. Check the column separators on that line.",
    },
    "admin.roster.claims": {"id": "Akun daftar mandiri — perlu aktivasi", "en": "Self-registered account — needs activation"},
    "admin.roster.claims_warning": {
        "id": "{n} NIP di berkas ini sudah dipakai akun yang didaftarkan sendiri. Saat impor, akun itu diserahkan kepada orang yang disebut roster: kata sandi dan sesi lamanya berhenti berlaku, sertifikat yang sudah terbit dicabut (tercatat di log audit), dan pemilik NIP mendapat kode aktivasi baru. Riwayat belajarnya tetap tersimpan.",
        "en": "{n} NIPs in this file are held by self-registered accounts. On import each account goes to the person the roster names: its old password and sessions stop working, a certificate already issued is revoked (recorded in the audit log), and the NIP's owner gets a new activation code. Its learning history is kept.",
    },
    "admin.roster.claimed": {
        "id": "{n} akun daftar mandiri diserahkan kepada pemilik NIP; kode aktivasinya ada di berkas kode.",
        "en": "{n} self-registered accounts handed to the NIP's owner; their activation codes are in the codes file.",
    },
    "roster.report_claims": {
        "id": "Akun daftar mandiri — perlu aktivasi (kata sandi lama tidak berlaku lagi, sertifikat dicabut, kode aktivasi baru):",
        "en": "Self-registered accounts — need activation (old password void, certificate revoked, new activation code):",
    },
    "roster.claim_same_name": {"id": "data sama dengan roster", "en": "same data as the roster"},
    "roster.claim_revoke_reason": {
        "id": "Akun didaftarkan sendiri sebelum roster resmi menetapkan pemilik NIP ini.",
        "en": "The account was self-registered before the official roster named the owner of this NIP.",
    },
    "signout.title": {"id": "Keluar", "en": "Sign out"},
    "signout.ask": {
        "id": "Keluar dari Kelas Literasi Digital di peramban ini? Progres Anda tetap tersimpan.",
        "en": "Sign out of Kelas Literasi Digital in this browser? Your progress stays saved.",
    },
    "signin.client_locked": {
        "id": "Terlalu banyak percobaan dari jaringan ini. Coba lagi dalam {minutes} menit, atau hubungi admin BKPSDM.",
        "en": "Too many attempts from this network. Try again in {minutes} minutes, or contact the BKPSDM admin.",
    },
    "register.too_long": {
        "id": "{field} terlalu panjang ({n} karakter; paling banyak {limit}).",
        "en": "{field} is too long ({n} characters; at most {limit}).",
    },
    "cert.revoke.reason_long": {
        "id": "Alasan paling banyak 500 karakter.",
        "en": "The reason may be at most 500 characters.",
    },
    "quiz.bank_broken": {
        "id": "Kuis ini belum bisa dikerjakan: bank soalnya rusak, sehingga soal yang sah tidak cukup. Tidak ada yang tersimpan. Beri tahu admin atau pelatih; bagian yang rusak:",
        "en": "This quiz cannot be taken yet: its question bank is broken, leaving too few valid questions. Nothing was saved. Tell the admin or trainer; the broken parts:",
    },
    "storage.write_failed": {
        "id": "Gagal menyimpan: penyimpanan server penuh atau hanya-baca. Jawaban atau perubahan Anda BELUM tersimpan, dan tidak ada yang tersimpan setengah. Isian Anda masih di layar; coba kirim lagi nanti, atau hubungi admin (kode {ref}).",
        "en": "Saving failed: the server's storage is full or read-only. Your answer or change was NOT saved, and nothing was half-saved. Your entries are still on screen; try again later, or contact the admin (code {ref}).",
    },
    "storage.readonly_banner": {
        "id": "Server saat ini tidak dapat menyimpan data (penyimpanan penuh atau hanya-baca). Materi tetap bisa dibaca, tetapi jawaban, progres, dan perubahan TIDAK tersimpan sampai admin memperbaikinya.",
        "en": "The server cannot save data at the moment (storage full or read-only). Lessons can still be read, but answers, progress and changes are NOT saved until the admin fixes it.",
    },
    "storage.busy": {
        "id": "Server sedang sibuk melayani banyak peserta sekaligus, jadi langkah ini BELUM tersimpan, dan tidak ada "
              "yang tersimpan setengah. Coba lagi sebentar lagi (kode {ref}).",
        "en": "The server is busy serving many learners at once, so this step was NOT saved, and nothing was "
              "half-saved. Try again in a moment (code {ref}).",
    },
    "storage.busy_file": {
        "id": "Server sedang sibuk melayani banyak peserta sekaligus. Coba unduh lagi sebentar lagi.",
        "en": "The server is busy serving many learners at once. Try the download again in a moment.",
    },
    "error.unexpected": {
        "id": "Terjadi kesalahan di server. Tidak ada yang tersimpan setengah. Muat ulang halaman; jika terulang, sampaikan kode {ref} kepada admin.",
        "en": "Something went wrong on the server. Nothing was half-saved. Reload the page; if it happens again, give the admin the code {ref}.",
    },
    "admin.confirm.yes": {"id": "Ya, lanjutkan", "en": "Yes, go ahead"},
    "admin.confirm.no": {"id": "Batal", "en": "Cancel"},
    "admin.confirm.deactivate": {
        "id": "Nonaktifkan **{name}**? Ia langsung keluar dan tidak bisa masuk lagi sampai diaktifkan kembali. Riwayat belajarnya tetap tersimpan.",
        "en": "Deactivate **{name}**? They are signed out at once and cannot sign in until reactivated. Their learning history is kept.",
    },
    "admin.confirm.reset": {
        "id": "Atur ulang akses **{name}**? Kata sandi, sesi, dan kode aktivasi lamanya langsung berhenti berlaku; ia perlu kode baru untuk masuk lagi.",
        "en": "Reset access for **{name}**? Their password, sessions and old activation code stop working at once; they need the new code to get in again.",
    },
    "admin.confirm.batch_codes": {
        "id": "Buat kode aktivasi baru untuk {n} orang di **{name}** yang belum aktivasi? Kode lama mereka langsung tidak berlaku.",
        "en": "Make new activation codes for the {n} people of **{name}** who have not activated? Their old codes stop working at once.",
    },
    "admin.action.self_registration_claimed": {"id": "akun daftar mandiri diserahkan ke pemilik NIP", "en": "self-registered account handed to the NIP's owner"},
    "admin.action.register_refused_taken": {"id": "pendaftaran dengan NIP yang sudah ada", "en": "registration with a NIP already in use"},
    "admin.action.certificate_revoked": {"id": "sertifikat dicabut", "en": "certificate revoked"},
    "roster.line_too_long": {
        "id": "Baris {line} panjangnya {n} karakter; paling banyak {limit}. Berkas ini bukan roster yang wajar.",
        "en": "Line {line} is {n} characters long; at most {limit}. This file is not a normal roster.",
    },
    # ------------------------------------------------------------ pillars
    "pillar.digital-skills.title": {"id": "Cakap Bermedia Digital", "en": "Digital Skills"},
    "pillar.digital-safety.title": {"id": "Aman Bermedia Digital", "en": "Digital Safety"},
    "pillar.digital-culture.title": {"id": "Budaya Bermedia Digital", "en": "Digital Culture"},
    "pillar.digital-ethics.title": {"id": "Etis Bermedia Digital", "en": "Digital Ethics"},
    "pillar.digital-skills.short": {"id": "Cakap", "en": "Skills"},
    "pillar.digital-safety.short": {"id": "Aman", "en": "Safety"},
    "pillar.digital-culture.short": {"id": "Budaya", "en": "Culture"},
    "pillar.digital-ethics.short": {"id": "Etis", "en": "Ethics"},
    "pillar.digital-skills.tagline": {
        "id": "Menggunakan perangkat, aplikasi, data, dan layanan digital pemerintah dengan terampil.",
        "en": "Using devices, applications, data and digital government services with skill.",
    },
    "pillar.digital-safety.tagline": {
        "id": "Melindungi akun, perangkat, dan data pribadi warga yang Anda kelola.",
        "en": "Protecting accounts, devices and the citizens' personal data you handle.",
    },
    "pillar.digital-culture.tagline": {
        "id": "Membawa Pancasila, Bhinneka Tunggal Ika, dan BerAKHLAK ke ruang digital.",
        "en": "Bringing Pancasila, Bhinneka Tunggal Ika and BerAKHLAK into digital spaces.",
    },
    "pillar.digital-ethics.tagline": {
        "id": "Bersikap santun, jujur, dan netral sebagai ASN di ruang digital.",
        "en": "Being courteous, honest and neutral as a civil servant online.",
    },
    "pillar.take_quiz": {"id": "Kerjakan kuis pilar ini", "en": "Take this pillar's quiz"},
    "pillar.lesson_done": {"id": "Selesai", "en": "Done"},
    "pillar.lesson_opened": {"id": "Sudah dibuka", "en": "Opened"},
    "pillar.lesson_new": {"id": "Belum dibuka", "en": "Not opened yet"},
    # ------------------------------------------------------------ sign-in and registration
    "signin.title": {"id": "Kelas Literasi Digital ASN", "en": "Digital Literacy Class for Civil Servants"},
    "signin.intro": {
        "id": "Kursus mandiri empat pilar literasi digital untuk ASN: **Cakap, Aman, Budaya, dan Etis "
              "Bermedia Digital**. Setiap pilar berisi pelajaran singkat dan kuis.\n\n"
              "**Cara masuk:** gunakan NIP dan kata sandi Anda. Belum punya akun? Pilih **Daftar**, "
              "isi NIP, nama, instansi, kabupaten/kota, dan kata sandi, lalu masuk.",
        "en": "A self-paced course on the four pillars of digital literacy for civil servants: **Digital "
              "Skills, Safety, Culture and Ethics**. Each pillar has short lessons and a quiz.\n\n"
              "**How to get in:** use your NIP and password. No account yet? Choose **Register**, "
              "fill in your NIP, name, agency, district/city and a password, then sign in.",
    },
    "signin.tab": {"id": "Masuk", "en": "Sign in"},
    "signin.mode": {"id": "Masuk atau daftar", "en": "Sign in or register"},
    "signin.button": {"id": "Masuk", "en": "Sign in"},
    "signin.show_password": {"id": "Tampilkan kata sandi", "en": "Show password"},
    "signin.ok": {"id": "Berhasil masuk. Membuka kelas…", "en": "Signed in. Opening the class…"},
    "signin.wrong": {
        "id": "NIP atau kata sandi salah. Setelah 5 kali salah, NIP dikunci 15 menit.",
        "en": "Wrong NIP or password. After 5 wrong attempts the NIP is locked for 15 minutes.",
    },
    "signin.locked": {
        "id": "Terlalu banyak percobaan yang salah untuk NIP ini. Coba lagi dalam {minutes} menit.",
        "en": "Too many wrong attempts for this NIP. Try again in {minutes} minutes.",
    },
    "signin.inactive": {
        "id": "Akun ini dinonaktifkan. Hubungi admin instansi Anda.",
        "en": "This account is deactivated. Contact your agency's admin.",
    },
    "register.tab": {"id": "Daftar", "en": "Register"},
    "register.help": {
        "id": "NIP boleh ditulis dengan spasi atau titik. Semua isian wajib.",
        "en": "You may write the NIP with spaces or dots. Every field is required.",
    },
    "register.button": {"id": "Daftar", "en": "Register"},
    "register.fix": {"id": "Periksa kembali isian Anda:", "en": "Please check your entries:"},
    "register.ok": {
        "id": "Pendaftaran diterima. Jika NIP ini belum pernah terdaftar, akunnya sudah dibuat: silakan pilih **Masuk** dan masuk dengan kata sandi tadi. Jika tidak bisa masuk, NIP ini sudah dipakai; hubungi admin BKPSDM.",
        "en": "Registration received. If this NIP was not registered before, its account has been created: choose **Sign in** and sign in with that password. If you cannot sign in, the NIP is already in use; contact the BKPSDM admin.",
    },
    "register.password_help": {
        "id": "Minimal 8 karakter. Tidak perlu huruf besar atau simbol; kalimat pendek yang hanya Anda tahu lebih kuat.",
        "en": "At least 8 characters. No capitals or symbols needed; a short sentence only you know is stronger.",
    },
    "register.name_missing": {"id": "Nama lengkap wajib diisi.", "en": "Full name is required."},
    "register.agency_missing": {"id": "Instansi wajib diisi.", "en": "Agency is required."},
    "register.region_missing": {"id": "Kabupaten/kota wajib diisi.", "en": "District/city is required."},
    "field.nip": {"id": "NIP", "en": "NIP"},
    "field.kind": {"id": "Jenis kepegawaian", "en": "Employment type"},
    "kind.pns": {"id": "PNS", "en": "PNS (civil servant)"},
    "kind.pppk": {"id": "PPPK", "en": "PPPK (contract civil servant)"},
    "field.name": {"id": "Nama lengkap", "en": "Full name"},
    "field.agency": {"id": "Instansi", "en": "Agency"},
    "field.region": {"id": "Kabupaten/kota", "en": "District/city"},
    "field.password": {"id": "Kata sandi", "en": "Password"},
    "field.password_again": {"id": "Ulangi kata sandi", "en": "Repeat password"},
    "signout.done": {"id": "Anda sudah keluar.", "en": "You have signed out."},
    # ------------------------------------------------------------ home, pillar, lesson
    "home.title": {"id": "Selamat belajar, {name}", "en": "Welcome, {name}"},
    "home.intro": {
        "id": "Pelajari keempat pilar dengan urutan bebas. Tandai setiap pelajaran selesai, lalu kerjakan "
              "kuis pilarnya.",
        "en": "Study the four pillars in any order. Mark each lesson done, then take the pillar's quiz.",
    },
    "home.lessons_done": {"id": "{done} dari {total} pelajaran selesai", "en": "{done} of {total} lessons done"},
    "home.quiz_passed": {"id": "Kuis: **lulus** (nilai terbaik {best}%)", "en": "Quiz: **passed** (best {best}%)"},
    "home.quiz_best": {"id": "Kuis: belum lulus (nilai terbaik {best}%)", "en": "Quiz: not passed yet (best {best}%)"},
    "home.quiz_none": {"id": "Kuis: belum dikerjakan", "en": "Quiz: not taken yet"},
    "home.pillar_line": {"id": "**{title}** — {lessons} · {quiz}", "en": "**{title}** — {lessons} · {quiz}"},
    "lesson.file_signin": {"id": "Masuk dulu untuk mengunduh pelajaran.", "en": "Sign in first to download the lesson."},
    "lesson.minutes": {"id": "{n} menit membaca", "en": "{n} min read"},
    "lesson.objectives": {"id": "Setelah pelajaran ini Anda dapat:", "en": "After this lesson you can:"},
    "lesson.sources": {"id": "Sumber", "en": "Sources"},
    "lesson.mark_done": {"id": "Tandai selesai", "en": "Mark as done"},
    "lesson.done": {"id": "Pelajaran ini sudah Anda tandai selesai.", "en": "You have marked this lesson done."},
    "lesson.previous": {"id": "Sebelumnya: {title}", "en": "Previous: {title}"},
    "lesson.next": {"id": "Berikutnya: {title}", "en": "Next: {title}"},
    "lesson.not_found": {"id": "Pelajaran tidak ditemukan.", "en": "Lesson not found."},
    # ------------------------------------------------------------ quiz
    "quiz.list_title": {"id": "Kuis", "en": "Quizzes"},
    "quiz.title": {"id": "Kuis {quiz}", "en": "{quiz} quiz"},
    "quiz.intro": {
        "id": "Kuis ini berisi **{n} soal** yang diambil acak dari bank soal pilar. Batas lulus **{mark}%**. "
              "Jawaban dinilai setelah Anda mengirim, lalu Anda melihat pembahasan setiap soal. "
              "Anda boleh mengulang dengan soal baru.",
        "en": "This quiz has **{n} questions** drawn at random from the pillar's bank. The pass mark is "
              "**{mark}%**. Answers are scored when you submit; then you see an explanation for each question. "
              "You may retake it with new questions.",
    },
    "quiz.start": {"id": "Mulai kuis", "en": "Start quiz"},
    "quiz.pick_all": {"id": "Pilih semua jawaban yang benar.", "en": "Choose every correct answer."},
    "quiz.submit": {"id": "Kirim jawaban", "en": "Submit answers"},
    "quiz.question": {"id": "Soal {n}.", "en": "Question {n}."},
    "quiz.unanswered": {
        "id": "Soal nomor {numbers} belum dijawab. Jawaban belum dikirim.",
        "en": "Question(s) {numbers} are unanswered. Nothing was submitted.",
    },
    "quiz.review_title": {"id": "Hasil kuis {quiz}", "en": "{quiz} quiz result"},
    "quiz.result": {
        "id": "Nilai Anda **{score}%** ({right} dari {total} benar) — **{verdict}**. Batas lulus {mark}%.",
        "en": "Your score is **{score}%** ({right} of {total} right) — **{verdict}**. Pass mark {mark}%.",
    },
    "quiz.passed": {"id": "Lulus", "en": "Passed"},
    "quiz.failed": {"id": "Belum lulus", "en": "Not passed"},
    "quiz.your_answer": {"id": "jawaban Anda", "en": "your answer"},
    "quiz.item_right": {"id": "Jawaban Anda benar.", "en": "Your answer is right."},
    "quiz.item_wrong": {"id": "Jawaban Anda belum tepat.", "en": "Your answer is not right."},
    "quiz.explanation": {"id": "Pembahasan:", "en": "Explanation:"},
    "quiz.retake": {"id": "Ulangi kuis dengan soal baru", "en": "Retake with new questions"},
    "quiz.review_missing": {"id": "Hasil kuis ini tidak ditemukan.", "en": "This quiz result was not found."},
    # ------------------------------------------------------------ progress
    "progress.title": {"id": "Progres Saya", "en": "My progress"},
    "progress.lessons_heading": {"id": "Pelajaran", "en": "Lessons"},
    "progress.quiz_heading": {"id": "Kuis", "en": "Quiz"},
    "progress.scores_heading": {"id": "Nilai terbaik / terakhir", "en": "Best / latest score"},
    "progress.passed": {"id": "lulus", "en": "passed"},
    "progress.not_passed": {"id": "belum lulus", "en": "not passed yet"},
    "progress.chart_title": {"id": "Nilai kuis per pilar", "en": "Quiz score per pillar"},
    "progress.best": {"id": "Nilai terbaik", "en": "Best score"},
    "progress.latest": {"id": "Nilai terakhir", "en": "Latest score"},
    "progress.pass_mark": {"id": "Batas lulus", "en": "Pass mark"},
    "progress.history": {"id": "Riwayat kuis", "en": "Quiz history"},
    "progress.no_attempts": {"id": "Belum ada kuis yang dikirim.", "en": "No quiz submitted yet."},
    "progress.attempt_line": {
        "id": "{when} · {quiz} · {score}% · {verdict} — lihat pembahasan",
        "en": "{when} · {quiz} · {score}% · {verdict} — see review",
    },
    # ------------------------------------------------------------ glossary
    "glossary.title": {"id": "Istilah", "en": "Glossary"},
    "glossary.search": {"id": "Cari istilah", "en": "Search terms"},
    "glossary.none": {"id": "Tidak ada istilah yang cocok.", "en": "No matching term."},
    # ------------------------------------------------------------ command line
    "cli.db_ready": {"id": "Basis data siap: {path}", "en": "Database ready: {path}"},
    "move.no_source": {"id": "Basis data sumber tidak ada: {path}", "en": "The source database does not exist: {path}"},
    "move.not_postgres": {"id": "Tujuan harus alamat postgresql://…", "en": "The target must be a postgresql://… address"},
    "move.not_migrated": {"id": "Basis data sumber belum diperbarui: jalankan `python -m modules init-db` dulu.",
                          "en": "The source database is not up to date: run `python -m modules init-db` first."},
    "move.not_empty": {"id": "basis data tujuan tidak kosong (ada baris di {tables}); tidak ada yang disalin",
                       "en": "the target database is not empty (rows in {tables}); nothing was copied"},
    "move.missing_columns": {"id": "{table}: tujuan tidak punya kolom {columns}", "en": "{table}: the target has no column {columns}"},
    "move.table": {"id": "  {table}: {rows} baris, checksum {verdict}", "en": "  {table}: {rows} rows, checksum {verdict}"},
    "move.same": {"id": "sama", "en": "equal"},
    "move.differs": {"id": "BERBEDA (sumber {source} baris, tujuan {target} baris)",
                     "en": "DIFFERENT (source {source} rows, target {target} rows)"},
    "move.failed": {"id": "Penyalinan dibatalkan; basis data tujuan tidak diubah: {error}",
                    "en": "Copy cancelled; the target database was not changed: {error}"},
    "move.mismatch": {"id": "Salinan tidak sama dengan sumbernya. Jangan pakai basis data tujuan: hapus, buat lagi kosong, lalu ulangi.",
                      "en": "The copy does not match its source. Do not use the target database: drop it, create it empty again and retry."},
    "move.done": {"id": "Selesai: {tables} tabel, {rows} baris disalin ke {target}; setiap tabel diperiksa (jumlah baris dan checksum).",
                  "en": "Done: {tables} tables, {rows} rows copied to {target}; every table checked (row count and checksum)."},
    "backup.postgres": {"id": "Basis data ini PostgreSQL: cadangkan dengan pg_dump (lihat README, bagian PostgreSQL).",
                        "en": "This database is PostgreSQL: back it up with pg_dump (see the README, PostgreSQL section)."},
    "cli.password_prompt": {"id": "Kata sandi baru: ", "en": "New password: "},
    "cli.password_again": {"id": "Ulangi kata sandi: ", "en": "Repeat password: "},
    "cli.user_created": {"id": "Akun {role} dibuat: {name} ({nip}).", "en": "{role} account created: {name} ({nip})."},
    "cli.content_summary": {
        "id": "{lessons} pelajaran, {questions} soal, {problems} masalah.",
        "en": "{lessons} lessons, {questions} questions, {problems} problems.",
    },
    # ------------------------------------------------------------ pre-test and post-test
    "test.pretest.title": {"id": "Pre-test", "en": "Pre-test"},
    "test.posttest.title": {"id": "Post-test", "en": "Post-test"},
    "test.pretest.intro": {
        "id": "Pre-test berisi **{n} soal** dari keempat pilar untuk mengukur titik awal Anda. Nilainya tidak "
              "menentukan kelulusan dan tidak menghalangi Anda belajar. Kerjakan sekali saja, tanpa membuka materi.",
        "en": "The pre-test has **{n} questions** from all four pillars to measure your starting point. It does "
              "not affect passing or block your study. Take it once, without opening the lessons.",
    },
    "test.posttest.intro": {
        "id": "Post-test berisi **{n} soal** dari keempat pilar, semuanya berbeda dari soal pre-test Anda. "
              "Hasilnya dibandingkan dengan pre-test untuk menghitung peningkatan belajar Anda. Dikerjakan sekali.",
        "en": "The post-test has **{n} questions** from all four pillars, none of them from your pre-test. "
              "It is compared with the pre-test to measure your learning gain. Taken once.",
    },
    "test.status.pretest.open": {"id": "belum dikerjakan", "en": "not taken yet"},
    "test.status.pretest.done": {"id": "sudah dikerjakan", "en": "taken"},
    "test.status.pretest.closed": {
        "id": "tidak tersedia lagi karena Anda sudah mulai belajar",
        "en": "no longer offered because you have started studying",
    },
    "test.status.posttest.open": {"id": "terbuka", "en": "open"},
    "test.status.posttest.done": {"id": "sudah dikerjakan", "en": "taken"},
    "test.status.posttest.closed": {
        "id": "terbuka setelah keempat kuis pilar lulus",
        "en": "opens once all four pillar quizzes are passed",
    },
    "test.result": {
        "id": "Nilai Anda **{score}%** ({right} dari {total} benar).",
        "en": "Your score is **{score}%** ({right} of {total} right).",
    },
    "test.taken": {"id": "selesai", "en": "done"},
    "home.pretest_offer": {
        "id": "**Sebelum mulai:** kerjakan pre-test singkat (20 soal) agar Anda dan pelatih tahu titik awal "
              "Anda. Boleh dilewati, tetapi hanya tersedia sebelum Anda menyelesaikan pelajaran pertama.",
        "en": "**Before you start:** take a short pre-test (20 questions) so you and your trainer know your "
              "starting point. You may skip it, but it is only offered before you finish your first lesson.",
    },
    "home.pretest_start": {"id": "Kerjakan pre-test", "en": "Take the pre-test"},
    "home.posttest_offer": {
        "id": "**Selamat, keempat kuis pilar sudah lulus.** Kerjakan post-test untuk menyelesaikan kelas.",
        "en": "**Well done, all four pillar quizzes are passed.** Take the post-test to finish the class.",
    },
    "home.posttest_start": {"id": "Kerjakan post-test", "en": "Take the post-test"},
    "progress.gain_title": {"id": "Peningkatan belajar", "en": "Learning gain"},
    "progress.gain_help": {
        "id": "Gain ternormalisasi Hake: (post − pre) / (100 − pre). Tinggi ≥ 0,7; sedang ≥ 0,3; rendah < 0,3.",
        "en": "Hake's normalised gain: (post − pre) / (100 − pre). High ≥ 0.7; medium ≥ 0.3; low < 0.3.",
    },
    "progress.gain_scope": {"id": "Pilar", "en": "Pillar"},
    "progress.overall": {"id": "Keseluruhan", "en": "Overall"},
    "progress.pre": {"id": "Pre-test", "en": "Pre-test"},
    "progress.post": {"id": "Post-test", "en": "Post-test"},
    "progress.gain": {"id": "Gain", "en": "Gain"},
    "progress.band": {"id": "Kategori", "en": "Band"},
    "gain.high": {"id": "tinggi", "en": "high"},
    "gain.medium": {"id": "sedang", "en": "medium"},
    "gain.low": {"id": "rendah", "en": "low"},
    # ------------------------------------------------------------ certificates and verification
    "cert.section": {"id": "Sertifikat", "en": "Certificates"},
    "cert.pdf.title": {"id": "SERTIFIKAT", "en": "CERTIFICATE"},
    "cert.pdf.given_to": {"id": "diberikan kepada", "en": "awarded to"},
    "cert.pdf.body": {
        "id": "yang telah menyelesaikan {course}, meliputi keempat pilar literasi digital dan post-test, "
              "dengan beban belajar {jp} JP (jam pelajaran).",
        "en": "who has completed {course}, covering all four pillars of digital literacy and the post-test, "
              "for {jp} JP (training hours).",
    },
    "cert.pdf.completed": {"id": "Diselesaikan pada {date}", "en": "Completed on {date}"},
    "cert.pdf.score_label": {"id": "nilai kuis terbaik", "en": "best quiz score"},
    "cert.pdf.jp_unit": {"id": "JP", "en": "JP"},
    "cert.pdf.jp_words": {"id": "jam pelajaran", "en": "training hours"},
    "cert.pdf.code_label": {"id": "Kode verifikasi", "en": "Verification code"},
    "cert.pdf.verify_note": {
        "id": "Sertifikat elektronik ini sah tanpa tanda tangan basah. Pindai kode QR, atau buka {url} "
              "dan masukkan kode di atas, untuk memeriksa keasliannya.",
        "en": "This electronic certificate is valid without a handwritten signature. Scan the QR code, or open "
              "{url} and enter the code above, to check that it is genuine.",
    },
    "cert.pdf.doc_title": {"id": "Sertifikat Kelas Literasi Digital ASN – {name}",
                           "en": "Kelas Literasi Digital ASN certificate – {name}"},
    "cert.panel.title": {"id": "Sertifikat", "en": "Certificate"},
    "cert.panel.ready": {
        "id": "**Selamat!** Anda telah menyelesaikan kelas pada {date}. Kode verifikasi sertifikat Anda: `{code}`.",
        "en": "**Congratulations!** You completed the class on {date}. Your certificate's verification code: `{code}`.",
    },
    "cert.panel.download": {"id": "Unduh sertifikat (PDF)", "en": "Download certificate (PDF)"},
    "cert.panel.verify_link": {"id": "Lihat halaman verifikasinya", "en": "See its verification page"},
    "cert.panel.revoked": {
        "id": "Sertifikat Anda (kode `{code}`) telah dicabut oleh admin dan tidak berlaku lagi. "
              "Hubungi admin kelas untuk keterangan.",
        "en": "Your certificate (code `{code}`) has been revoked by an admin and is no longer valid. "
              "Contact the class admin for details.",
    },
    "cert.panel.not_yet": {
        "id": "Sertifikat terbit otomatis setelah keempat kuis pilar lulus dan post-test dikerjakan. "
              "Yang masih perlu: {todo}.",
        "en": "The certificate is issued automatically once all four pillar quizzes are passed and the post-test "
              "is taken. Still to do: {todo}.",
    },
    "cert.panel.todo_pillars": {"id": "lulus kuis {pillars}", "en": "pass the {pillars} quiz"},
    "cert.panel.todo_posttest": {"id": "mengerjakan post-test", "en": "take the post-test"},
    "cert.panel.and": {"id": " dan ", "en": " and "},
    "cert.status.valid": {"id": "berlaku", "en": "valid"},
    "cert.status.revoked": {"id": "dicabut", "en": "revoked"},
    "cert.admin.nav": {"id": "Kelola sertifikat", "en": "Manage certificates"},
    "cert.admin.title": {"id": "Kelola sertifikat", "en": "Manage certificates"},
    "cert.admin.search": {"id": "Cari kode, NIP, atau nama", "en": "Search by code, NIP or name"},
    "cert.admin.none": {"id": "Tidak ada sertifikat yang cocok.", "en": "No certificate matches."},
    "cert.admin.shown": {"id": "Menampilkan {n} sertifikat terbaru yang cocok.",
                         "en": "Showing the {n} most recent matching certificates."},
    "cert.col.code": {"id": "Kode", "en": "Code"},
    "cert.col.name": {"id": "Nama", "en": "Name"},
    "cert.col.nip": {"id": "NIP", "en": "NIP"},
    "cert.col.batch": {"id": "Angkatan", "en": "Batch"},
    "cert.col.issued": {"id": "Terbit", "en": "Issued"},
    "cert.col.status": {"id": "Status", "en": "Status"},
    "cert.col.reason": {"id": "Alasan pencabutan", "en": "Reason for revocation"},
    "cert.revoke.heading": {"id": "Cabut sertifikat", "en": "Revoke a certificate"},
    "cert.revoke.help": {
        "id": "Mencabut tidak menghapus apa pun: halaman verifikasi akan menjawab \"dicabut\", dan tindakan Anda "
              "dicatat di log audit beserta alasannya. Pencabutan tidak dapat dibatalkan dari layar ini.",
        "en": "Revoking deletes nothing: the verification page will answer \"revoked\", and your action is "
              "recorded in the audit log with its reason. A revocation cannot be undone from this screen.",
    },
    "cert.revoke.code": {"id": "Kode sertifikat", "en": "Certificate code"},
    "cert.revoke.pick_hint": {"id": "Pilih baris di tabel untuk mengisi kodenya.",
                              "en": "Pick a row in the table to fill in its code."},
    "cert.revoke.reason": {"id": "Alasan pencabutan", "en": "Reason for revocation"},
    "cert.revoke.confirm": {"id": "Saya yakin ingin mencabut sertifikat ini",
                            "en": "I am sure I want to revoke this certificate"},
    "cert.revoke.button": {"id": "Cabut sertifikat", "en": "Revoke certificate"},
    "cert.revoke.done": {"id": "Sertifikat `{code}` atas nama {name} telah dicabut.",
                         "en": "Certificate `{code}` of {name} has been revoked."},
    "cert.revoke.reason_short": {
        "id": "Tulis alasan pencabutan minimal 10 karakter, mis. \"nilai kuis terbukti dikerjakan orang lain\".",
        "en": "Write a reason of at least 10 characters, e.g. \"the quizzes were proven to be taken by someone else\".",
    },
    "cert.revoke.unknown": {"id": "Tidak ada sertifikat dengan kode itu; tidak ada yang diubah.",
                            "en": "There is no certificate with that code; nothing was changed."},
    "cert.revoke.already": {"id": "Sertifikat itu sudah dicabut sebelumnya; tidak ada yang diubah.",
                            "en": "That certificate had already been revoked; nothing was changed."},
    "cert.revoke.unconfirmed": {"id": "Centang konfirmasi dulu; sertifikat belum dicabut.",
                                "en": "Tick the confirmation first; the certificate has not been revoked."},
    "cert.trainer.nav": {"id": "Sertifikat angkatan", "en": "Batch certificates"},
    "cert.trainer.title": {"id": "Sertifikat angkatan", "en": "Batch certificates"},
    "cert.trainer.intro": {
        "id": "Unduh semua sertifikat yang berlaku dari angkatan Anda sebagai satu berkas ZIP, satu PDF per "
              "peserta. Sertifikat yang dicabut tidak disertakan.",
        "en": "Download every valid certificate of your batches as one ZIP file, one PDF per learner. "
              "Revoked certificates are left out.",
    },
    "cert.trainer.no_batches": {"id": "Anda belum ditugaskan ke angkatan mana pun. Hubungi admin.",
                                "en": "You are not assigned to any batch yet. Contact an admin."},
    "cert.trainer.batch": {"id": "Angkatan", "en": "Batch"},
    "cert.trainer.all": {"id": "Semua angkatan saya ({n} sertifikat)", "en": "All my batches ({n} certificates)"},
    "cert.trainer.batch_option": {"id": "{name} ({n} sertifikat)", "en": "{name} ({n} certificates)"},
    "cert.trainer.download": {"id": "Unduh ZIP", "en": "Download ZIP"},
    "cert.trainer.empty": {"id": "Belum ada sertifikat yang berlaku di sini.",
                           "en": "There is no valid certificate here yet."},
    "cert.trainer.preparing": {
        "id": "Berkas ZIP disiapkan saat tombol ditekan (sekitar {seconds} detik untuk {n} sertifikat).",
        "en": "The ZIP file is prepared when you press the button (about {seconds} seconds for {n} certificates).",
    },
    "verify.nav": {"id": "Verifikasi sertifikat", "en": "Verify a certificate"},
    "verify.title": {"id": "Verifikasi sertifikat", "en": "Verify a certificate"},
    "verify.intro": {
        "id": "Periksa keaslian sertifikat Kelas Literasi Digital ASN. Masukkan kode verifikasi yang tercetak "
              "di sertifikat, atau pindai kode QR-nya. Halaman ini terbuka untuk siapa saja, tanpa masuk.",
        "en": "Check that a Kelas Literasi Digital ASN certificate is genuine. Enter the verification code printed "
              "on it, or scan its QR code. Anyone may use this page without signing in.",
    },
    "verify.code": {"id": "Kode verifikasi", "en": "Verification code"},
    "verify.button": {"id": "Periksa", "en": "Check"},
    "verify.empty": {"id": "Masukkan kode verifikasi lebih dulu.", "en": "Enter a verification code first."},
    "verify.malformed": {
        "id": "Itu bukan kode sertifikat. Kode terdiri dari 24 huruf dan angka dalam enam kelompok, "
              "mis. 7KQ2-M4XP-0JHT-9WBD-C3RS-5NEG.",
        "en": "That is not a certificate code. A code has 24 letters and digits in six groups, "
              "e.g. 7KQ2-M4XP-0JHT-9WBD-C3RS-5NEG.",
    },
    "verify.typo": {
        "id": "Kode ini tampaknya salah ketik: tanda cek di akhir kode tidak cocok. Periksa kembali setiap huruf "
              "dan angka.",
        "en": "This code seems mistyped: the check symbol at its end does not match. Check every letter and digit.",
    },
    "verify.valid": {"id": "**Sertifikat SAH.** Sertifikat ini diterbitkan oleh Kelas Literasi Digital ASN dan berlaku.",
                     "en": "**Certificate VALID.** This certificate was issued by Kelas Literasi Digital ASN and is valid."},
    "verify.revoked": {"id": "**Sertifikat DICABUT.** Sertifikat ini pernah diterbitkan, tetapi telah dicabut dan tidak berlaku lagi.",
                       "en": "**Certificate REVOKED.** This certificate was issued but has been revoked and is no longer valid."},
    "verify.unknown": {"id": "**Kode tidak dikenal.** Tidak ada sertifikat dengan kode ini. Periksa kembali kodenya.",
                       "en": "**Unknown code.** There is no certificate with this code. Check the code again."},
    "verify.throttled": {
        "id": "Terlalu banyak kode tidak dikenal dari perangkat atau jaringan Anda. Mohon tunggu {minutes} menit, "
              "lalu coba lagi.",
        "en": "Too many unknown codes from your device or network. Please wait {minutes} minutes, then try again.",
    },
    "verify.name": {"id": "Nama", "en": "Name"},
    "verify.course": {"id": "Kelas", "en": "Course"},
    "verify.date": {"id": "Tanggal selesai", "en": "Completed on"},
    "verify.nip": {"id": "NIP", "en": "NIP"},
    "verify.signin": {"id": "Masuk ke kelas", "en": "Sign in to the class"},
    "xapi.bad_since": {
        "id": "Tanggal --since tidak dikenali: \"{value}\". Tulis seperti 2026-11-23 atau 2026-11-23T08:00 (WIB).",
        "en": "The --since date is not recognised: \"{value}\". Write it like 2026-11-23 or 2026-11-23T08:00 (WIB).",
    },
    "xapi.written": {"id": "{n} pernyataan xAPI ditulis ke {path}.", "en": "{n} xAPI statements written to {path}."},
    "xapi.file_exists": {"id": "Berkas {path} sudah ada; pilih nama lain agar ekspor sebelumnya tidak tertimpa.",
                         "en": "{path} already exists; choose another name so that an earlier export is not overwritten."},
    # ------------------------------------------------------------ administration: roster import, people, audit, backup
    "admin.nav.section": {"id": "Administrasi", "en": "Administration"},
    "admin.nav.roster": {"id": "Impor peserta", "en": "Import people"},
    "admin.nav.people": {"id": "Orang & batch", "en": "People & batches"},
    "admin.nav.audit": {"id": "Log audit", "en": "Audit log"},
    "admin.all": {"id": "Semua", "en": "All"},
    "admin.choose": {"id": "Pilih…", "en": "Choose…"},
    "admin.col.line": {"id": "Baris", "en": "Line"},
    "admin.col.nip": {"id": "NIP", "en": "NIP"},
    "admin.col.name": {"id": "Nama", "en": "Name"},
    "admin.col.reason": {"id": "Alasan", "en": "Reason"},
    "admin.col.changes": {"id": "Perubahan", "en": "Changes"},
    "admin.col.agency": {"id": "Instansi", "en": "Agency"},
    "admin.col.unit": {"id": "Unit kerja", "en": "Work unit"},
    "admin.col.region": {"id": "Kabupaten/kota", "en": "District/city"},
    "admin.col.batch": {"id": "Batch", "en": "Batch"},
    "admin.col.role": {"id": "Peran", "en": "Role"},
    "admin.col.starts": {"id": "Mulai", "en": "Starts"},
    "admin.col.ends": {"id": "Selesai", "en": "Ends"},
    "admin.col.learners": {"id": "Peserta", "en": "Learners"},
    "admin.col.trainers": {"id": "Pelatih", "en": "Trainers"},
    "admin.col.status": {"id": "Status", "en": "Status"},
    "admin.col.access": {"id": "Akses", "en": "Access"},
    "admin.status.active": {"id": "aktif", "en": "active"},
    "admin.status.inactive": {"id": "nonaktif", "en": "deactivated"},
    "admin.access.activated": {"id": "sudah aktivasi", "en": "activated"},
    "admin.access.code_live": {"id": "kode berlaku s.d. {until}", "en": "code valid until {until}"},
    "admin.access.code_expired": {"id": "kode kedaluwarsa ({until})", "en": "code expired ({until})"},
    "admin.access.no_code": {"id": "belum ada kode", "en": "no code yet"},
    "admin.roster.title": {"id": "Impor peserta", "en": "Import people"},
    "admin.roster.intro": {
        "id": "Unggah daftar peserta (CSV atau XLSX) dengan kolom **nip, nama, email, instansi, unit_kerja, "
              "kabupaten_kota, batch, peran**. Hanya **nip** dan **nama** yang wajib; **peran** berisi "
              "peserta, pelatih, atau manajer (kosong = peserta). Pemisah `;` atau `,` sama-sama bisa. "
              "Untuk pelatih, kolom batch berarti batch yang ia latih.\n\n"
              "Anda melihat pratinjau lebih dulu; tidak ada yang disimpan sebelum Anda menekan **Impor**. "
              "Kolom yang kosong tidak menghapus data yang sudah ada, dan mengimpor berkas yang sama dua kali "
              "tidak mengubah apa pun.",
        "en": "Upload a list of people (CSV or XLSX) with the columns **nip, nama, email, instansi, unit_kerja, "
              "kabupaten_kota, batch, peran**. Only **nip** and **nama** are required; **peran** is peserta, "
              "pelatih or manajer (empty = peserta). Either `;` or `,` works as the delimiter. For a trainer "
              "(pelatih), the batch column is the batch they train.\n\n"
              "You see a preview first; nothing is saved until you press **Import**. Empty cells never erase "
              "stored data, and importing the same file twice changes nothing.",
    },
    "admin.roster.template": {"id": "Unduh templat CSV", "en": "Download a CSV template"},
    "admin.roster.upload": {"id": "Berkas daftar peserta (CSV atau XLSX)", "en": "Roster file (CSV or XLSX)"},
    "admin.roster.reading": {"id": "Membaca dan memeriksa berkas…", "en": "Reading and checking the file…"},
    "admin.roster.preview": {"id": "Pratinjau", "en": "Preview"},
    "admin.roster.creates": {"id": "Baru", "en": "New"},
    "admin.roster.updates": {"id": "Diubah", "en": "Updated"},
    "admin.roster.unchanged": {"id": "Tetap", "en": "Unchanged"},
    "admin.roster.refusals": {"id": "Ditolak", "en": "Refused"},
    "admin.roster.new_batches": {"id": "Batch baru", "en": "New batches"},
    "admin.roster.new_batches_named": {"id": "Batch baru yang akan dibuat: {names}", "en": "New batches to be created: {names}"},
    "admin.roster.refusal_line": {"id": "- **Baris {line}** · NIP {nip} · {name}: {reasons}", "en": "- **Line {line}** · NIP {nip} · {name}: {reasons}"},
    "admin.roster.refusals_download": {"id": "Unduh daftar baris yang ditolak (CSV)", "en": "Download the refused rows (CSV)"},
    "admin.roster.accept_refusals": {
        "id": "Saya mengerti: {n} baris yang ditolak tidak diimpor. Perbaiki berkasnya lalu impor lagi untuk menambahkan mereka.",
        "en": "I understand: the {n} refused rows are not imported. Fix the file and import it again to add them.",
    },
    "admin.roster.import": {"id": "Impor ({creates} baru, {updates} diubah)", "en": "Import ({creates} new, {updates} updated)"},
    "admin.roster.importing": {"id": "Mengimpor…", "en": "Importing…"},
    "admin.roster.imported": {
        "id": "Impor selesai: {created} orang baru, {updated} diperbarui, {batches} batch baru.",
        "en": "Import done: {created} new people, {updated} updated, {batches} new batches.",
    },
    "admin.codes.once": {
        "id": "Unduh **{n} kode aktivasi** sekarang dan bagikan kepada pemiliknya. Kode hanya dapat diunduh "
              "**sekali**: sistem menyimpan sidik acaknya saja, bukan kodenya. Kode berlaku {days} hari dan sekali "
              "pakai. Jika berkas hilang, buat kode baru di halaman Orang & batch.",
        "en": "Download the **{n} activation codes** now and hand them to their owners. They can be downloaded "
              "**once**: only a keyed hash is stored, not the code. Codes are valid for {days} days and work once. "
              "If the file is lost, make new codes on the People & batches page.",
    },
    "admin.codes.download": {"id": "Unduh {n} kode aktivasi (CSV)", "en": "Download {n} activation codes (CSV)"},
    "admin.codes.downloaded": {
        "id": "{n} kode aktivasi sudah diunduh dan tidak disimpan lagi di sini.",
        "en": "{n} activation codes were downloaded and are no longer kept here.",
    },
    "admin.codes.single": {"id": "Kode aktivasi baru untuk **{name}** ({nip}):", "en": "New activation code for **{name}** ({nip}):"},
    "admin.people.title": {"id": "Orang & batch", "en": "People & batches"},
    "admin.people.batches_tab": {"id": "Batch", "en": "Batches"},
    "admin.people.people_tab": {"id": "Orang", "en": "People"},
    "admin.people.search": {"id": "Cari", "en": "Search"},
    "admin.people.search_hint": {"id": "awal NIP atau sebagian nama", "en": "start of a NIP or part of a name"},
    "admin.people.none": {"id": "Tidak ada orang yang cocok.", "en": "Nobody matches."},
    "admin.people.more": {
        "id": "Hanya 200 orang pertama yang ditampilkan; persempit pencarian.",
        "en": "Only the first 200 people are shown; narrow the search.",
    },
    "admin.people.choose": {"id": "Pilih orang", "en": "Choose a person"},
    "admin.people.self": {
        "id": "Ini akun Anda sendiri: peran, status, dan akses tidak bisa Anda ubah sendiri.",
        "en": "This is your own account: you cannot change its role, status or access yourself.",
    },
    "admin.people.change_role": {"id": "Ubah peran", "en": "Change role"},
    "admin.people.role_changed": {"id": "Peran {name} sekarang {role}.", "en": "{name}'s role is now {role}."},
    "admin.people.deactivate": {"id": "Nonaktifkan", "en": "Deactivate"},
    "admin.people.deactivate_help": {
        "id": "Ia tidak bisa masuk lagi dan sesinya berakhir; semua datanya tetap tersimpan.",
        "en": "They can no longer sign in and their sessions end; all their records stay.",
    },
    "admin.people.deactivated": {"id": "{name} dinonaktifkan.", "en": "{name} was deactivated."},
    "admin.people.reactivate": {"id": "Aktifkan kembali", "en": "Reactivate"},
    "admin.people.reactivated": {"id": "{name} aktif kembali.", "en": "{name} is active again."},
    "admin.people.reset": {"id": "Atur ulang akses (kode baru)", "en": "Reset access (new code)"},
    "admin.people.reset_help": {
        "id": "Membuat kode aktivasi baru (berlaku {days} hari). Kata sandi dan sesi lama tidak berlaku lagi.",
        "en": "Makes a new activation code (valid {days} days). The old password and sessions stop working.",
    },
    "admin.people.reset_done": {"id": "Akses {name} diatur ulang.", "en": "{name}'s access was reset."},
    "admin.reset_self": {
        "id": "Anda tidak bisa mengatur ulang akses akun Anda sendiri.",
        "en": "You cannot reset your own access.",
    },
    "admin.self_role": {"id": "Anda tidak bisa mengubah peran Anda sendiri.", "en": "You cannot change your own role."},
    "admin.self_deactivate": {"id": "Anda tidak bisa menonaktifkan akun Anda sendiri.", "en": "You cannot deactivate your own account."},
    "admin.role_unknown": {"id": "Peran '{role}' tidak dikenal.", "en": "Unknown role '{role}'."},
    "admin.batch.none": {"id": "Belum ada batch. Buat di bawah ini, atau lewat impor peserta.", "en": "No batches yet. Create one below, or by importing people."},
    "admin.batch.choose": {"id": "Batch yang diubah", "en": "Batch to edit"},
    "admin.batch.new": {"id": "(batch baru)", "en": "(new batch)"},
    "admin.batch.trainers_help": {
        "id": "Hanya orang berperan pelatih yang bisa dipilih. Pelatih melihat peserta batch yang ia latih.",
        "en": "Only people with the trainer role can be chosen. Trainers see the learners of the batches they train.",
    },
    "admin.batch.save": {"id": "Simpan batch", "en": "Save batch"},
    "admin.batch.saved": {"id": "Batch {name} disimpan.", "en": "Batch {name} saved."},
    "admin.batch.name_missing": {"id": "Nama batch wajib diisi.", "en": "A batch needs a name."},
    "admin.batch.name_taken": {"id": "Sudah ada batch bernama {name}.", "en": "There is already a batch called {name}."},
    "admin.batch.ends_before_start": {"id": "Tanggal selesai tidak boleh sebelum tanggal mulai.", "en": "The end date cannot be before the start date."},
    "admin.batch.waiting": {
        "id": "**{n}** orang di {name} belum aktivasi akun.",
        "en": "**{n}** people in {name} have not activated their account yet.",
    },
    "admin.batch.new_codes": {"id": "Buat kode baru untuk {n} orang ini", "en": "Make new codes for these {n} people"},
    "admin.batch.codes_made": {"id": "{n} kode baru dibuat untuk {name}.", "en": "{n} new codes made for {name}."},
    "admin.scope.title": {"id": "**Cakupan dasbor manajer {name}**", "en": "**Dashboard scope of manager {name}**"},
    "admin.scope.kind": {"id": "Manajer ini melihat", "en": "This manager sees"},
    "admin.scope.all": {"id": "seluruh provinsi", "en": "the whole province"},
    "admin.scope.agency": {"id": "instansi", "en": "agencies"},
    "admin.scope.region": {"id": "kabupaten/kota", "en": "districts/cities"},
    "admin.scope.batch": {"id": "batch", "en": "batches"},
    "admin.scope.none": {"id": "Belum ada cakupan: manajer ini belum melihat data apa pun.", "en": "No scope yet: this manager sees no data."},
    "admin.scope.save": {"id": "Simpan cakupan", "en": "Save scope"},
    "admin.scope.saved": {"id": "Cakupan {name} disimpan.", "en": "{name}'s scope saved."},
    "admin.scope_empty": {"id": "Pilih minimal satu nilai untuk cakupan ini.", "en": "Choose at least one value for this scope."},
    "admin.scope_unknown": {"id": "Jenis cakupan tidak dikenal.", "en": "Unknown kind of scope."},
    "admin.audit.title": {"id": "Log audit", "en": "Audit log"},
    "admin.audit.intro": {
        "id": "Siapa melakukan apa, dan kapan: tindakan admin, masuk, dan percobaan yang gagal. Waktu dalam WIB.",
        "en": "Who did what, and when: admin actions, sign-ins and failed attempts. Times are WIB.",
    },
    "admin.audit.action": {"id": "Tindakan", "en": "Action"},
    "admin.audit.actor": {"id": "Pelaku", "en": "Actor"},
    "admin.audit.dates": {"id": "Tanggal", "en": "Dates"},
    "admin.audit.at": {"id": "Waktu", "en": "Time"},
    "admin.audit.target": {"id": "Sasaran", "en": "Target"},
    "admin.audit.detail": {"id": "Rincian", "en": "Detail"},
    "admin.audit.system": {"id": "sistem / baris perintah", "en": "system / command line"},
    "admin.audit.none": {"id": "Tidak ada catatan untuk saringan ini.", "en": "No entries for these filters."},
    "admin.audit.count": {"id": "{n} catatan.", "en": "{n} entries."},
    "admin.audit.shown": {
        "id": "{n} catatan terbaru ditampilkan (batas {limit}); persempit saringan untuk melihat yang lebih lama.",
        "en": "The newest {n} entries are shown (limit {limit}); narrow the filters to see older ones.",
    },
    "admin.audit.download": {"id": "Unduh CSV", "en": "Download CSV"},
    "admin.action.signin": {"id": "masuk", "en": "signed in"},
    "admin.action.signin_failed": {"id": "gagal masuk", "en": "failed sign-in"},
    "admin.action.signin_refused_locked": {"id": "masuk ditolak (terkunci)", "en": "sign-in refused (locked)"},
    "admin.action.signin_refused_inactive": {"id": "masuk ditolak (nonaktif)", "en": "sign-in refused (deactivated)"},
    "admin.action.signout": {"id": "keluar", "en": "signed out"},
    "admin.action.user_created": {"id": "akun dibuat", "en": "account created"},
    "admin.action.user_updated": {"id": "data orang diubah", "en": "person updated"},
    "admin.action.user_deactivated": {"id": "dinonaktifkan", "en": "deactivated"},
    "admin.action.user_reactivated": {"id": "diaktifkan kembali", "en": "reactivated"},
    "admin.action.role_changed": {"id": "peran diubah", "en": "role changed"},
    "admin.action.roster_imported": {"id": "impor peserta", "en": "roster imported"},
    "admin.action.batch_created": {"id": "batch dibuat", "en": "batch created"},
    "admin.action.batch_updated": {"id": "batch diubah", "en": "batch edited"},
    "admin.action.trainer_assigned": {"id": "pelatih ditugaskan", "en": "trainer assigned"},
    "admin.action.trainer_unassigned": {"id": "pelatih dilepas", "en": "trainer unassigned"},
    "admin.action.scope_set": {"id": "cakupan manajer", "en": "manager scope set"},
    "admin.action.access_reset": {"id": "kode aktivasi dibuat", "en": "activation code issued"},
    "admin.action.account_activated": {"id": "akun diaktivasi", "en": "account activated"},
    "admin.action.activation_failed": {"id": "kode aktivasi salah", "en": "wrong activation code"},
    "admin.action.codes_downloaded": {"id": "kode aktivasi diunduh", "en": "activation codes downloaded"},
    "admin.action.backup_made": {"id": "cadangan dibuat", "en": "backup made"},
    "admin.backup_no_source": {"id": "Basis data {path} tidak ada.", "en": "The database {path} does not exist."},
    "admin.backup_target_is_dir": {
        "id": "{path} adalah folder; tulis nama berkas, misalnya {path}/cadangan.db.",
        "en": "{path} is a folder; give a file name, e.g. {path}/backup.db.",
    },
    "admin.backup_same_file": {"id": "Cadangan tidak boleh menimpa basis data itu sendiri.", "en": "A backup cannot overwrite the database itself."},
    "admin.backup_exists": {
        "id": "{path} sudah ada dan tidak ditimpa. Pilih nama lain, atau tambahkan --overwrite.",
        "en": "{path} already exists and was not overwritten. Choose another name, or add --overwrite.",
    },
    "admin.backup_no_folder": {"id": "Folder {path} tidak ada.", "en": "The folder {path} does not exist."},
    "admin.backup_damaged": {"id": "Salinan gagal diperiksa dan tidak disimpan: {problems}", "en": "The copy failed its check and was not kept: {problems}"},
    "admin.backup_done": {
        "id": "Cadangan dibuat: {path} ({mb} MB, {users} akun), lolos pemeriksaan integritas.",
        "en": "Backup made: {path} ({mb} MB, {users} accounts), integrity check passed.",
    },
    "roster.file_empty": {"id": "Berkas kosong.", "en": "The file is empty."},
    "roster.no_rows": {
        "id": "Berkas hanya berisi baris judul kolom, tanpa data peserta.",
        "en": "The file holds only the header row, no people.",
    },
    "roster.file_too_big": {"id": "Berkas lebih dari {mb} MB; bagi menjadi beberapa berkas.", "en": "The file is over {mb} MB; split it into several files."},
    "roster.too_many_rows": {"id": "Berkas berisi lebih dari {n} baris; bagi menjadi beberapa berkas.", "en": "The file has more than {n} rows; split it into several files."},
    "roster.old_excel": {
        "id": "Ini berkas Excel lama (.xls) atau berkas Excel yang dikunci kata sandi. Buka di Excel lalu "
              "simpan sebagai .xlsx (tanpa kata sandi) atau \"CSV UTF-8\".",
        "en": "This is an old Excel file (.xls) or a password-protected Excel file. Open it in Excel and save it "
              "as .xlsx (without a password) or \"CSV UTF-8\".",
    },
    "roster.not_text": {
        "id": "Berkas ini bukan CSV atau XLSX yang bisa dibaca.",
        "en": "This file is not a CSV or XLSX that can be read.",
    },
    "roster.xlsx_broken": {
        "id": "Berkas XLSX ini rusak atau bukan berkas Excel. Buka di Excel dan simpan ulang sebagai .xlsx atau \"CSV UTF-8\".",
        "en": "This XLSX file is damaged or not an Excel file. Open it in Excel and save it again as .xlsx or \"CSV UTF-8\".",
    },
    "roster.encoding_windows": {
        "id": "Berkas ini tidak berformat UTF-8, jadi dibaca sebagai ekspor CSV Excel Windows (Windows-1252). "
              "Periksa ejaan nama yang memakai huruf khusus (misalnya é, ü) di pratinjau. Lain kali pilih "
              "\"CSV UTF-8\" saat menyimpan dari Excel.",
        "en": "This file is not UTF-8, so it was read as a Windows Excel CSV export (Windows-1252). Check names "
              "with special letters (such as é, ü) in the preview. Next time choose \"CSV UTF-8\" when saving "
              "from Excel.",
    },
    "roster.csv_broken": {"id": "CSV tidak bisa dibaca di baris {line}: {error}", "en": "The CSV cannot be read at line {line}: {error}"},
    "roster.first_sheet_only": {
        "id": "Berkas punya {n} lembar kerja; hanya lembar pertama (\"{name}\") yang dibaca.",
        "en": "The workbook has {n} sheets; only the first (\"{name}\") was read.",
    },
    "roster.header_missing": {
        "id": "Baris {line} berisi data, bukan judul kolom. Baris pertama harus berisi judul: {columns}.",
        "en": "Line {line} holds data, not column names. The first line must name the columns: {columns}.",
    },
    "roster.columns_missing": {
        "id": "Kolom wajib tidak ditemukan: {missing}. Judul yang ada: {found}. Kolom yang dikenal: {columns}.",
        "en": "Required columns not found: {missing}. Columns present: {found}. Known columns: {columns}.",
    },
    "roster.title_lines_skipped": {
        "id": "Baris {first}–{last} di atas judul kolom (misalnya judul dokumen) dilewati.",
        "en": "Lines {first}–{last} above the column names (such as a document title) were skipped.",
    },
    "roster.columns_doubled": {"id": "Kolom muncul lebih dari sekali: {columns}.", "en": "Columns appear more than once: {columns}."},
    "roster.columns_ignored": {"id": "Kolom tidak dikenal diabaikan: {columns}.", "en": "Unknown columns ignored: {columns}."},
    "roster.nip_missing": {"id": "NIP kosong.", "en": "The NIP is empty."},
    "roster.nip_scientific": {
        "id": "NIP tertulis sebagai {value}: Excel menyimpannya sebagai angka dan mengubahnya ke notasi ilmiah, "
              "sehingga digit terakhirnya hilang. Format kolom NIP sebagai Teks di Excel, ketik ulang NIP-nya, "
              "lalu simpan lagi.",
        "en": "The NIP reads {value}: Excel stored it as a number in scientific notation, so its last digits are "
              "lost. Format the NIP column as Text in Excel, type the NIPs again, and save.",
    },
    "roster.nip_rounded": {
        "id": "NIP berakhir 000, tanda Excel membulatkannya (Excel hanya menyimpan 15 digit angka). Format kolom "
              "NIP sebagai Teks lalu ketik ulang.",
        "en": "The NIP ends in 000, a sign that Excel rounded it (Excel keeps only 15 digits of a number). Format "
              "the NIP column as Text and type it again.",
    },
    "roster.nip_duplicate": {"id": "NIP ini juga ada di baris {lines}; setiap NIP hanya boleh muncul sekali.", "en": "This NIP also appears on line {lines}; each NIP may appear only once."},
    "roster.name_missing": {"id": "Nama kosong.", "en": "The name is empty."},
    "roster.name_invalid": {"id": "Nama \"{value}\" tidak tampak seperti nama orang (harus berisi huruf dan tidak diawali =, +, - atau @).", "en": "The name \"{value}\" does not look like a person's name (it needs letters and cannot start with =, +, - or @)."},
    "roster.email_invalid": {"id": "Email \"{value}\" tidak sah.", "en": "The e-mail \"{value}\" is not valid."},
    "roster.peran_unknown": {
        "id": "Peran \"{value}\" tidak dikenal; gunakan peserta, pelatih, atau manajer (kosong = peserta).",
        "en": "Unknown role \"{value}\"; use peserta, pelatih or manajer (empty = peserta).",
    },
    "roster.too_long": {"id": "Isi kolom {column} terlalu panjang ({n} karakter; paling banyak {limit}).", "en": "The {column} column is too long ({n} characters; at most {limit})."},
    "roster.extra_cells": {
        "id": "Baris ini punya {n} sel lebih banyak daripada judul kolom ({header} kolom). Ada pemisah (; atau ,) di dalam "
              "sebuah nilai? Beri tanda kutip pada nilai itu.",
        "en": "This row has {n} more cells than the header ({header} columns). Is there a delimiter (; or ,) inside "
              "a value? Put that value in quotes.",
    },
    "roster.unclosed_quote": {
        "id": "Baris {first} sampai {last} terbaca sebagai satu baris: ada tanda kutip (\") yang tidak ditutup, atau "
              "sebuah nilai berisi baris baru. Perbaiki tanda kutipnya.",
        "en": "Lines {first} to {last} were read as one row: a quote (\") is not closed, or a value holds a line "
              "break. Fix the quotes.",
    },
    "roster.admin_untouched": {
        "id": "NIP ini milik seorang admin; peran admin tidak diubah lewat impor. Kosongkan kolom peran atau ubah di halaman Orang & batch.",
        "en": "This NIP belongs to an admin; an admin's role is not changed by an import. Leave peran empty or change it on the People & batches page.",
    },
    "roster.nothing_to_do": {
        "id": "Tidak ada yang perlu diimpor: semua orang di berkas ini sudah tercatat sama persis.",
        "en": "Nothing to import: everyone in this file is already recorded exactly so.",
    },
    "roster.refusals_not_accepted": {
        "id": "{n} baris ditolak. Nyatakan bahwa baris-baris itu dilewati, atau perbaiki berkasnya dulu.",
        "en": "{n} rows are refused. Confirm that they are skipped, or fix the file first.",
    },
    "roster.changed_since_preview": {
        "id": "Data berubah sejak pratinjau dibuat (orang lain mengubah atau mengimpor data yang sama). Tidak ada "
              "yang disimpan. Unggah berkasnya lagi untuk melihat pratinjau terbaru.",
        "en": "The data changed after the preview was made (someone else changed or imported the same people). "
              "Nothing was saved. Upload the file again to see a fresh preview.",
    },
    "roster.import_failed": {
        "id": "Impor gagal dan dibatalkan seluruhnya; tidak ada yang berubah. Penyebab: {error}",
        "en": "The import failed and was undone entirely; nothing changed. Cause: {error}",
    },
    "roster.report_counts": {
        "id": "Pratinjau: {creates} baru, {updates} diubah, {unchanged} tetap, {refusals} ditolak, {batches} batch baru.",
        "en": "Preview: {creates} new, {updates} updated, {unchanged} unchanged, {refusals} refused, {batches} new batches.",
    },
    "roster.report_refused": {"id": "Ditolak:", "en": "Refused:"},
    "roster.report_updated": {"id": "Diubah:", "en": "Updated:"},
    "roster.report_line": {"id": "  baris {line}, NIP {nip}: {text}", "en": "  line {line}, NIP {nip}: {text}"},
    "roster.cli_no_file": {"id": "Berkas {path} tidak ditemukan.", "en": "File {path} not found."},
    "roster.cli_dry_run": {"id": "Uji coba saja (--dry-run): tidak ada yang disimpan.", "en": "Dry run (--dry-run): nothing was saved."},
    "roster.cli_refusals": {
        "id": "{n} baris ditolak; tidak ada yang diimpor. Perbaiki berkasnya, atau jalankan lagi dengan --skip-refused "
              "untuk mengimpor baris lainnya.",
        "en": "{n} rows are refused; nothing was imported. Fix the file, or run again with --skip-refused to import "
              "the other rows.",
    },
    "roster.cli_codes_file": {"id": "Tidak bisa membuat berkas kode {path}: {error}. Tidak ada yang diimpor.", "en": "Cannot create the codes file {path}: {error}. Nothing was imported."},
    "roster.cli_codes_written": {
        "id": "{n} kode aktivasi ditulis ke {path}. Bagikan kepada pemiliknya, lalu hapus berkasnya; kode tidak bisa ditampilkan lagi.",
        "en": "{n} activation codes written to {path}. Hand them out, then delete the file; the codes cannot be shown again.",
    },
    "activate.title": {"id": "Aktivasi akun", "en": "Activate your account"},
    "activate.link": {
        "id": "Didaftarkan oleh admin dan menerima kode aktivasi? **Aktifkan akun Anda di sini.**",
        "en": "Enrolled by your admin and given an activation code? **Activate your account here.**",
    },
    "activate.intro": {
        "id": "Jika admin instansi sudah mendaftarkan Anda, Anda menerima **kode aktivasi** (misalnya "
              "`ABCD-EFGH-JK`, berlaku {days} hari, sekali pakai). Masukkan NIP dan kode itu, lalu buat kata "
              "sandi Anda sendiri.",
        "en": "If your agency's admin enrolled you, you received an **activation code** (such as `ABCD-EFGH-JK`, "
              "valid for {days} days, single use). Enter your NIP and that code, then choose your own password.",
    },
    "activate.code": {"id": "Kode aktivasi", "en": "Activation code"},
    "activate.code_help": {
        "id": "Huruf besar atau kecil sama saja; tanda hubung dan spasi boleh ditulis atau tidak.",
        "en": "Upper or lower case is the same; dashes and spaces are optional.",
    },
    "activate.button": {"id": "Aktifkan akun", "en": "Activate account"},
    "activate.fix": {"id": "Akun belum diaktifkan:", "en": "The account was not activated:"},
    "activate.wrong": {
        "id": "NIP atau kode aktivasi salah. Jika akun Anda sudah aktif, silakan masuk. Setelah 5 kali salah, NIP dikunci 15 menit.",
        "en": "Wrong NIP or activation code. If your account is already active, sign in. After 5 wrong attempts the NIP is locked for 15 minutes.",
    },
    "activate.locked": {
        "id": "Terlalu banyak kode yang salah untuk NIP ini. Coba lagi dalam {minutes} menit.",
        "en": "Too many wrong codes for this NIP. Try again in {minutes} minutes.",
    },
    "activate.expired": {
        "id": "Kode aktivasi ini sudah kedaluwarsa (berlaku {days} hari). Minta kode baru kepada admin instansi Anda.",
        "en": "This activation code has expired (valid for {days} days). Ask your agency's admin for a new one.",
    },
    "activate.ok": {
        "id": "Akun {name} sudah aktif. Silakan masuk dengan NIP dan kata sandi baru Anda.",
        "en": "{name}'s account is active. Sign in with your NIP and your new password.",
    },
    "activate.to_signin": {"id": "Ke halaman masuk", "en": "Go to sign-in"},
    # ------------------------------------------------------------ dashboards (trainer, manager) and demo data
    "dash.nav.section": {"id": "Dasbor", "en": "Dashboards"},
    "dash.nav.trainer": {"id": "Dasbor Pelatih", "en": "Trainer dashboard"},
    "dash.nav.manager": {"id": "Dasbor Manajer", "en": "Manager dashboard"},
    "dash.trainer.title": {"id": "Dasbor Pelatih", "en": "Trainer dashboard"},
    "dash.trainer.scope": {"id": "Angkatan Anda: {batches}", "en": "Your batches: {batches}"},
    "dash.trainer.all_batches": {"id": "Semua angkatan", "en": "All batches"},
    "dash.trainer.no_batches": {
        "id": "Anda belum ditugaskan ke angkatan mana pun. Minta admin menugaskan Anda ke angkatan.",
        "en": "You are not assigned to any batch yet. Ask an admin to assign you to a batch.",
    },
    "dash.tab.learners": {"id": "Peserta", "en": "Learners"},
    "dash.tab.quizzes": {"id": "Kuis", "en": "Quizzes"},
    "dash.tab.items": {"id": "Analisis butir soal", "en": "Item analysis"},
    "dash.search": {"id": "Cari NIP atau nama", "en": "Search by NIP or name"},
    "dash.status_filter": {"id": "Status", "en": "Status"},
    "dash.status.all": {"id": "Semua status", "en": "All statuses"},
    "dash.status.not_started": {"id": "belum mulai", "en": "not started"},
    "dash.status.studying": {"id": "sedang belajar", "en": "studying"},
    "dash.status.all_passed": {"id": "semua kuis lulus", "en": "all quizzes passed"},
    "dash.status.posttest": {"id": "post-test selesai", "en": "post-test done"},
    "dash.status.certificate": {"id": "bersertifikat", "en": "certificate"},
    "dash.at_risk_only": {"id": "Hanya yang berisiko", "en": "At risk only"},
    "dash.risk.idle": {"id": "tidak aktif ≥ 7 hari", "en": "no activity for 7+ days"},
    "dash.risk.never_started": {
        "id": "belum mulai, angkatan sudah berjalan ≥ 7 hari",
        "en": "not started, batch began 7+ days ago",
    },
    "dash.risk.failed_twice": {"id": "gagal 2× di kuis {quiz}", "en": "failed {quiz} twice"},
    "dash.metric.learners": {"id": "Peserta", "en": "Learners"},
    "dash.metric.at_risk": {"id": "Berisiko", "en": "At risk"},
    "dash.shown": {"id": "{shown} dari {total} peserta ditampilkan.", "en": "Showing {shown} of {total} learners."},
    "dash.no_match": {"id": "Tidak ada peserta yang cocok.", "en": "No learner matches."},
    "dash.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "dash.download_xlsx": {"id": "Unduh XLSX", "en": "Download XLSX"},
    "dash.col.nip": {"id": "NIP", "en": "NIP"},
    "dash.col.name": {"id": "Nama", "en": "Name"},
    "dash.col.agency": {"id": "Instansi", "en": "Agency"},
    "dash.col.region": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "dash.col.batch": {"id": "Angkatan", "en": "Batch"},
    "dash.col.status": {"id": "Status", "en": "Status"},
    "dash.col.last_activity": {"id": "Aktivitas terakhir", "en": "Last activity"},
    "dash.col.lessons": {"id": "Pelajaran selesai", "en": "Lessons done"},
    "dash.col.best": {"id": "Terbaik {pillar}", "en": "Best {pillar}"},
    "dash.col.at_risk": {"id": "Berisiko", "en": "At risk"},
    "dash.col.risk": {"id": "Alasan", "en": "Reason"},
    "dash.yes": {"id": "ya", "en": "yes"},
    "dash.col.quiz": {"id": "Kuis", "en": "Quiz"},
    "dash.col.took": {"id": "Peserta", "en": "Learners"},
    "dash.col.first_pass": {"id": "Lulus percobaan pertama", "en": "Passed first time"},
    "dash.col.ever_pass": {"id": "Pernah lulus", "en": "Passed ever"},
    "dash.col.first_mean": {"id": "Rerata nilai percobaan pertama", "en": "Mean first-attempt score"},
    "dash.quiz.pass_title": {"id": "Tingkat lulus per kuis", "en": "Pass rate per quiz"},
    "dash.quiz.first": {"id": "Percobaan pertama", "en": "First attempt"},
    "dash.quiz.ever": {"id": "Pernah lulus", "en": "Ever"},
    "dash.quiz.pass_axis": {"id": "Peserta lulus (%)", "en": "Learners passed (%)"},
    "dash.quiz.until_title": {"id": "Percobaan sampai lulus", "en": "Attempts until pass"},
    "dash.quiz.until_n": {"id": "lulus pada percobaan ke-{n}", "en": "passed on attempt {n}"},
    "dash.quiz.until_more": {"id": "lulus setelah ≥ 4 percobaan", "en": "passed after 4+ attempts"},
    "dash.quiz.until_not_yet": {"id": "belum lulus", "en": "not passed yet"},
    "dash.quiz.learners_axis": {"id": "Peserta", "en": "Learners"},
    "dash.quiz.hist_title": {"id": "Sebaran nilai (semua percobaan)", "en": "Score distribution (all attempts)"},
    "dash.quiz.hist_quiz": {"id": "Kuis untuk sebaran nilai", "en": "Quiz for the distribution"},
    "dash.quiz.hist_x": {"id": "Nilai (%)", "en": "Score (%)"},
    "dash.quiz.hist_y": {"id": "Percobaan", "en": "Attempts"},
    "dash.quiz.pass_mark": {"id": "Batas lulus", "en": "Pass mark"},
    "dash.items.quiz": {"id": "Kuis yang dianalisis", "en": "Quiz to analyse"},
    "dash.items.help": {
        "id": "Dihitung dari percobaan pertama setiap peserta. Kemudahan = proporsi jawaban benar; daya beda = "
              "korelasi butir dengan skor sisa percobaan. Soal ditandai bila terlalu mudah (> 0,95), terlalu sulit "
              "(< 0,30), daya bedanya lemah (< 0,20) atau negatif, atau ada pengecoh yang dipilih kurang dari 1%.",
        "en": "Computed over each learner's first attempt. Easiness = share of right answers; discrimination = "
              "correlation of the item with the rest of the attempt's score. Items are flagged when too easy "
              "(> 0.95), too hard (< 0.30), weakly (< 0.20) or negatively discriminating, or when a distractor "
              "is chosen by fewer than 1%.",
    },
    "dash.items.alpha": {"id": "Alpha Cronbach (KR-20)", "en": "Cronbach's alpha (KR-20)"},
    "dash.items.attempts": {"id": "Percobaan pertama dianalisis", "en": "First attempts analysed"},
    "dash.items.flagged_count": {"id": "Soal perlu ditinjau", "en": "Items to review"},
    "dash.items.none": {"id": "Belum ada percobaan untuk kuis ini.", "en": "No attempts at this quiz yet."},
    "dash.items.x": {"id": "Kemudahan (proporsi benar)", "en": "Easiness (share right)"},
    "dash.items.y": {"id": "Daya beda (korelasi butir–sisa)", "en": "Discrimination (item–rest correlation)"},
    "dash.items.flagged": {"id": "Perlu ditinjau", "en": "To review"},
    "dash.items.fine": {"id": "Wajar", "en": "Fine"},
    "dash.items.pick": {"id": "Lihat soal", "en": "Show item"},
    "dash.items.pick_help": {
        "id": "Klik baris di tabel atau pilih di sini. Soal yang perlu ditinjau ada di urutan atas.",
        "en": "Click a row in the table or choose here. Items to review come first.",
    },
    "dash.items.key": {"id": "kunci", "en": "key"},
    "dash.items.share": {"id": "{share} memilih", "en": "{share} chose it"},
    "dash.items.notes": {"id": "Catatan", "en": "Notes"},
    "dash.col.question": {"id": "Soal", "en": "Item"},
    "dash.col.lesson": {"id": "Pelajaran", "en": "Lesson"},
    "dash.col.answers": {"id": "Jawaban", "en": "Answers"},
    "dash.col.difficulty": {"id": "Kemudahan", "en": "Easiness"},
    "dash.col.discrimination": {"id": "Daya beda", "en": "Discrimination"},
    "dash.col.options": {"id": "Pilihan dipilih (A, B, …)", "en": "Options chosen (A, B, …)"},
    "dash.col.flags": {"id": "Catatan", "en": "Notes"},
    "dash.flag.too_easy": {"id": "terlalu mudah ({value})", "en": "too easy ({value})"},
    "dash.flag.too_hard": {"id": "terlalu sulit ({value})", "en": "too hard ({value})"},
    "dash.flag.weak_discrimination": {"id": "daya beda lemah ({value})", "en": "weak discrimination ({value})"},
    "dash.flag.negative_discrimination": {"id": "daya beda negatif ({value})", "en": "negative discrimination ({value})"},
    "dash.flag.unused_distractor": {"id": "pengecoh {value} hampir tak dipilih", "en": "distractor {value} hardly chosen"},
    "dash.manager.title": {"id": "Dasbor Manajer", "en": "Manager dashboard"},
    "dash.manager.scope": {"id": "Cakupan Anda: {scope}", "en": "Your scope: {scope}"},
    "dash.manager.no_scope": {
        "id": "Anda belum punya cakupan data. Minta admin menetapkan cakupan Anda (instansi, wilayah, atau angkatan).",
        "en": "You have no data scope yet. Ask an admin to set yours (agency, region or batch).",
    },
    "dash.scope.all": {"id": "seluruh provinsi", "en": "the whole province"},
    "dash.scope.agency": {"id": "instansi {value}", "en": "agency {value}"},
    "dash.scope.region": {"id": "wilayah {value}", "en": "region {value}"},
    "dash.scope.batch": {"id": "angkatan {value}", "en": "batch {value}"},
    "dash.privacy": {
        "id": "Dasbor ini hanya berisi angka gabungan. Kelompok dengan kurang dari 5 orang ditampilkan sebagai “< 5”.",
        "en": "This dashboard shows aggregates only. Groups of fewer than 5 people are shown as “< 5”.",
    },
    "dash.filter.title": {"id": "Saring data", "en": "Filter"},
    "dash.filter.batch": {"id": "Angkatan", "en": "Batch"},
    "dash.filter.region": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "dash.filter.agency": {"id": "Instansi", "en": "Agency"},
    "dash.filter.dates": {"id": "Rentang tanggal", "en": "Date range"},
    "dash.filter.any": {"id": "Semua", "en": "All"},
    "dash.filter.dates_help": {
        "id": "Rentang tanggal berlaku untuk hasil kuis, peningkatan belajar, dan aktivitas. Angka utama dan corong "
              "menunjukkan keadaan hari ini.",
        "en": "The date range applies to quiz results, learning gain and activity. Headline figures and the funnel "
              "show today's state.",
    },
    "dash.head.enrolled": {"id": "Terdaftar", "en": "Enrolled"},
    "dash.head.active": {"id": "Aktif 7 hari terakhir", "en": "Active in the last 7 days"},
    "dash.head.completed": {"id": "Menuntaskan semua pilar", "en": "Completed all pillars"},
    "dash.head.certified": {"id": "Bersertifikat", "en": "Certified"},
    "dash.head.pass_rate": {"id": "Tingkat lulus kuis", "en": "Quiz pass rate"},
    "dash.head.jp": {"id": "JP terselenggara", "en": "Study hours (JP) delivered"},
    "dash.head.jp_help": {
        "id": "{jp} JP untuk setiap peserta yang menuntaskan kelas (semua kuis lulus dan post-test selesai).",
        "en": "{jp} JP for every learner who finished the course (all quizzes passed and the post-test taken).",
    },
    "dash.head.pass_help": {
        "id": "Bagian pasangan peserta–kuis pilar yang berakhir lulus, dari semua yang dicoba.",
        "en": "Share of learner–pillar-quiz pairs that ended in a pass, among those attempted.",
    },
    "dash.funnel.title": {"id": "Corong penyelesaian", "en": "Completion funnel"},
    "dash.funnel.enrolled": {"id": "Terdaftar", "en": "Enrolled"},
    "dash.funnel.started": {"id": "Mulai belajar", "en": "Started"},
    "dash.funnel.all_lessons": {"id": "Semua pelajaran selesai", "en": "All lessons done"},
    "dash.funnel.all_passed": {"id": "Semua kuis lulus", "en": "All quizzes passed"},
    "dash.funnel.posttest": {"id": "Post-test selesai", "en": "Post-test taken"},
    "dash.funnel.certified": {"id": "Bersertifikat", "en": "Certified"},
    "dash.funnel.stage": {"id": "Tahap", "en": "Stage"},
    "dash.groups.title": {"id": "Hasil kuis per kelompok", "en": "Quiz results by group"},
    "dash.groups.help": {
        "id": "Tingkat lulus: bagian pasangan peserta–kuis pilar yang berakhir lulus. Rerata nilai: rata-rata nilai "
              "terbaik per peserta per kuis.",
        "en": "Pass rate: share of learner–pillar-quiz pairs that ended in a pass. Mean score: average of each "
              "learner's best score per quiz.",
    },
    "dash.by.region": {"id": "Per kabupaten/kota", "en": "By regency/city"},
    "dash.by.agency": {"id": "Per instansi", "en": "By agency"},
    "dash.by.batch": {"id": "Per angkatan", "en": "By batch"},
    "dash.by.pillar": {"id": "Per pilar", "en": "By pillar"},
    "dash.col.group.region": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "dash.col.group.agency": {"id": "Instansi", "en": "Agency"},
    "dash.col.group.batch": {"id": "Angkatan", "en": "Batch"},
    "dash.col.group.pillar": {"id": "Pilar", "en": "Pillar"},
    "dash.col.enrolled": {"id": "Terdaftar", "en": "Enrolled"},
    "dash.col.took_quiz": {"id": "Mengerjakan kuis", "en": "Took a quiz"},
    "dash.col.pass_rate": {"id": "Tingkat lulus", "en": "Pass rate"},
    "dash.col.mean_score": {"id": "Rerata nilai", "en": "Mean score"},
    "dash.chart.pass_rate": {"id": "Tingkat lulus (%)", "en": "Pass rate (%)"},
    "dash.chart.mean_score": {"id": "Rerata nilai terbaik", "en": "Mean best score"},
    "dash.chart.percent": {"id": "Persen", "en": "Percent"},
    "dash.gain.title": {"id": "Peningkatan belajar (pre-test → post-test)", "en": "Learning gain (pre-test → post-test)"},
    "dash.gain.help": {
        "id": "Gain Hake dari rata-rata kelompok: (post − pre) / (100 − pre), hanya peserta yang mengerjakan pre-test "
              "dan post-test. Rendah < 0,3; sedang ≥ 0,3; tinggi ≥ 0,7.",
        "en": "Hake's gain of the group averages: (post − pre) / (100 − pre), over learners who took both the "
              "pre-test and the post-test. Low < 0.3; medium ≥ 0.3; high ≥ 0.7.",
    },
    "dash.col.learners_both": {"id": "Peserta (pre & post)", "en": "Learners (pre & post)"},
    "dash.col.pre": {"id": "Pre-test (%)", "en": "Pre-test (%)"},
    "dash.col.post": {"id": "Post-test (%)", "en": "Post-test (%)"},
    "dash.col.gain": {"id": "Gain", "en": "Gain"},
    "dash.col.band": {"id": "Kategori", "en": "Band"},
    "dash.gain.axis": {"id": "Gain ternormalisasi", "en": "Normalised gain"},
    "dash.activity.title": {"id": "Aktivitas per minggu", "en": "Activity per week"},
    "dash.activity.active": {"id": "Peserta aktif", "en": "Active learners"},
    "dash.activity.lessons": {"id": "Pelajaran selesai", "en": "Lessons completed"},
    "dash.activity.attempts": {"id": "Kuis dikerjakan", "en": "Quiz attempts"},
    "dash.activity.week": {"id": "Minggu mulai", "en": "Week starting"},
    "dash.activity.axis": {"id": "Jumlah", "en": "Count"},
    "dash.export.title": {"id": "Ekspor tabel", "en": "Export tables"},
    "dash.export.all": {"id": "Unduh semua tabel (XLSX)", "en": "Download every table (XLSX)"},
    "dash.export.csv": {"id": "CSV: {table}", "en": "CSV: {table}"},
    "dash.empty": {"id": "Belum ada data pada cakupan ini.", "en": "No data in this scope yet."},
    "dash.sheet.headline": {"id": "Angka utama", "en": "Headline"},
    "dash.sheet.funnel": {"id": "Corong", "en": "Funnel"},
    "dash.sheet.gain_pillar": {"id": "Gain per pilar", "en": "Gain by pillar"},
    "dash.sheet.gain_region": {"id": "Gain per wilayah", "en": "Gain by region"},
    "dash.sheet.activity": {"id": "Aktivitas", "en": "Activity"},
    "dash.col.figure": {"id": "Ukuran", "en": "Figure"},
    "dash.col.value": {"id": "Nilai", "en": "Value"},
    "demo.created": {
        "id": "Data demo dibuat: {learners} peserta, {staff} staf, {attempts} percobaan kuis, {answers} jawaban, "
              "{lessons} catatan pelajaran, {certificates} sertifikat, dalam {seconds} detik.",
        "en": "Demo data created: {learners} learners, {staff} staff, {attempts} quiz attempts, {answers} answers, "
              "{lessons} lesson records, {certificates} certificates, in {seconds} seconds.",
    },
    "demo.password": {"id": "Kata sandi semua akun demo: {password}", "en": "Password of every demo account: {password}"},
    "demo.accounts": {"id": "Akun demo untuk masuk:", "en": "Demo accounts to sign in with:"},
    "demo.exists": {
        "id": "Data demo sudah ada ({n} akun bertanda [DEMO]). Tidak ada yang diubah. Tambahkan --replace untuk "
              "menghapusnya dan membuat ulang.",
        "en": "Demo data already exists ({n} accounts marked [DEMO]). Nothing was changed. Add --replace to delete "
              "it and create it again.",
    },
    "demo.deleted": {"id": "Data demo lama dihapus ({n} akun).", "en": "Old demo data deleted ({n} accounts)."},
    "demo.bad_learners": {
        "id": "Jumlah peserta harus bilangan bulat 1 sampai {max}.",
        "en": "The number of learners must be a whole number from 1 to {max}.",
    },
    "demo.progress": {"id": "  {done} dari {total} peserta dibuat…", "en": "  {done} of {total} learners created…"},
    "demo.content_problems": {
        "id": "Isi kursus bermasalah; perbaiki dulu (lihat `python -m modules validate-content`).",
        "en": "The course content has problems; fix them first (see `python -m modules validate-content`).",
    },
    # --- password reset by e-mail ---
    "reset.link": {"id": "Lupa kata sandi?", "en": "Forgot your password?"},
    "reset.title": {"id": "Lupa kata sandi", "en": "Forgotten password"},
    "reset.intro": {
        "id": "Tulis NIP dan alamat surel yang tercatat di data peserta Anda. Kami mengirim kode sekali pakai "
              "ke alamat itu; kode berlaku {minutes} menit. Kata sandi lama tetap berlaku sampai Anda "
              "memakai kodenya.",
        "en": "Enter your NIP and the e-mail address on your enrolment record. We send a one-time code to that "
              "address; it is valid for {minutes} minutes. Your old password keeps working until you use the code.",
    },
    "reset.unavailable": {
        "id": "Pengiriman surel belum diatur di layanan ini. Minta kode aktivasi baru kepada admin BKPSDM "
              "atau pelatih Anda.",
        "en": "E-mail is not set up on this service. Ask your BKPSDM admin or your trainer for a new "
              "activation code.",
    },
    "reset.step_request": {"id": "1. Minta kode", "en": "1. Ask for a code"},
    "reset.step_use": {"id": "2. Pakai kode dan buat kata sandi baru", "en": "2. Use the code and set a new password"},
    "reset.email": {"id": "Alamat surel", "en": "E-mail address"},
    "reset.send": {"id": "Kirim kode", "en": "Send the code"},
    "reset.sent": {
        "id": "Bila NIP dan alamat surel itu cocok dengan sebuah akun, kodenya sudah kami kirim. Periksa "
              "kotak masuk dan folder spam. Bila dalam 10 menit tidak ada surel, hubungi admin BKPSDM.",
        "en": "If that NIP and e-mail address match an account, the code is on its way. Check your inbox and "
              "spam folder. If nothing arrives within 10 minutes, contact your BKPSDM admin.",
    },
    "reset.code": {"id": "Kode dari surel", "en": "Code from the e-mail"},
    "reset.button": {"id": "Simpan kata sandi baru", "en": "Save the new password"},
    "reset.fix": {"id": "Kata sandi belum diganti:", "en": "The password was not changed:"},
    "reset.wrong": {
        "id": "Kode itu tidak cocok dengan NIP ini, atau sudah dipakai. Periksa surel terbaru, atau minta kode baru.",
        "en": "That code does not match this NIP, or it was already used. Check the newest e-mail, or ask for a new code.",
    },
    "reset.expired": {
        "id": "Kode itu sudah kedaluwarsa (berlaku {minutes} menit). Minta kode baru di langkah 1.",
        "en": "That code has expired (it is valid for {minutes} minutes). Ask for a new one in step 1.",
    },
    "reset.ok": {
        "id": "Kata sandi {name} sudah diganti. Semua sesi lama ditutup; silakan masuk dengan kata sandi baru.",
        "en": "{name}, your password has been changed. All earlier sessions were closed; sign in with the new password.",
    },
    "reset.mail.subject": {"id": "Kode untuk mengganti kata sandi Kelas Literasi Digital ASN",
                           "en": "Code to change your Kelas Literasi Digital ASN password"},
    "reset.mail.body": {
        "id": "Yth. {name},\n\nseseorang (semoga Anda) meminta penggantian kata sandi akun Anda di Kelas Literasi "
              "Digital ASN.\n\nKode Anda: {code}\n\nKode berlaku {minutes} menit dan hanya sekali pakai. Buka "
              "{url}, tulis NIP, kode ini, dan kata sandi baru.\n\nBila Anda tidak memintanya, abaikan surel ini: "
              "kata sandi Anda tetap sama. Jangan berikan kode ini kepada siapa pun, termasuk petugas.\n",
        "en": "Dear {name},\n\nsomeone (hopefully you) asked to change the password of your Kelas Literasi "
              "Digital ASN account.\n\nYour code: {code}\n\nThe code is valid for {minutes} minutes and works "
              "once. Open {url} and enter your NIP, this code and a new password.\n\nIf you did not ask for it, "
              "ignore this e-mail: your password stays the same. Never give this code to anyone, staff included.\n",
    },
    # --- trainers' reminders by e-mail ---
    "admin.action.reminder_sent": {"id": "pengingat dikirim", "en": "reminder sent"},
    "admin.action.password_reset_requested": {"id": "kode ganti sandi diminta", "en": "password reset asked"},
    "admin.action.password_reset": {"id": "kata sandi diganti lewat surel", "en": "password reset by e-mail"},
    "dash.col.email": {"id": "Surel", "en": "E-mail"},
    "remind.title": {"id": "Kirim pengingat lewat surel", "en": "Send a reminder by e-mail"},
    "remind.unavailable": {
        "id": "Pengiriman surel belum diatur di layanan ini (lihat README: Surel). Hubungi peserta lewat "
              "kanal angkatan Anda.",
        "en": "E-mail is not set up on this service (see the README: E-mail). Reach learners through your "
              "batch's own channel.",
    },
    "remind.who": {"id": "Penerima (yang berisiko dan punya surel sudah dipilih)",
                   "en": "Recipients (those at risk with an e-mail address are chosen)"},
    "remind.no_email": {"id": "tanpa surel", "en": "no e-mail"},
    "remind.subject": {"id": "Judul", "en": "Subject"},
    "remind.body": {"id": "Isi surel", "en": "Message"},
    "remind.default_subject": {"id": "Pengingat: lanjutkan Kelas Literasi Digital ASN",
                               "en": "Reminder: continue the Kelas Literasi Digital ASN course"},
    "remind.default_body": {
        "id": "Yth. {nama},\n\nkami melihat Anda belum melanjutkan Kelas Literasi Digital ASN di {angkatan}. "
              "Materinya bisa dipelajari kapan saja, sedikit demi sedikit. Silakan masuk di {tautan} dan "
              "lanjutkan dari pelajaran terakhir Anda.\n\nBila ada kendala, balas surel ini atau hubungi "
              "pelatih Anda.\n\nSalam,\nPelatih angkatan",
        "en": "Dear {nama},\n\nwe noticed you have not continued the Kelas Literasi Digital ASN course in "
              "{angkatan}. You can study at any time, a little at a time. Sign in at {tautan} and carry on from "
              "your last lesson.\n\nIf something is in the way, reply to this e-mail or contact your "
              "trainer.\n\nRegards,\nYour batch trainer",
    },
    "remind.placeholders": {
        "id": "{nama}, {angkatan} dan {tautan} diganti dengan nama peserta, angkatannya, dan alamat kursus.",
        "en": "{nama}, {angkatan} and {tautan} become the learner's name, their batch and the course address.",
    },
    "remind.send": {"id": "Kirim pengingat", "en": "Send the reminder"},
    "remind.empty": {"id": "Judul dan isi surel wajib diisi.", "en": "Subject and message are required."},
    "remind.too_long": {"id": "Judul paling banyak 200 karakter dan isi 5.000 karakter.",
                        "en": "The subject may have at most 200 characters and the message 5,000."},
    "remind.nobody": {"id": "Pilih sedikitnya satu penerima.", "en": "Choose at least one recipient."},
    "remind.sent": {"id": "Pengingat terkirim ke {count} peserta dan dicatat di log audit.",
                    "en": "Reminder sent to {count} learners and recorded in the audit log."},
    "remind.without_email": {"id": "Tidak dikirim (tidak ada alamat surel): {names}.",
                             "en": "Not sent (no e-mail address on record): {names}."},
    "remind.failed": {
        "id": "Server surel menolak pengiriman setelah {count} surel. Sisanya belum terkirim; coba lagi nanti.",
        "en": "The mail server stopped accepting after {count} messages. The rest were not sent; try again later.",
    },
    # --- home: overall progress, carrying on, language kept ---
    "home.overall": {"id": "Progres keseluruhan: {done} dari {total} langkah (pelajaran, kuis pilar, post-test)",
                     "en": "Overall progress: {done} of {total} steps (lessons, pillar quizzes, post-test)"},
    "home.continue_lesson": {"id": "Lanjutkan: {title} ({pillar})", "en": "Continue: {title} ({pillar})"},
    "home.continue_quiz": {"id": "Lanjutkan: kuis {pillar}", "en": "Continue: the {pillar} quiz"},
    "home.continue_posttest": {"id": "Lanjutkan: post-test", "en": "Continue: the post-test"},
    "home.continue_done": {"id": "Semua langkah selesai: lihat sertifikat di Progres Saya",
                           "en": "Every step done: see your certificate in My progress"},
    # --- progress: gain wording ---
    "gain.drop": {"id": "turun", "en": "dropped"},
    "progress.gain_drop_help": {
        "id": "\"Turun\" berarti nilai post-test pilar itu lebih rendah daripada pre-test-nya. Dengan 5 soal per "
              "pilar, satu atau dua jawaban sudah mengubah angkanya; baca ulang pelajaran pilar itu.",
        "en": "\"Dropped\" means the pillar's post-test score was lower than its pre-test. With 5 questions per "
              "pillar one or two answers move the figure; reread that pillar's lessons.",
    },
    "progress.gain_full": {"id": "tidak dihitung (pre-test sudah 100%)", "en": "not computed (pre-test already 100%)"},
    # --- item analysis in plain words ---
    "dash.col.verdict": {"id": "Penilaian", "en": "Verdict"},
    "dash.col.question_text": {"id": "Teks soal", "en": "Question text"},
    "dash.verdict.fine": {"id": "wajar", "en": "fine"},
    "dash.verdict.negative_discrimination": {"id": "membingungkan peserta yang paham",
                                             "en": "confuses learners who know the topic"},
    "dash.verdict.too_hard": {"id": "terlalu sulit", "en": "too hard"},
    "dash.verdict.too_easy": {"id": "terlalu mudah", "en": "too easy"},
    "dash.verdict.weak_discrimination": {"id": "tidak membedakan yang paham dan yang belum",
                                         "en": "does not tell those who know from those who do not"},
    "dash.verdict.unused_distractor": {"id": "ada pengecoh yang tidak dipilih siapa pun",
                                       "en": "a wrong option nobody chooses"},
    "dash.action.fine": {"id": "Soal ini bekerja wajar; tidak perlu tindakan.",
                         "en": "This question works as it should; nothing to do."},
    "dash.action.negative_discrimination": {
        "id": "Peserta yang nilai keseluruhannya tinggi justru lebih sering salah di soal ini. Periksa kuncinya dan "
              "kalimat soalnya: mungkin kuncinya keliru, atau ada pilihan lain yang juga bisa dibenarkan.",
        "en": "Learners with high overall scores get this one wrong more often. Check the key and the wording: the "
              "key may be wrong, or another option may also be defensible.",
    },
    "dash.action.too_hard": {
        "id": "Sedikit sekali yang menjawab benar. Periksa apakah pelajarannya benar-benar mengajarkan hal ini dan "
              "apakah kuncinya benar; bila keduanya benar, perjelas bagian pelajaran itu.",
        "en": "Very few answer it right. Check that the lesson really teaches this and that the key is right; if both "
              "are, make that part of the lesson clearer.",
    },
    "dash.action.too_easy": {
        "id": "Hampir semua menjawab benar, mungkin tanpa perlu belajar. Ganti pengecohnya dengan kekeliruan yang "
              "sering terjadi di kantor, atau jadikan soal skenario.",
        "en": "Nearly everyone gets it right, perhaps without studying. Replace the wrong options with mistakes "
              "people really make at work, or turn it into a scenario.",
    },
    "dash.action.weak_discrimination": {
        "id": "Yang paham dan yang belum sama peluangnya menjawab benar. Tulis ulang pengecohnya agar mewakili salah "
              "paham yang nyata, dan pastikan soalnya menguji satu hal.",
        "en": "Those who know and those who do not are equally likely to get it right. Rewrite the wrong options to "
              "stand for real misunderstandings, and make the question test one thing.",
    },
    "dash.action.unused_distractor": {
        "id": "Pengecoh yang tak dipilih siapa pun tidak ikut menguji. Ganti dengan pilihan yang masuk akal bagi "
              "peserta yang belum paham.",
        "en": "A wrong option nobody picks tests nothing. Replace it with one that is plausible to a learner who "
              "has not understood.",
    },
    "dash.items.reliability.reliable": {"id": "cukup andal", "en": "reliable enough"},
    "dash.items.reliability.somewhat": {"id": "kurang andal", "en": "somewhat reliable"},
    "dash.items.reliability.unreliable": {"id": "tidak andal", "en": "not reliable"},
    "dash.items.alpha_help": {
        "id": "Seberapa konsisten nilai total kuis ini: 0,7 ke atas cukup andal untuk kelulusan; di bawah 0,5 "
              "nilainya terlalu dipengaruhi kebetulan, jadi tinjau soal-soal yang ditandai.",
        "en": "How consistent the quiz's total score is: 0.7 or more is reliable enough for passing; below 0.5 the "
              "score owes too much to chance, so review the flagged questions.",
    },
    # --- manager: who lags, filters in words ---
    "dash.lag.title": {"id": "Siapa yang tertinggal", "en": "Who lags behind"},
    "dash.lag.help": {
        "id": "Penyelesaian (semua pelajaran selesai dan semua kuis pilar lulus) dan sertifikat per kelompok, yang "
              "paling tertinggal di atas. Keadaan saat ini; rentang tanggal tidak berlaku di sini.",
        "en": "Completion (every lesson done and every pillar quiz passed) and certificates per group, the furthest "
              "behind on top. The state as of now; the date range does not apply here.",
    },
    "dash.col.completed": {"id": "Selesai", "en": "Completed"},
    "dash.col.completion_rate": {"id": "Tingkat selesai", "en": "Completion rate"},
    "dash.col.certified": {"id": "Bersertifikat", "en": "Certified"},
    "dash.col.certified_rate": {"id": "Tingkat bersertifikat", "en": "Certified rate"},
    "dash.col.share_enrolled": {"id": "Bagian dari terdaftar", "en": "Share of enrolled"},
    "dash.sheet.lag": {"id": "Tertinggal per {group}", "en": "Lagging by {group}"},
    "dash.sheet.filter": {"id": "Filter", "en": "Filter"},
    "dash.filter.title_active": {"id": "Saring data ({n} filter aktif)", "en": "Filter ({n} active)"},
    "dash.filter.active": {"id": "Angka di halaman ini tersaring — {filters}.",
                           "en": "The figures on this page are filtered — {filters}."},
    "dash.filter.none": {"id": "tanpa filter (seluruh cakupan Anda)", "en": "no filter (your whole scope)"},
    "dash.filter.made": {"id": "Dibuat", "en": "Made"},
    "dash.export.filter_note": {
        "id": "Berkas XLSX memuat lembar \"Filter\" berisi filter yang dipakai; nama berkas CSV diberi akhiran "
              "\"-tersaring\" bila ada filter.",
        "en": "The XLSX file has a \"Filter\" sheet with the filter used; CSV file names end in \"-tersaring\" when "
              "a filter is on.",
    },
    # --- quiz: choices kept as they are made ---
    "quiz.draft_kept": {
        "id": "Pilihan Anda tersimpan setiap kali Anda memilih ({n} soal sudah terjawab); muat ulang halaman pun "
              "tidak menghapusnya.",
        "en": "Your choices are saved as you make them ({n} questions answered so far); reloading the page does not "
              "lose them.",
    },
    "quiz.draft_waiting": {
        "id": "Server sedang sibuk, jadi sebagian pilihan Anda belum tersimpan. Pilihan itu dicoba simpan lagi "
              "setiap kali Anda memilih, dan tetap terkirim saat Anda menekan Kirim jawaban.",
        "en": "The server is busy, so some of your choices are not saved yet. They are tried again each time you "
              "choose, and they are still sent when you press Submit answers.",
    },
    "quiz.sheet_loading": {
        "id": "Soal belum termuat. Periksa koneksi; soal dicoba muat lagi otomatis.",
        "en": "The questions have not loaded yet. Check your connection; they are loaded again automatically.",
    },
    "quiz.choice_unsaved": {
        "id": "Pilihan terakhir Anda belum sampai ke server dan sedang dicoba kirim lagi. Pilihan itu tetap "
              "terkirim saat Anda menekan Kirim jawaban.",
        "en": "Your last choice has not reached the server yet and is being sent again. It is still sent when "
              "you press Submit answers.",
    },
    "quiz.draft_not_saved": {
        "id": "Pilihan terakhir Anda belum tersimpan. Periksa koneksi, lalu pilih lagi.",
        "en": "Your last choice was not saved. Check your connection and choose again.",
    },
    # --- course rules: item cues, completion, retakes, JP ---
    "cues.heading": {
        "id": "Isyarat permukaan bank soal di {path} (kuis {count} soal, batas lulus {mark}%):",
        "en": "Surface cues of the question banks in {path} (quiz of {count} questions, pass mark {mark}%):",
    },
    "cues.no_banks": {
        "id": "Tidak ada bank soal (*.yaml) yang terbaca di {path}.",
        "en": "No readable question bank (*.yaml) in {path}.",
    },
    "cli.warning": {"id": "peringatan", "en": "warning"},
    "cli.warnings_summary": {
        "id": "{warnings} peringatan isi, {cues} peringatan isyarat bank soal (tidak menggagalkan pemeriksaan).",
        "en": "{warnings} content warnings, {cues} question-bank cue warnings (they do not fail the check).",
    },
    "quiz.pick_all_scoring": {
        "id": "Pilih semua jawaban yang benar (bisa satu, bisa beberapa). Soal ini dinilai benar hanya bila "
              "pilihan Anda tepat sama dengan semua jawaban yang benar: tanpa nilai sebagian.",
        "en": "Choose every correct answer (one or several). This question counts as right only if your choice "
              "is exactly the set of correct answers: no partial credit.",
    },
    "quiz.why_right": {"id": "Mengapa benar: {why}", "en": "Why it is right: {why}"},
    "quiz.why_wrong": {"id": "Mengapa kurang tepat: {why}", "en": "Why it is not right: {why}"},
    "retake.reread": {
        "id": "Sebelum mengulang kuis ini, baca kembali pelajaran dari soal yang belum tepat ({done} dari {total} "
              "sudah dibuka lagi). Kuis terbuka setelah semua pelajaran di bawah ini Anda buka.",
        "en": "Before retaking this quiz, reread the lessons of the questions you missed ({done} of {total} reopened "
              "so far). The quiz opens once you have opened every lesson below.",
    },
    "retake.lesson_todo": {"id": "Baca lagi: {title}", "en": "Reread: {title}"},
    "retake.lesson_done": {"id": "Sudah dibuka lagi: {title}", "en": "Reopened: {title}"},
    "retake.wait": {
        "id": "Kuis ini dapat diulang mulai {when} (sekitar {minutes} menit lagi). Gunakan waktu ini untuk membaca "
              "kembali pelajaran dari soal yang belum tepat.",
        "en": "You can retake this quiz from {when} (in about {minutes} minutes). Use the time to reread the lessons "
              "of the questions you missed.",
    },
    "test.status.posttest.closed_lessons": {
        "id": "terbuka setelah semua pelajaran ditandai selesai dan keempat kuis pilar lulus",
        "en": "opens once every lesson is marked done and all four pillar quizzes are passed",
    },
    "cert.panel.todo_lessons": {"id": "menyelesaikan {n} pelajaran lagi", "en": "complete {n} more lessons"},
    "lesson.min_reading": {
        "id": "Pelajaran dapat ditandai selesai setelah dibuka sekurang-kurangnya {minutes} menit "
              "(sekitar {left} menit lagi).",
        "en": "The lesson can be marked done once it has been open for at least {minutes} minutes "
              "(about {left} more minutes).",
    },
    "lesson.too_soon": {
        "id": "Belum bisa ditandai selesai: pelajaran ini perlu dibaca sekurang-kurangnya {minutes} menit. "
              "Tunggu sekitar {left} menit lagi, lalu tekan tombolnya kembali.",
        "en": "Not yet: this lesson needs at least {minutes} minutes of reading. Wait about {left} more minutes, "
              "then press the button again.",
    },
    "cli.jp_heading": {
        "id": "Jam pelajaran (JP) pada sertifikat, 1 JP = 45 menit:",
        "en": "Study hours (JP) on the certificate, 1 JP = 45 minutes:",
    },
    "dash.head.jp_help_certified": {
        "id": "{jp} JP untuk setiap peserta bersertifikat (dihitung dari waktu belajar kelas, 1 JP = 45 menit).",
        "en": "{jp} JP for every certified learner (computed from the course's study time, 1 JP = 45 minutes).",
    },
    "cert.panel.not_yet_strict": {
        "id": "Sertifikat terbit otomatis setelah semua pelajaran ditandai selesai, keempat kuis pilar lulus, dan "
              "post-test dikerjakan. Yang masih perlu: {todo}.",
        "en": "The certificate is issued automatically once every lesson is marked done, all four pillar quizzes "
              "are passed and the post-test is taken. Still needed: {todo}.",
    },
    "cli.bad_retake_rule": {
        "id": "KELAS_RETAKE_RULE='{value}' bukan lessons, wait:<menit> atau none; aturan lessons yang dipakai.",
        "en": "KELAS_RETAKE_RULE='{value}' is not lessons, wait:<minutes> or none; the lessons rule is used.",
    },
    "cli.bad_completion_rule": {
        "id": "KELAS_COMPLETION_RULE='{value}' bukan strict atau quizzes; aturan strict yang dipakai.",
        "en": "KELAS_COMPLETION_RULE='{value}' is not strict or quizzes; the strict rule is used.",
    },
    # --- end of course rules ---
    # --- registration: places from the admin's lists ---
    "register.choose": {"id": "Pilih dari daftar (ketik untuk mencari)", "en": "Choose from the list (type to search)"},
    "register.agency_unknown": {
        "id": "Pilih instansi dari daftar. Bila instansi Anda tidak ada, hubungi admin BKPSDM.",
        "en": "Choose your agency from the list. If it is not there, contact your BKPSDM admin.",
    },
    "register.region_unknown": {
        "id": "Pilih kabupaten/kota dari daftar. Bila tidak ada, hubungi admin BKPSDM.",
        "en": "Choose your district or city from the list. If it is not there, contact your BKPSDM admin.",
    },
    # --- admin: the next step after an import ---
    "admin.batches.no_trainer": {"id": "Angkatan tanpa pelatih: {names}. Tetapkan pelatihnya agar ada yang memantau.",
                                 "en": "Batches without a trainer: {names}. Assign one so that someone follows them."},
    "admin.batches.assign": {"id": "Tetapkan pelatih di Orang & batch", "en": "Assign trainers in People & batches"},
    "admin.codes.then": {"id": "Setelah kodenya diunduh, halaman ini kembali seperti biasa.",
                         "en": "Once the codes are downloaded, this page returns to normal."},
    # --- audit labels not yet named ---
    "admin.action.certificate_issued": {"id": "sertifikat terbit", "en": "certificate issued"},
    "admin.action.demo_data_created": {"id": "data demo dibuat", "en": "demo data created"},
    "admin.action.demo_data_deleted": {"id": "data demo dihapus", "en": "demo data deleted"},
    # --- closing a batch: JP export, batch report, course evaluation, offline lessons ---
    "jp.cli.unknown_batch": {
        "id": "Angkatan tidak dikenal: {batch}. Angkatan yang ada: {known}.",
        "en": "Unknown batch: {batch}. Batches there are: {known}.",
    },
    "jp.cli.file_exists": {
        "id": "Berkas {path} sudah ada; tidak ditimpa. Pilih nama lain.",
        "en": "The file {path} already exists; it was not overwritten. Choose another name.",
    },
    "jp.cli.written": {"id": "{n} baris JP ditulis ke {path}.", "en": "{n} JP rows written to {path}."},
    "jp.cli.xlsx_needs_file": {
        "id": "Format xlsx perlu --output BERKAS.", "en": "The xlsx format needs --output FILE.",
    },
    "jp.page.title": {
        "id": "Jam pelajaran (JP) untuk SIASN",
        "en": "Training hours (JP) for SIASN",
    },
    "jp.page.intro": {
        "id": "Satu baris per peserta bersertifikat sah pada angkatan yang dipilih, dengan kolom riwayat "
              "kursus SIASN. Kolom yang khusus instansi (instansiId, jenisDiklatId, lokasiId, pnsOrangId …)"
              " kosong bila belum diatur; README, bagian “Jam pelajaran ke SIASN”, menjelaskan dari mana "
              "operator mengambilnya.",
        "en": "One row per learner with a valid certificate in the chosen batches, with SIASN's course-"
              "record columns. Agency-specific columns (instansiId, jenisDiklatId, lokasiId, pnsOrangId …) "
              "are empty unless configured; the README section “Jam pelajaran ke SIASN” says where the "
              "operator gets them.",
    },
    "jp.page.csv": {
        "id": "Unduh JP (CSV)",
        "en": "Download JP (CSV)",
    },
    "jp.page.xlsx": {
        "id": "Unduh JP (XLSX)",
        "en": "Download JP (XLSX)",
    },
    "eval.nav": {
        "id": "Evaluasi pelatihan",
        "en": "Course evaluation",
    },
    "eval.title": {
        "id": "Evaluasi penyelenggaraan pelatihan",
        "en": "Course evaluation",
    },
    "eval.intro": {
        "id": "Bantu kami memperbaiki pelatihan ini. Jawaban Anda disimpan terpisah dari identitas Anda: "
              "yang tercatat hanya angkatan, instansi, dan wilayah, tanpa nama atau NIP. Hasilnya hanya "
              "ditampilkan untuk kelompok berisi sedikitnya lima orang. Sertifikat terbit setelah evaluasi "
              "dikirim.",
        "en": "Help us improve this course. Your answers are stored apart from your identity: only your "
              "batch, agency and region are kept, no name or NIP. Results are shown only for groups of at "
              "least five people. The certificate is issued once the evaluation is submitted.",
    },
    "eval.closed": {
        "id": "Evaluasi terbuka setelah Anda mengerjakan post-test.",
        "en": "The evaluation opens after you take the post-test.",
    },
    "eval.done": {
        "id": "Terima kasih, evaluasi Anda sudah terkirim.",
        "en": "Thank you, your evaluation has been submitted.",
    },
    "eval.unavailable": {
        "id": "Formulir evaluasi belum dapat dibuka; hubungi admin (periksa dengan validate-content).",
        "en": "The evaluation form cannot be opened; contact the admin (check it with validate-content).",
    },
    "eval.scale_help": {
        "id": "Pilih satu: 1 = {low}, {n} = {high}.",
        "en": "Choose one: 1 = {low}, {n} = {high}.",
    },
    "eval.open_title": {
        "id": "Pertanyaan terbuka (boleh dikosongkan)",
        "en": "Open questions (optional)",
    },
    "eval.submit": {
        "id": "Kirim evaluasi",
        "en": "Submit the evaluation",
    },
    "eval.missing": {
        "id": "Butir nomor {numbers} belum dinilai. Nilai semua butir, lalu kirim lagi.",
        "en": "Item number {numbers} has no rating yet. Rate every item, then submit again.",
    },
    "eval.too_long": {
        "id": "Jawaban terbuka paling panjang {n} karakter.",
        "en": "An open answer may have at most {n} characters.",
    },
    "eval.not_open": {
        "id": "Evaluasi belum terbuka: kerjakan post-test lebih dahulu.",
        "en": "The evaluation is not open yet: take the post-test first.",
    },
    "eval.already": {
        "id": "Evaluasi Anda sudah terkirim sebelumnya; tidak ada yang diubah.",
        "en": "Your evaluation was submitted before; nothing was changed.",
    },
    "eval.certificate_link": {
        "id": "Lihat sertifikat di Progres Saya",
        "en": "See the certificate on My progress",
    },
    "eval.go": {
        "id": "Isi evaluasi pelatihan (syarat terakhir sertifikat)",
        "en": "Fill in the course evaluation (the certificate's last step)",
    },
    "eval.todo": {
        "id": "isi evaluasi pelatihan",
        "en": "fill in the course evaluation",
    },
    "report.title": {
        "id": "Laporan Rekapitulasi Pelatihan",
        "en": "Training summary report",
    },
    "report.scope.batches": {
        "id": "Angkatan: {value}",
        "en": "Batches: {value}",
    },
    "report.scope.regions": {
        "id": "Kabupaten/kota: {value}",
        "en": "Regions: {value}",
    },
    "report.scope.agencies": {
        "id": "Instansi: {value}",
        "en": "Agencies: {value}",
    },
    "report.scope.dates": {
        "id": "Periode kuis: {start} s.d. {end}",
        "en": "Quiz period: {start} to {end}",
    },
    "report.scope.everything": {
        "id": "Seluruh peserta dalam cakupan Anda",
        "en": "Every learner in your scope",
    },
    "report.all": {
        "id": "Semua",
        "en": "All",
    },
    "report.sheet.headline": {
        "id": "Ringkasan",
        "en": "Summary",
    },
    "report.sheet.pillars": {
        "id": "Kelulusan per pilar",
        "en": "Pass rate by pillar",
    },
    "report.sheet.eval_all": {
        "id": "Evaluasi pelatihan",
        "en": "Course evaluation",
    },
    "report.sheet.eval_batch": {
        "id": "Evaluasi per angkatan",
        "en": "Evaluation by batch",
    },
    "report.sheet.eval_agency": {
        "id": "Evaluasi per instansi",
        "en": "Evaluation by agency",
    },
    "report.sheet.eval_region": {
        "id": "Evaluasi per wilayah",
        "en": "Evaluation by region",
    },
    "report.sheet.graduates": {
        "id": "Daftar lulusan",
        "en": "Graduates",
    },
    "report.head.enrolled": {
        "id": "Peserta terdaftar",
        "en": "Learners enrolled",
    },
    "report.head.started": {
        "id": "Mulai belajar",
        "en": "Started",
    },
    "report.head.completed": {
        "id": "Menuntaskan semua pilar",
        "en": "Completed all pillars",
    },
    "report.head.certified": {
        "id": "Bersertifikat",
        "en": "Certified",
    },
    "report.head.pass_rate": {
        "id": "Tingkat lulus kuis pilar",
        "en": "Pillar quiz pass rate",
    },
    "report.head.jp": {
        "id": "JP terselenggara",
        "en": "Study hours (JP) delivered",
    },
    "report.head.note": {
        "id": "JP terselenggara: {jp} JP untuk setiap peserta yang menuntaskan kursus. Kelompok berisi "
              "kurang dari lima orang ditampilkan sebagai “< 5” bagi pembaca agregat.",
        "en": "JP delivered: {jp} JP for every learner who finished the course. Groups of fewer than five "
              "people show “< 5” to aggregates-only readers.",
    },
    "report.eval.by.all": {
        "id": "Cakupan",
        "en": "Scope",
    },
    "report.eval.by.batch": {
        "id": "Angkatan",
        "en": "Batch",
    },
    "report.eval.by.agency": {
        "id": "Instansi",
        "en": "Agency",
    },
    "report.eval.by.region": {
        "id": "Kabupaten/kota",
        "en": "Region",
    },
    "report.eval.responses": {
        "id": "Responden",
        "en": "Responses",
    },
    "report.eval.overall": {
        "id": "Rata-rata semua butir",
        "en": "Mean of all items",
    },
    "report.eval.agree": {
        "id": "Setuju atau sangat setuju",
        "en": "Agree or strongly agree",
    },
    "report.eval.note": {
        "id": "Rata-rata skala 1–{n}. Jawaban evaluasi anonim; kelompok berisi kurang dari lima responden "
              "tidak ditampilkan bagi siapa pun.",
        "en": "Means on a 1–{n} scale. Evaluation answers are anonymous; groups of fewer than five "
              "responses are shown to nobody.",
    },
    "report.chart.pass_rate": {
        "id": "Tingkat lulus kuis per pilar (%)",
        "en": "Quiz pass rate by pillar (%)",
    },
    "report.chart.pre": {
        "id": "Rata-rata pre-test per pilar (%)",
        "en": "Mean pre-test score by pillar (%)",
    },
    "report.chart.post": {
        "id": "Rata-rata post-test per pilar (%)",
        "en": "Mean post-test score by pillar (%)",
    },
    "report.chart.evaluation": {
        "id": "Evaluasi pelatihan: rata-rata per aspek (1–{n})",
        "en": "Course evaluation: mean by aspect (1–{n})",
    },
    "report.grad.number": {
        "id": "No.",
        "en": "No.",
    },
    "report.grad.name": {
        "id": "Nama",
        "en": "Name",
    },
    "report.grad.nip": {
        "id": "NIP",
        "en": "NIP",
    },
    "report.grad.batch": {
        "id": "Angkatan",
        "en": "Batch",
    },
    "report.grad.code": {
        "id": "Nomor sertifikat",
        "en": "Certificate number",
    },
    "report.grad.completed": {
        "id": "Tanggal selesai",
        "en": "Completed on",
    },
    "report.grad.jp": {
        "id": "JP",
        "en": "JP",
    },
    "report.grad.hidden": {
        "id": "Daftar nama lulusan hanya untuk pelatih dan admin.",
        "en": "The list of graduates by name is for trainers and admins only.",
    },
    "report.grad.none": {
        "id": "Belum ada lulusan bersertifikat.",
        "en": "No certified graduates yet.",
    },
    "report.pdf.made_on": {
        "id": "Dibuat {date}",
        "en": "Made on {date}",
    },
    "report.pdf.organiser": {
        "id": "Penyelenggara: {name}",
        "en": "Organiser: {name}",
    },
    "report.pdf.page": {
        "id": "Halaman {n}",
        "en": "Page {n}",
    },
    "report.pdf.signature": {
        "id": "{place}{date}",
        "en": "{place}{date}",
    },
    "report.pdf.nip": {
        "id": "NIP {nip}",
        "en": "NIP {nip}",
    },
    "report.pdf.unset": {
        "id": "(belum diatur)",
        "en": "(not set)",
    },
    "report.pdf.figures": {
        "id": "Angka utama",
        "en": "Key figures",
    },
    "report.nav": {
        "id": "Laporan angkatan",
        "en": "Batch report",
    },
    "report.page.intro": {
        "id": "Rekapitulasi untuk kepala instansi dan penyelenggara: angka yang sama dengan dasbor, sebagai"
              " XLSX (satu lembar per tabel) dan PDF siap cetak dan tanda tangan. Penyelenggara dan pejabat"
              " penanda tangan diatur oleh admin server (README, “Laporan angkatan”).",
        "en": "A summary for the head of office and the organiser: the dashboards' figures, as XLSX (one "
              "sheet per table) and a PDF ready to print and sign. The organiser and the signing official "
              "are set by the server admin (README, “Laporan angkatan”).",
    },
    "report.page.xlsx": {
        "id": "Unduh laporan (XLSX)",
        "en": "Download the report (XLSX)",
    },
    "report.page.pdf": {
        "id": "Unduh laporan (PDF)",
        "en": "Download the report (PDF)",
    },
    "report.page.comments": {
        "id": "Jawaban terbuka evaluasi (hanya admin)",
        "en": "Open answers of the evaluation (admins only)",
    },
    "report.page.no_comments": {
        "id": "Tidak ada jawaban terbuka yang dapat ditampilkan (atau kelompok berisi kurang dari lima responden).",
        "en": "No open answers to show (or the group has fewer than five responses).",
    },
    "report.page.question": {
        "id": "Pertanyaan",
        "en": "Question",
    },
    "report.page.answer": {
        "id": "Jawaban",
        "en": "Answer",
    },
    "eval.dash.title": {
        "id": "Evaluasi pelatihan",
        "en": "Course evaluation",
    },
    "eval.dash.help": {
        "id": "Reaksi peserta (Kirkpatrick level 1) per angkatan, instansi dan wilayah. Jawaban anonim; "
              "kelompok berisi kurang dari lima responden ditampilkan “< 5” bagi siapa pun. Rentang tanggal"
              " tidak berlaku: jawaban tidak menyimpan waktu.",
        "en": "Learners' reactions (Kirkpatrick level 1) by batch, agency and region. Answers are "
              "anonymous; groups of fewer than five responses show “< 5” to everyone. The date range does "
              "not apply: answers keep no time.",
    },
    "lesson.download": {
        "id": "Unduh pelajaran (untuk dibaca offline atau dicetak)",
        "en": "Download the lesson (to read offline or print)",
    },
    "lesson.offline_note": {
        "id": "Salinan untuk dibaca offline. Tandai pelajaran selesai dan kerjakan kuis di aplikasi saat tersambung.",
        "en": "A copy to read offline. Mark the lesson done and take the quiz in the app when you are connected.",
    },
    "chart.as_table": {
        "id": "Angka grafik ini sebagai tabel",
        "en": "This chart's figures as a table",
    },
    # --- end of closing a batch ---
    # --- certificates: issuer, signatory, loopback address, reissue ---
    "cert.pdf.organiser": {"id": "Diselenggarakan oleh {organiser}", "en": "Organised by {organiser}"},
    "cert.pdf.tte_space": {"id": "tempat tanda tangan elektronik (TTE)", "en": "space for the electronic signature"},
    "cert.panel.held": {
        "id": "Anda sudah memenuhi semua syarat. Sertifikat akan terbit begitu admin mengatur alamat publik layanan "
              "(KELAS_BASE_URL); buka halaman ini lagi nanti.",
        "en": "You meet every requirement. The certificate is issued as soon as the admin sets the service's public "
              "address (KELAS_BASE_URL); open this page again later.",
    },
    "cert.admin.loopback": {
        "id": "Alamat layanan (KELAS_BASE_URL) masih {url}: kode QR sertifikat akan menunjuk ke komputer pemindai "
              "sendiri. Atur alamat publik layanan sebelum sertifikat terbit.{held}",
        "en": "The service address (KELAS_BASE_URL) is still {url}: a certificate's QR code would point at the "
              "scanner's own computer. Set the public address before certificates are issued.{held}",
    },
    "cert.admin.loopback_held": {"id": " Dalam mode produksi, sertifikat ditahan sampai alamatnya diatur.",
                                 "en": " In production, certificates are held until it is set."},
    "cert.admin.no_signatory": {
        "id": "Penandatangan sertifikat belum diatur (KELAS_PENYELENGGARA, KELAS_PEJABAT_NAMA, KELAS_PEJABAT_NIP, "
              "KELAS_PEJABAT_JABATAN): sertifikat terbit tanpa nama pejabat.",
        "en": "The certificate's signatory is not set (KELAS_PENYELENGGARA, KELAS_PEJABAT_NAMA, KELAS_PEJABAT_NIP, "
              "KELAS_PEJABAT_JABATAN): certificates are issued without an official's name.",
    },
    "cert.reissue.heading": {"id": "Terbitkan ulang sertifikat yang dicabut", "en": "Issue a revoked certificate again"},
    "cert.reissue.help": {
        "id": "Setelah kekeliruan diperbaiki (misalnya nama di data peserta), sertifikat yang dicabut dapat terbit "
              "lagi dengan kode baru dan data terkini. Kode lama tetap berstatus dicabut.",
        "en": "Once the mistake is fixed (the name on the roster, say), a revoked certificate can be issued again "
              "with a new code and current data. The old code stays revoked.",
    },
    "cert.reissue.none": {"id": "Tidak ada sertifikat dicabut di daftar di atas.", "en": "No revoked certificate in the list above."},
    "cert.reissue.button": {"id": "Terbitkan ulang", "en": "Issue again"},
    "cert.reissue.question": {"id": "Terbitkan sertifikat baru untuk orang ini? Kode lama tetap dicabut.",
                              "en": "Issue a new certificate to this person? The old code stays revoked."},
    "cert.reissue.done": {"id": "Sertifikat baru sudah terbit; pemiliknya dapat mengunduhnya di Progres Saya.",
                          "en": "The new certificate is issued; its holder can download it from My progress."},
    "cert.reissue.not_revoked": {"id": "Hanya sertifikat yang dicabut (dan belum diganti) yang dapat diterbitkan ulang.",
                                 "en": "Only a revoked certificate (not yet replaced) can be issued again."},
    "cert.reissue.not_earned": {"id": "Orang ini tidak lagi memenuhi syarat sertifikat.",
                                "en": "This person no longer meets the certificate's requirements."},
    "cert.reissue.held": {"id": "Atur dulu alamat publik layanan (KELAS_BASE_URL).",
                          "en": "Set the service's public address (KELAS_BASE_URL) first."},
    "admin.action.certificate_reissued": {"id": "sertifikat diterbitkan ulang", "en": "certificate issued again"},
    # --- batch certificates: a real progress bar ---
    "cert.trainer.prepare": {"id": "Siapkan ZIP ({n} sertifikat)", "en": "Prepare the ZIP ({n} certificates)"},
    "cert.trainer.progress_start": {"id": "Menyiapkan {n} sertifikat…", "en": "Preparing {n} certificates…"},
    "cert.trainer.progress": {"id": "{done} dari {total} sertifikat · sisa sekitar {seconds} detik",
                              "en": "{done} of {total} certificates · about {seconds} s left"},
    "cert.trainer.progress_done": {"id": "{n} sertifikat siap dalam {seconds} detik.",
                                   "en": "{n} certificates ready in {seconds} s."},
}
