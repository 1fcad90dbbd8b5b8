"""Amounts written in Chinese capital numerals (大写金额), as cheques,
invoices and contracts print them: 壹万贰仟叁佰肆拾伍元陆角柒分, or
…元整 when there are no jiao and fen."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = '零壹贰叁肆伍陆柒捌玖'
# units inside a group of four digits, from the highest
SMALL_UNITS = ('仟', '佰', '拾', '')
LIMIT = Decimal(10) ** 16


def _group_words(number: int) -> str:
    """Words of 0 < number < 10000, zeros inside marked by one 零 and
    trailing zeros dropped (1005 → 壹仟零伍, 1050 → 壹仟零伍拾)."""
    digits = f'{number:04d}'
    words = []
    pending_zero = False
    for digit, unit in zip(digits, SMALL_UNITS):
        if digit == '0':
            pending_zero = bool(words)
            continue
        if pending_zero:
            words.append('零')
            pending_zero = False
        words.append(DIGITS[int(digit)] + unit)
    return ''.join(words)


def _split_words(number: int, base: int, unit: str, lower) -> str:
    """Words of ``number`` as (number // base) ``unit`` then the rest, the
    rest led by 零 when its highest digit is zero (壹万零伍佰, 壹亿零伍)."""
    high, low = divmod(number, base)
    words = lower(high) + unit if high else ''
    if low:
        if high and low < base // 10:
            words += '零'
        words += lower(low)
    return words


def _below_100m(number: int) -> str:
    return _split_words(number, 10000, '万', _group_words)


def _integer_words(number: int) -> str:
    """Words of 0 <= number < 10^16: 亿 above 万, so 10^12 is 壹万亿."""
    return _split_words(number, 10 ** 8, '亿', _below_100m)


def amount_to_chinese(amount) -> str:
    """The amount (int, float, Decimal or numeric string) in capital words,
    rounded half up to the fen. Negative amounts and amounts from 10^16 on
    are refused with ValueError: a written amount has no sign, so a refund
    is worded by the document around it."""
    try:
        value = Decimal(str(amount)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"{amount!r} is not an amount") from exc
    if not value.is_finite():
        raise ValueError(f"{amount!r} is not an amount")
    if value < 0:
        raise ValueError(f"Negative amounts ({amount!r}) cannot be written in capital words")
    if value >= LIMIT:
        raise ValueError(f"{amount!r} is too large to be written in capital words")
    fen_total = int(value * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if fen_total == 0:
        return '零元整'
    words = _integer_words(yuan)
    if words:
        words += '元'
    if not jiao and not fen:
        return words + '整'
    if jiao:
        words += DIGITS[jiao] + '角'
    elif words:
        # 壹佰元零伍分: the missing jiao is read as a zero
        words += '零'
    if fen:
        words += DIGITS[fen] + '分'
    return words
