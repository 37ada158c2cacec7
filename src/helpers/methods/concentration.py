"""Supply concentration and the EU criticality method (HHI, governance weighting, SR and EI).

- ``hhi``: Herfindahl–Hirschman index on shares 0-1 (one supplier → 1; n equal suppliers → 1/n).
- ``top_share`` / ``above_threshold``: the largest supplier's share against a threshold
  (document 004, line 374: more than 65 % from one country).
- ``scale_wgi`` / ``governance_scores``: World Bank governance estimates (about -2.5 to 2.5,
  higher is better) rescaled to 0-10 with higher = worse, as the EU method uses them.
- ``hhi_wgi``: ``Σ s_i² · WGI_i · t_i``.
- ``supply_risk``: ``SR = [HHI_WGI,GS · IR/2 + HHI_WGI,EUS · (1 − IR/2)] · (1 − EoL_RIR) · SI_SR``;
  with inputs missing it returns a *partial* indicator: the bounds that the known inputs
  allow, labelled with what is missing.
- ``economic_importance``: ``EI = Σ_s A_s · Q_s · SI_EI`` scaled to 0-10.
- ``remove_supplier``: the scenario of one country's supply falling away.

The thresholds SR ≥ 1 and EI ≥ 2.8 are those of Regulation (EU) 2024/1252, Annex II, Section 2
(the 2017 methodology); the WGI range is the World Bank's documented scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from helpers.core.formatting import fmt_number

#: Criticality thresholds of the EU method (CRMA Annex II, Section 2).
SR_THRESHOLD = 1.0
EI_THRESHOLD = 2.8
#: The scale of the WGI estimates (World Bank: approximately -2.5 to 2.5) and the 0-10 target.
WGI_LOW, WGI_HIGH = -2.5, 2.5
SCALE_MAX = 10.0
_TOL = 1e-9
#: Published shares are rounded (e.g. to 0.1 %), so listed shares may sum a little above 1.
SUM_TOLERANCE = 0.01


class ConcentrationError(ValueError):
    """Shares or indicator inputs outside their allowed range."""


def _as_series(shares: Mapping[str, float] | pd.Series | Iterable[float]) -> pd.Series:
    if isinstance(shares, pd.Series):
        s = shares.astype(float)
    elif isinstance(shares, Mapping):
        s = pd.Series(dict(shares), dtype=float)
    else:
        s = pd.Series(list(shares), dtype=float)
    if s.isna().any():
        raise ConcentrationError(
            f"shares contain missing values ({list(s[s.isna()].index)}): drop or fill them first"
        )
    if (s < -_TOL).any() or (s > 1 + _TOL).any():
        raise ConcentrationError(
            f"shares must lie in [0, 1] (fractions, not percent): {s.tolist()}"
        )
    if s.sum() > 1 + SUM_TOLERANCE:
        raise ConcentrationError(
            f"shares sum to {s.sum():.6f}, more than 1 (+{SUM_TOLERANCE} for rounding)"
        )
    return s


def hhi(shares: Mapping[str, float] | pd.Series | Iterable[float]) -> float:
    """Herfindahl–Hirschman index ``Σ s_i²`` on shares 0-1.

    Shares may sum to less than 1 (unlisted small suppliers): the result is then a lower bound.
    """
    s = _as_series(shares)
    if s.empty:
        raise ConcentrationError("hhi() needs at least one share")
    return float((s**2).sum())


def top_share(shares: Mapping[str, float] | pd.Series) -> tuple[str, float]:
    """(supplier, share) of the largest supplier."""
    s = _as_series(shares)
    if s.empty:
        raise ConcentrationError("top_share() needs at least one share")
    key = s.idxmax()
    return str(key), float(s[key])


def above_threshold(shares: Mapping[str, float] | pd.Series, threshold: float) -> bool:
    """Whether one supplier has *more than* ``threshold`` (0-1) of supply."""
    if not 0 <= threshold <= 1:
        raise ConcentrationError(f"threshold must be a share in [0, 1], got {threshold!r}")
    return top_share(shares)[1] > threshold


def scale_wgi(estimate: float | pd.Series, low: float = WGI_LOW, high: float = WGI_HIGH):
    """WGI estimate → 0-10 with higher = worse governance: ``10 · (high − x) / (high − low)``.

    Values outside [low, high] are clipped (a few countries lie just beyond ±2.5).
    """
    if high <= low:
        raise ConcentrationError("scale_wgi(): high must exceed low")
    scaled = SCALE_MAX * (high - estimate) / (high - low)
    if isinstance(scaled, pd.Series):
        return scaled.clip(0.0, SCALE_MAX)
    return min(SCALE_MAX, max(0.0, float(scaled)))


def governance_scores(
    wgi: pd.DataFrame, year: int, indicators: Iterable[str] | None = None
) -> pd.Series:
    """Scaled governance score per ISO3 code: mean of the six WGI estimates in ``year``, scaled.

    ``wgi`` is the long frame of ``read_wgi`` in ``helpers.sources`` (iso3, indicator, year,
    value).
    A country needs all the indicators to get a score (a mean over fewer would not compare).
    """
    frame = wgi[wgi["year"] == year]
    if indicators is not None:
        frame = frame[frame["indicator"].isin(list(indicators))]
    if frame.empty:
        raise ConcentrationError(f"no WGI estimates for year {year}")
    n = frame["indicator"].nunique()
    grouped = frame.groupby("iso3")["value"]
    mean = grouped.mean()[grouped.count() == n]
    return scale_wgi(mean).rename("wgi_scaled")


@dataclass(frozen=True)
class GovernanceHHI:
    """``Σ s_i² · WGI_i · t_i`` and which suppliers had no governance score."""

    value: float
    covered_share: float
    missing: tuple[str, ...] = ()


def hhi_wgi(
    shares: Mapping[str, float] | pd.Series,
    wgi: Mapping[str, float] | pd.Series,
    t: Mapping[str, float] | pd.Series | None = None,
) -> GovernanceHHI:
    """Governance-weighted HHI ``Σ s_i² · WGI_i · t_i`` (WGI scaled 0-10, t default 1).

    Suppliers without a score are left out and listed in ``missing``; ``covered_share`` is the
    share of supply that has one.
    """
    s = _as_series(shares)
    w = pd.Series(wgi, dtype=float) if not isinstance(wgi, pd.Series) else wgi.astype(float)
    if ((w < 0) | (w > SCALE_MAX)).any():
        raise ConcentrationError("WGI scores must be scaled to 0-10 (use scale_wgi)")
    tt = pd.Series(1.0, index=s.index) if t is None else pd.Series(t, dtype=float)
    tt = tt.reindex(s.index).fillna(1.0)
    if (tt < 0).any():
        raise ConcentrationError("the trade variable t must be non-negative")
    have = [k for k in s.index if k in w.index and not math.isnan(w[k])]
    missing = tuple(str(k) for k in s.index if k not in have)
    value = float(sum(s[k] ** 2 * w[k] * tt[k] for k in have))
    return GovernanceHHI(value=value, covered_share=float(s[have].sum()), missing=missing)


@dataclass(frozen=True)
class SupplyRisk:
    """The EU supply risk, or the interval the known inputs allow when some are missing."""

    value: float | None
    low: float
    high: float
    missing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def partial(self) -> bool:
        return bool(self.missing)

    def label(self) -> str:
        """Norwegian text for the report: the value, or the interval and what is missing."""
        if not self.partial:
            return fmt_number(self.value, 2)
        span = f"{fmt_number(self.low, 2)}–{fmt_number(self.high, 2)}"
        return f"{span} (delvis: mangler {', '.join(self.missing)})"


def _unit(x: float | None, name: str) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if not 0 <= x <= 1:
        raise ConcentrationError(f"{name} must lie in [0, 1], got {x!r}")
    return float(x)


def supply_risk(
    hhi_wgi_gs: float,
    hhi_wgi_eus: float | None = None,
    ir: float | None = None,
    eol_rir: float | None = None,
    si_sr: float | None = None,
) -> SupplyRisk:
    """EU supply risk ``[GS·IR/2 + EUS·(1 − IR/2)] · (1 − EoL_RIR) · SI_SR``.

    Missing inputs (None/NaN) give a partial indicator: ``value`` is None and [low, high] is
    the interval over the unknown inputs' possible values (IR, EoL_RIR and SI_SR each in
    [0, 1]; SR is linear in each, so the ends bound it). Without EU sourcing data
    (``hhi_wgi_eus``) the interval has no upper end (``high = inf``).
    """
    if hhi_wgi_gs is None or math.isnan(hhi_wgi_gs) or hhi_wgi_gs < 0:
        raise ConcentrationError(f"hhi_wgi_gs must be a non-negative number, got {hhi_wgi_gs!r}")
    ir, eol, si = _unit(ir, "IR"), _unit(eol_rir, "EoL_RIR"), _unit(si_sr, "SI_SR")
    eus = None if hhi_wgi_eus is None or math.isnan(hhi_wgi_eus) else float(hhi_wgi_eus)
    missing = []
    if eus is None:
        missing.append("HHI_WGI,EUS")
    if ir is None:
        missing.append("IR")
    if eol is None:
        missing.append("EoL_RIR")
    if si is None:
        missing.append("SI_SR")

    def core(ir_value: float, eus_value: float) -> float:
        return hhi_wgi_gs * ir_value / 2 + eus_value * (1 - ir_value / 2)

    factor_hi = (1 - (eol if eol is not None else 0.0)) * (si if si is not None else 1.0)
    factor_lo = (1 - (eol if eol is not None else 1.0)) * (si if si is not None else 0.0)
    irs = [ir] if ir is not None else [0.0, 1.0]  # linear in IR: the ends bound it
    if eus is None:
        low = min(hhi_wgi_gs * x / 2 for x in irs) * factor_lo
        return SupplyRisk(None, low, math.inf, tuple(missing))
    cores = [core(x, eus) for x in irs]
    low, high = min(cores) * factor_lo, max(cores) * factor_hi
    if not missing:
        return SupplyRisk(high, high, high, ())
    return SupplyRisk(None, low, high, tuple(missing))


def economic_importance(
    end_use_shares: Mapping[str, float],
    value_added: Mapping[str, float],
    si_ei: float = 1.0,
    scale_to: float | None = None,
) -> float:
    """EU economic importance ``Σ_s A_s · Q_s · SI_EI`` scaled to 0-10.

    ``end_use_shares`` A_s (0-1, summing to 1) per sector, ``value_added`` Q_s per sector.
    The sum is divided by ``scale_to`` (default: the largest Q_s among the sectors, which
    bounds the weighted sum because Σ A_s = 1) and multiplied by 10.
    """
    a = _as_series(end_use_shares)
    if abs(a.sum() - 1) > 1e-6:
        raise ConcentrationError(f"end-use shares must sum to 1, got {a.sum():.6f}")
    q = pd.Series(value_added, dtype=float)
    lacking = [s for s in a.index if s not in q.index]
    if lacking:
        raise ConcentrationError(f"value added missing for sector(s) {lacking}")
    if _unit(si_ei, "SI_EI") is None:
        raise ConcentrationError("SI_EI is required")
    ref = float(q[a.index].max()) if scale_to is None else float(scale_to)
    if ref <= 0:
        raise ConcentrationError("the scaling value added must be positive")
    return float(SCALE_MAX * (a * q[a.index]).sum() * si_ei / ref)


def is_critical(sr: float, ei: float) -> bool:
    """The EU rule: critical when SR ≥ 1 and EI ≥ 2.8."""
    return sr >= SR_THRESHOLD and ei >= EI_THRESHOLD


@dataclass(frozen=True)
class Disruption:
    """Supply after one supplier falls away."""

    lost_share: float
    hhi_before: float
    hhi_after: float | None
    top_before: tuple[str, float]
    top_after: tuple[str, float] | None
    remaining: pd.Series


def remove_supplier(shares: Mapping[str, float] | pd.Series, supplier: str) -> Disruption:
    """Remove ``supplier`` from supply.

    ``lost_share`` is its share of supply (0 if it is not a supplier). The remaining suppliers'
    shares are renormalised to the supply that is left (how concentrated what remains is);
    ``hhi_after`` is None when nothing listed remains.
    """
    s = _as_series(shares)
    lost = float(s.get(supplier, 0.0))
    rest = s.drop(labels=[supplier], errors="ignore")
    total = float(rest.sum())
    if total <= 0:
        return Disruption(lost, hhi(s), None, top_share(s), None, rest)
    renorm = rest / total
    return Disruption(lost, hhi(s), hhi(renorm), top_share(s), top_share(renorm), renorm)
