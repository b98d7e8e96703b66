"""ISO 3166 country codes: places carry alpha-2 (as GeoNames does), actors alpha-3 (as CAMEO)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=512)
def alpha3(alpha2: str | None) -> str | None:
    """'GE' → 'GEO'; None for a code ISO does not know (Kosovo's 'XK' has no alpha-3)."""
    if not alpha2:
        return None
    import pycountry  # a dependency already (the gazetteer is built from it)

    found = pycountry.countries.get(alpha_2=alpha2.upper())
    return found.alpha_3 if found else None


@lru_cache(maxsize=512)
def alpha2(alpha3_code: str | None) -> str | None:
    """'GEO' → 'GE'; None for a code ISO does not know."""
    if not alpha3_code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3_code.upper())
    return found.alpha_2 if found else None
