"""One-time passwords: HOTP (RFC 4226) and its time-based form TOTP
(RFC 6238) with SHA-1, 6 digits and 30-second steps, as authenticator
apps compute them."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import struct
import time

DIGITS = 6
TIMESTEP = 30
# codes one step old or one step ahead still pass: phone clocks drift
WINDOW = 1


def new_secret() -> str:
    """A fresh 160-bit secret in base32, the form apps scan."""
    return base64.b32encode(os.urandom(20)).decode()


def decode_secret(secret: str) -> bytes:
    """The key bytes of a base32 secret written with spaces or in lowercase."""
    cleaned = re.sub(r'\s', '', secret or '').upper()
    return base64.b32decode(cleaned + '=' * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> int:
    digest = hmac.new(key, struct.pack('>Q', counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return value % (10 ** digits)


def totp(key: bytes, at: float | None = None, digits: int = DIGITS, timestep: int = TIMESTEP) -> int:
    moment = time.time() if at is None else at
    return hotp(key, int(moment // timestep), digits)


def match(key: bytes, code: int, at: float | None = None, window: int = WINDOW) -> int | None:
    """The time step at which ``code`` is valid around ``at``, or None."""
    moment = time.time() if at is None else at
    step = int(moment // TIMESTEP)
    for candidate in range(step - window, step + window + 1):
        if hmac.compare_digest(str(hotp(key, candidate)).zfill(DIGITS), str(code).zfill(DIGITS)):
            return candidate
    return None
