"""Section 8: ratios between the ripple analysis's total and direct effects."""

from __future__ import annotations

import pandas as pd

from .common import ID_EMP_DIRECT, ID_EMP_TOTAL, ID_VA_DIRECT, ID_VA_TOTAL, stated_value

# --------------------------------------------------------------------------- ripple effects


def ripple_multipliers() -> pd.DataFrame:
    """Ratios of the document's total (direct + indirect + induced) to direct figures for the
    power-processing industry. Ratios of stated figures, not a model: the employment ratio
    divides FTEs by persons, as the document's figures are given."""
    va_d, va_t = stated_value(ID_VA_DIRECT), stated_value(ID_VA_TOTAL)
    em_d, em_t = stated_value(ID_EMP_DIRECT), stated_value(ID_EMP_TOTAL)
    rows = [
        ("verdiskaping", "mrd. kr", va_d, va_t, va_t - va_d, va_t / va_d,
         f"{ID_VA_DIRECT}, {ID_VA_TOTAL}"),
        ("sysselsetting", "personer / årsverk", em_d, em_t, em_t - em_d, em_t / em_d,
         f"{ID_EMP_DIRECT}, {ID_EMP_TOTAL}"),
    ]
    return pd.DataFrame(
        rows, columns=["størrelse", "enhet", "direkte", "samlet", "indirekte og avledet",
                       "multiplikator", "tall-id"]
    )


