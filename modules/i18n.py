"""Every string the user sees, in Indonesian (default) and English."""

from __future__ import annotations

import os
from contextvars import ContextVar

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = os.environ.get("KELAS_LANGUAGE", "id")
_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def set_language(code: str) -> None:
    """Choose the language for the rest of this thread's work (one Streamlit rerun)."""
    _language.set(code if code in LANGUAGES else "id")


def current_language() -> str:
    return _language.get()


def t(key: str, **values: object) -> str:
    """The string `key` in the current language, with `{placeholders}` filled in."""
    entry = STRINGS[key]
    text = entry.get(_language.get()) or entry["id"]
    return text.format(**values) if values else text


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
    "nav.language": {"id": "Bahasa", "en": "Language"},
    "nav.signed_in_as": {"id": "Masuk sebagai **{name}** ({role})", "en": "Signed in as **{name}** ({role})"},
    "role.learner": {"id": "peserta", "en": "learner"},
    "role.trainer": {"id": "pelatih", "en": "trainer"},
    "role.manager": {"id": "manajer", "en": "manager"},
    "role.admin": {"id": "admin", "en": "admin"},
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
    # ------------------------------------------------------------ sign-in and registration
    "signin.title": {"id": "Kelas Literasi Digital ASN", "en": "Digital Literacy Class for Civil Servants"},
    "signin.intro": {
        "id": "Kursus mandiri empat pilar literasi digital untuk ASN: **Cakap, Aman, Budaya, dan Etis "
              "Bermedia Digital**. Setiap pilar berisi pelajaran singkat dan kuis.\n\n"
              "**Cara masuk:** gunakan NIP dan kata sandi Anda. Belum punya akun? Buka tab **Daftar**, "
              "isi NIP, nama, instansi, kabupaten/kota, dan kata sandi, lalu masuk.",
        "en": "A self-paced course on the four pillars of digital literacy for civil servants: **Digital "
              "Skills, Safety, Culture and Ethics**. Each pillar has short lessons and a quiz.\n\n"
              "**How to get in:** use your NIP and password. No account yet? Open the **Register** tab, "
              "fill in your NIP, name, agency, district/city and a password, then sign in.",
    },
    "signin.tab": {"id": "Masuk", "en": "Sign in"},
    "signin.button": {"id": "Masuk", "en": "Sign in"},
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
        "id": "Akun untuk {name} sudah dibuat. Silakan masuk di tab **Masuk**.",
        "en": "An account for {name} has been created. Sign in on the **Sign in** tab.",
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
    "home.open_pillar": {"id": "Buka pilar", "en": "Open pillar"},
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
    "quiz.answer_label": {"id": "Jawaban soal {n}", "en": "Answer to question {n}"},
    "quiz.submit": {"id": "Kirim jawaban", "en": "Submit answers"},
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
    "progress.lessons": {"id": "{done}/{total} pelajaran", "en": "{done}/{total} lessons"},
    "progress.passed": {"id": "kuis lulus", "en": "quiz passed"},
    "progress.chart_title": {"id": "Nilai kuis per pilar", "en": "Quiz score per pillar"},
    "progress.best": {"id": "Nilai terbaik", "en": "Best score"},
    "progress.latest": {"id": "Nilai terakhir", "en": "Latest score"},
    "progress.pass_mark": {"id": "Batas lulus", "en": "Pass mark"},
    "progress.score_axis": {"id": "Nilai (%)", "en": "Score (%)"},
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
}
