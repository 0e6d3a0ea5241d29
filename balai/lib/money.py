"""Rupiah as Indonesian readers write it (pure functions)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rupiah(amount: int | Decimal) -> str:
    """Rp1.250.000: dots between thousands, no decimals (amounts are kept in whole rupiah)."""
    value = int(Decimal(amount).to_integral_value(ROUND_HALF_UP))
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(value):,}".replace(",", ".")


SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def rupiah_short(amount: int | Decimal) -> str:
    """Rp1,25 miliar: a large amount rounded to its scale, with a decimal comma, for headings
    and chart labels where the full figure is given beside it."""
    value = Decimal(amount)
    for scale, word in SCALES:
        if abs(value) >= scale:
            short = (value / scale).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
            text = f"{short:f}".replace(".", ",")
            return f"Rp{text} {word}"
    return rupiah(value)
