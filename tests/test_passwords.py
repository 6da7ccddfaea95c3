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


def test_old_costlier_hashes_still_verify_and_are_remade_at_sign_in(store):
    import datetime as dt

    from argon2 import PasswordHasher

    from modules import auth, signin
    from tests.conftest import PASSWORD, make_learner

    user_id = make_learner(store)
    old = PasswordHasher().hash(PASSWORD)  # the library default: 64 MiB, t=3, p=4
    store.replace_password_hash(user_id, store.get_user(user_id)["password_hash"], old)
    assert auth.needs_rehash(old) and auth.verify_password(old, PASSWORD)
    outcome = signin.sign_in(store, nip=store.get_user(user_id)["nip"], password=PASSWORD,
                             now=dt.datetime.now(dt.UTC))
    assert outcome.user is not None
    remade = store.get_user(user_id)["password_hash"]
    assert remade != old and remade.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert not auth.needs_rehash(remade) and auth.verify_password(remade, PASSWORD)
