"""Unified social credit code (统一社会信用代码, GB 32100-2015): checksum and normalisation.

A code has 18 characters: the registration authority (1), the organisation type
(1), the 6-digit administrative division code of the registering office, the
9-character organisation code (8 characters and a GB 11714 check character),
and a final check character computed modulo 31 over the first 17.
"""

import re
import string
import unicodedata
from operator import mul

# Uppercase letters I, O, Z, S and V are left out of the code's alphabet so
# they cannot be mistaken for 1, 0, 2, 5 and U.
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {char: index for index, char in enumerate(CHARSET)}
_WEIGHTS = [pow(3, position, 31) for position in range(17)]

# GB 11714 organisation codes use digits and all 26 letters (A=10 … Z=35).
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUE = {char: int(char, 36) for char in string.digits + string.ascii_letters}

_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")


def normalize_credit_code(value) -> str:
    """Return ``value`` as a code would be stored: upper case, no blanks or separators.

    Full-width characters (as typed by Chinese input methods) become ASCII.
    Whether the result is a valid code is for :func:`is_valid_credit_code`.
    """
    if value is None or value is False:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"[\s\-_.]", "", text).upper()


def credit_code_check_char(first17: str) -> str:
    """Return the check character (position 18) of the 17 given characters."""
    # map() rather than a generator: checked for every customer of an import
    total = sum(map(mul, map(_VALUE.__getitem__, first17), _WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def organization_code_check_char(first8: str) -> str:
    """Return the GB 11714 check character of an 8-character organisation code body."""
    total = sum(map(mul, map(_ORG_VALUE.__getitem__, first8), _ORG_WEIGHTS))
    check = 11 - total % 11
    if check == 10:
        return "X"
    return "0" if check == 11 else str(check)


def is_valid_credit_code(code: str) -> bool:
    """Tell whether ``code`` (already normalised) is a well-formed credit code.

    Both check characters are verified: the embedded organisation code's
    (GB 11714) and the code's own (GB 32100).
    """
    if not isinstance(code, str) or not _SHAPE.fullmatch(code):
        return False
    if organization_code_check_char(code[8:16]) != code[16]:
        return False
    return credit_code_check_char(code[:17]) == code[17]
