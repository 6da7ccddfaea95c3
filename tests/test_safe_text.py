"""User-supplied text is drawn as text, and every way in limits its length."""

from __future__ import annotations

from modules import charts
from modules.safetext import plain, t_plain
from modules.signin import register
from tests.conftest import PASSWORD

HOSTILE = "[Klik](https://evil.test) ![](https://evil.test/t.png) $x$ :red[merah] **tebal** # judul"


def test_every_markdown_mark_is_escaped_and_bare_addresses_are_not_links():
    shown = plain(HOSTILE + "\n- butir\nwww.evil.test siti@evil.test")
    for mark in ("[", "]", "(", ")", "!", "$", ":", "*", "#", "-", "@"):
        assert all(shown[i - 1] == "\\" for i, char in enumerate(shown) if char == mark), mark
    assert "\n" not in shown
    assert "https\u200b" in shown and "www\u200b" in shown and "siti\u200b" in shown


def test_a_plain_name_stays_readable():
    assert plain("Siti Rahmawati") == "Siti Rahmawati"
    assert t_plain("home.title", name="[x](y)") == "Selamat belajar, \\[x\\]\\(y\\)"


def test_chart_labels_cannot_carry_plotly_markup():
    figure = charts.group_results(['<a href="https://evil.test">Klik</a>'], [0.5], [60.0], pass_label="p",
                                  score_label="s", axis_label="%")
    assert figure.data[0].y[0] == '&lt;a href="https://evil.test"&gt;Klik&lt;/a&gt;'


def test_registration_refuses_a_two_megabyte_name(store):
    outcome = register(store, nip="19860926 201505 1 001", kind="pns", name="A" * 2_000_000, agency="B" * 151,
                       region="Kota Serang", password=PASSWORD, password_again=PASSWORD)
    assert any("Nama lengkap terlalu panjang (2000000 karakter; paling banyak 120)" in e for e in outcome.errors)
    assert any("Instansi terlalu panjang" in e for e in outcome.errors)
    assert store.db.execute("SELECT count(*) FROM users").fetchone()[0] == 0
