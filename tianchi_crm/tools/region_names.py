"""Resolution of the province / city / district names people type to administrative divisions.

Sheets write "广东", "广东省" or "广东 省", "广州" or "广州市", "恩施州" for
"恩施土家族苗族自治州". A name resolves when, among the divisions of its level
(inside its parent when the parent is known), exactly one has that name, or
the same name without its generic suffix, or starts with it.
"""

import unicodedata
from collections import defaultdict

# Longest first: "自治区" must go before "区".
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
             "自治县", "自治旗", "地区", "林区", "省", "市", "盟", "区", "县", "旗")


def clean_region_text(value) -> str:
    """Fold full-width characters and drop every blank ("广东 省" is "广东省")."""
    if value is None or value is False:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def short_region_name(name: str) -> str:
    """The name without its generic suffix, never shorter than two characters."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class RegionIndex:
    """In-memory lookup over all divisions, built once per import from (id, name, level, parent_id) rows."""

    def __init__(self, rows):
        self.parent = {}
        self.name = {}
        self._by_level = defaultdict(list)
        self._by_parent = defaultdict(list)
        for region_id, name, level, parent_id in rows:
            entry = (region_id, name, short_region_name(name))
            self.parent[region_id] = parent_id or None
            self.name[region_id] = name
            self._by_level[level].append(entry)
            self._by_parent[(level, parent_id or None)].append(entry)
        self._cache = {}
        self._resolved = {}

    def _candidates(self, level, parent_ids):
        if parent_ids is None:
            return self._by_level[level]
        found = []
        for parent_id in parent_ids:
            found.extend(self._by_parent[(level, parent_id)])
        return found

    def match(self, text, level, parent_ids=None):
        """Id of the one division of ``level`` (among the children of ``parent_ids``) named ``text``, or None."""
        text = clean_region_text(text)
        if not text:
            return None
        key = (text, level, tuple(parent_ids) if parent_ids is not None else None)
        if key not in self._cache:
            self._cache[key] = self._match(text, self._candidates(level, parent_ids))
        return self._cache[key]

    @staticmethod
    def _match(text, candidates):
        short = short_region_name(text)
        for test in (lambda e: e[1] == text,
                     lambda e: e[2] == short,
                     lambda e: len(text) >= 2 and e[1].startswith(text),
                     lambda e: text.endswith("州") and len(text) >= 3 and e[1].startswith(text[:-1])):
            found = {entry[0] for entry in candidates if test(entry)}
            if len(found) == 1:
                return found.pop()
            if found:
                return None  # ambiguous: a weaker test cannot make it less so
        return None

    def children(self, region_ids, level):
        return [entry[0] for region_id in region_ids for entry in self._by_parent[(level, region_id)]]

    def resolve(self, province, city, district):
        """Resolve the three names; return ``(province_id, city_id, district_id, problems)``.

        A missing upper level is inferred from a lower one that is unique
        ("天河区" alone gives 广东省 / 广州市). ``problems`` lists the levels given
        but not found ('province', 'city', 'district').
        """
        # an import resolves the same few places on thousands of rows
        key = (province, city, district)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(province, city, district)
        province_id, city_id, district_id, problems = self._resolved[key]
        return province_id, city_id, district_id, list(problems)

    def _resolve(self, province, city, district):
        problems = []
        province_id = self.match(province, "province") if clean_region_text(province) else None
        if clean_region_text(province) and not province_id:
            problems.append("province")
        city_id = None
        if clean_region_text(city):
            scope = [province_id] if province_id else None
            city_id = self.match(city, "city", scope)
            if not city_id:
                problems.append("city")
        district_id = None
        if clean_region_text(district):
            if city_id:
                scope = [city_id]
            elif province_id:
                scope = self.children([province_id], "city")
            else:
                scope = None
            district_id = self.match(district, "district", scope)
            if not district_id:
                problems.append("district")
        if district_id and not city_id and "city" not in problems:
            city_id = self.parent[district_id]
        if city_id and not province_id and "province" not in problems:
            province_id = self.parent[city_id]
        return province_id, city_id, district_id, tuple(problems)
