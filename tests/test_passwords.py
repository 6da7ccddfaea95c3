"""Password rules (NIST SP 800-63B: length and blocklist, no composition rules) and argon2 hashing."""

from modules.auth import check_password, hash_password, verify_password


def test_long_lowercase_phrase_is_accepted_without_digits_or_symbols():
    assert check_password("kopi tubruk pagi hari") == []


def test_too_short_is_refused():
    assert "minimal 8 karakter" in check_password("abc12")[0]


def test_common_passwords_are_refused_including_local_ones_and_digit_suffixes():
    for password in ("password", "12345678", "qwertyuiop", "bismillah", "indonesia2024!", "Merdeka45"):
        assert check_password(password), password


def test_repeated_or_sequential_characters_are_refused():
    assert check_password("aaaaaaaaaa")
    assert check_password("abcdefghij")


def test_password_containing_nip_or_equal_to_name_is_refused():
    assert "NIP" in check_password("x198609262015051001", nip="198609262015051001")[0]
    assert "nama" in check_password("SitiRahmawati", name="Siti Rahmawati")[0]


def test_hash_is_argon2_and_verifies_only_the_right_password():
    hashed = hash_password("kopi tubruk pagi hari")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "kopi tubruk pagi hari")
    assert not verify_password(hashed, "kopi tubruk pagi hari!")
    assert not verify_password(None, "anything at all")
    assert not verify_password("not-a-hash", "anything at all")
