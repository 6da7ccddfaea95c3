"""Self-registration chooses agency and region from the lists an admin maintains (the people they
enrolled), so a typed variant never becomes a second region that its manager does not see."""

from __future__ import annotations

from modules.i18n import t
from modules.signin import register
from tests.conftest import PASSWORD, VALID_NIP


def enrol_by_admin(store) -> None:
    store.create_user(nip="199001012020121002", nip_kind="pns", name="Budi", agency="Dinas Kesehatan",
                      region="Kab. Lebak")


def sign_up(store, *, agency: str, region: str):
    return register(store, nip=VALID_NIP, kind="pns", name="Siti Rahmawati", agency=agency, region=region,
                    password=PASSWORD, password_again=PASSWORD)


def test_a_variant_of_a_known_region_is_refused_with_a_clear_message(store):
    enrol_by_admin(store)
    outcome = sign_up(store, agency="Dinas Kesehatan", region="Kab Lebak")
    assert outcome.errors == [t("register.region_unknown")]
    assert store.get_user_by_nip(VALID_NIP) is None


def test_the_known_values_are_accepted(store):
    enrol_by_admin(store)
    assert sign_up(store, agency="Dinas Kesehatan", region="Kab. Lebak").errors == []
    assert store.get_user_by_nip(VALID_NIP)["region"] == "Kab. Lebak"


def test_self_registered_values_never_join_the_lists(store):
    enrol_by_admin(store)
    store.create_user(nip="198501012010011001", nip_kind="pns", name="Squatter", agency="Dinkes", region="Kab Lebak",
                      self_registered=True)
    assert store.known_places("region") == ["Kab. Lebak"]
    assert store.known_places("agency") == ["Dinas Kesehatan"]


def test_without_any_enrolment_yet_any_place_may_be_typed(store):
    assert store.known_places("region") == []
    assert sign_up(store, agency="Dinas Kominfo", region="Kota Serang").errors == []
