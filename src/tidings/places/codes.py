"""ISO 3166 country codes: places carry alpha-2 (as GeoNames does), actors alpha-3 (as CAMEO)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1024)
def _convert(code: str | None, given: str, wanted: str) -> str | None:
    if not code:
        return None
    import pycountry  # a dependency already (the gazetteer is built from it)

    found = pycountry.countries.get(**{given: code.upper()})  # type: ignore[arg-type]
    return getattr(found, wanted) if found else None


def alpha3(alpha2_code: str | None) -> str | None:
    """'GE' → 'GEO'; None for a code ISO does not know (Kosovo's 'XK' has no alpha-3)."""
    return _convert(alpha2_code, "alpha_2", "alpha_3")


def alpha2(alpha3_code: str | None) -> str | None:
    """'GEO' → 'GE'; None for a code ISO does not know."""
    return _convert(alpha3_code, "alpha_3", "alpha_2")
