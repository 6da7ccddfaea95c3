"""Whose address a request comes from, for throttling: the connection's own, or, behind our proxy,
the one address that proxy vouches for.

A visitor can send any `X-Forwarded-For` they like. It is believed only when the connection comes
straight from a configured proxy (`KELAS_TRUSTED_PROXIES`, addresses or networks separated by
commas; default: this machine's loopback addresses), and then only its right-most entry: the one
that proxy wrote. Everything to its left came from the visitor.
"""

from __future__ import annotations

import ipaddress
import os

TRUSTED_PROXIES_ENV = "KELAS_TRUSTED_PROXIES"
DEFAULT_TRUSTED_PROXIES = "127.0.0.1/32, ::1/128"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(raw: str | None = None) -> tuple[Network, ...]:
    """The configured proxy networks (from the environment unless `raw` is given)."""
    if raw is None:
        raw = os.environ.get(TRUSTED_PROXIES_ENV, "").strip() or DEFAULT_TRUSTED_PROXIES
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in raw.split(",") if part.strip())


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 peer on a dual-stack socket shows up as ::ffff:a.b.c.d.
    return address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped else address


def client_address(peer: str | None, forwarded_for: str | None,
                   trusted: tuple[Network, ...] | None = None) -> str | None:
    """The client's address, or None when the connection has none (a shared anonymous bucket)."""
    peer_ip = _ip(peer) if peer else None
    if peer_ip is None:
        return None
    if forwarded_for and any(peer_ip in network for network in (trusted or trusted_proxies())):
        forwarded = _ip(forwarded_for.split(",")[-1])
        if forwarded is not None:
            return str(forwarded)
    return str(peer_ip)
