"""The hub signs each delivery with the subscription's secret: X-Hub-Signature: method=hex."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Hub-Signature"
# The methods WebSub names; sha1 only for hubs that offer nothing stronger.
METHODS = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}


def signature(body: bytes, secret: str, method: str = "sha256") -> str:
    digest = hmac.new(secret.encode(), body, METHODS[method]).hexdigest()
    return f"{method}={digest}"


def signed_by(body: bytes, header: str, secret: str) -> bool:
    """Whether `header` is a valid signature of `body` with `secret` (compared in constant time)."""
    method, _, given = header.strip().partition("=")
    if method not in METHODS or not given:
        return False
    expected = signature(body, secret, method).partition("=")[2]
    return hmac.compare_digest(expected.encode(), given.strip().lower().encode())
