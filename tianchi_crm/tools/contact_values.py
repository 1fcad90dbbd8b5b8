"""Normalisation and checks of the contact values typed into customer sheets and forms."""

import re
import unicodedata

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Separators people put inside a phone number: blanks, dashes, dots, brackets.
_PHONE_NOISE = re.compile(r"[\s\-.()\u3000]")
# A pragmatic address check: one @, a dotted domain, no blanks. Full RFC 5322
# syntax accepts things no sales team ever types and mail servers refuse.
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def _as_text(value) -> str:
    """Cell values may arrive as numbers (spreadsheets): render integers without '.0'."""
    if value is None or value is False:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def normalize_mobile(value) -> str | None:
    """Return the 11-digit mainland mobile number in ``value``, or None if it is not one.

    Accepts a +86 / 0086 / 86 prefix, blanks, dashes and full-width digits:
    ``"+86 138-0013-8000"`` gives ``"13800138000"``.
    """
    text = _PHONE_NOISE.sub("", _as_text(value))
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("86"):
            return None
        text = text[2:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("86"):
        text = text[2:]
    return text if _MOBILE.fullmatch(text) else None


def normalize_email(value) -> str:
    """Return ``value`` trimmed, full-width characters folded to ASCII, the domain lower-cased."""
    text = _as_text(value)
    local, at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}" if at else text


def is_valid_email(value) -> bool:
    """Tell whether ``value`` looks like a deliverable e-mail address."""
    return isinstance(value, str) and bool(_EMAIL.fullmatch(value.strip()))
