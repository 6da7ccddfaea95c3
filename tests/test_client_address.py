"""X-Forwarded-For is believed only from the configured proxy, and only the entry it wrote."""

from __future__ import annotations

import pytest

from modules.client_address import client_address, trusted_proxies


def test_a_visitor_cannot_pick_their_address_by_sending_the_header_first():
    # The visitor sent "X-Forwarded-For: 9.9.9.9"; our proxy on loopback added their real address.
    assert client_address("127.0.0.1", "9.9.9.9, 203.0.113.7") == "203.0.113.7"


def test_the_header_is_ignored_from_anyone_but_the_proxy():
    assert client_address("203.0.113.7", "9.9.9.9") == "203.0.113.7"
    # A private network is not trusted by default: only the configured proxy hop is.
    assert client_address("10.0.0.2", "9.9.9.9") == "10.0.0.2"
    assert client_address("::ffff:127.0.0.1", "203.0.113.7") == "203.0.113.7"
    assert client_address("::1", "2001:db8::5") == "2001:db8::5"


def test_no_header_or_a_broken_one_counts_the_connection_itself():
    assert client_address("127.0.0.1", None) == "127.0.0.1"
    assert client_address("127.0.0.1", "not-an-address") == "127.0.0.1"
    assert client_address(None, "203.0.113.7") is None
    assert client_address("unix-socket", "203.0.113.7") is None


def test_the_trusted_proxies_are_configurable(monkeypatch):
    monkeypatch.setenv("KELAS_TRUSTED_PROXIES", "10.0.0.2, 192.168.5.0/24")
    assert client_address("10.0.0.2", "203.0.113.7") == "203.0.113.7"
    assert client_address("192.168.5.40", "203.0.113.7") == "203.0.113.7"
    assert client_address("127.0.0.1", "203.0.113.7") == "127.0.0.1"  # loopback no longer listed
    with pytest.raises(ValueError):
        trusted_proxies("bukan-alamat")
