"""Relatedness: which industries a county could grow into, from how often industries are
specialised in the same counties.

Formulas (as implemented in the Harvard Growth Lab's ``ecomplexity`` package):

- M[c, i] = 1 when county c's location quotient (RCA) in industry i, against the counties in
  total, is at least 1 (Balassa 1965);
- proximity φ[i, j] = Σ_c M[c, i] M[c, j] / max(u_i, u_j), u_i = Σ_c M[c, i] the number of
  counties specialised in i: the smaller of the two conditional probabilities of co-location
  (Hidalgo, Klinger, Barabási and Hausmann 2007, *Science* 317: 482–487);
- relatedness density ω[c, j] = Σ_i M[c, i] φ[i, j] / Σ_i φ[i, j]: the share of industry j's
  proximity that lies in industries the county is specialised in (Hidalgo et al. 2007; Balland,
  Boschma, Crespo and Rigby 2019, *Regional Studies* 53(9): 1252–1268).

With 18 counties and 35 industry groups this is a coarse measure: each proximity rests on at
most 18 observations, and broad groups hide the products and skills the method is meant for.
"""

from __future__ import annotations

import pandas as pd

from . import accounts as acc


def rca_matrix(measure: str, year: int) -> pd.DataFrame:
    """County × industry location quotient against the counties in total (NaN unpublished)."""
    table = {}
    ref = acc.levels(acc.COUNTIES_TOTAL, measure).loc[year]
    ref_share = ref[acc.industries()] / ref[acc.TOTAL]
    for county in acc.counties():
        row = acc.levels(county, measure).loc[year]
        table[county] = (row[acc.industries()] / row[acc.TOTAL]) / ref_share
    return pd.DataFrame(table).T


def proximity(m: pd.DataFrame) -> pd.DataFrame:
    """Industry × industry proximity from a binary county × industry matrix (0/1)."""
    m = m.astype(float)
    co = m.T @ m
    ubiquity = m.sum(axis=0)
    denom = pd.DataFrame(
        [[max(ubiquity[i], ubiquity[j]) for j in m.columns] for i in m.columns],
        index=m.columns, columns=m.columns)
    phi = (co / denom.where(denom > 0)).fillna(0.0)
    for i in phi.index:
        phi.loc[i, i] = 0.0  # an industry's proximity to itself does not count in the density
    return phi


def density(m: pd.DataFrame, phi: pd.DataFrame) -> pd.DataFrame:
    """County × industry relatedness density (0-1)."""
    num = m.astype(float) @ phi
    den = phi.sum(axis=0)
    return num / den.where(den > 0)


def opportunities(county: str, measure: str, year: int, n: int = 8) -> pd.DataFrame:
    """The industries the county is not specialised in, highest relatedness density first, with
    the county's quotient, the density, and the county's most proximate specialised industry."""
    rca = rca_matrix(measure, year)
    m = (rca >= 1).astype(int)
    phi = proximity(m)
    dens = density(m, phi)
    mine = m.loc[county]
    rows = []
    for ind in m.columns:
        if mine[ind] == 1 or pd.isna(rca.loc[county, ind]) or m[ind].sum() == 0:
            continue
        near = phi.loc[ind, mine[mine == 1].index]
        rows.append({"industry": ind, "density": float(dens.loc[county, ind]),
                     "lq": float(rca.loc[county, ind]),
                     "counties_specialised": int(m[ind].sum()),
                     "closest": near.idxmax() if len(near) and near.max() > 0 else "",
                     "closest_proximity": float(near.max()) if len(near) else 0.0})
    out = pd.DataFrame(rows).sort_values(["density", "lq"], ascending=False)
    return out.head(n).reset_index(drop=True)


