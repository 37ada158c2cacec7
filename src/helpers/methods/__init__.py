"""Economic methods shared by the themes: growth and deflation (``growth``), regional economics
(``regional``: Balassa index, shift-share) and supply concentration (``concentration``: HHI,
governance weighting, the EU criticality method). Rates and shares are fractions."""
