"""Write ``src/linernotes/data/city_qids.tsv``: the Wikidata items of well-known cities, by GeoNames id.

No package on PyPI ships a GeoNames-to-Wikidata mapping for cities that works offline, so the items
below are written by hand (capitals and large cities whose item is certain; a wrong id is worse than
none, so a city whose item was not certain is left out). This script finds each city's GeoNames id in
the gazetteer (the most populous place of that name in that country) and writes the table.

    PYTHONPATH=src python tools/make_city_qids.py
"""
from __future__ import annotations

from pathlib import Path

from linernotes.reference.places import gazetteer

OUT = Path(__file__).resolve().parents[1] / "src" / "linernotes" / "data" / "city_qids.tsv"

CITIES = """
Almaty KZ Q35493; Astana KZ Q1520; Bishkek KG Q9361; Tashkent UZ Q269; Baku AZ Q9248; Dushanbe TJ Q9365;
Ashgabat TM Q23438; Tbilisi GE Q994; Yerevan AM Q1953; Moscow RU Q649; Saint Petersburg RU Q656;
Novosibirsk RU Q883; Kazan RU Q900; Yekaterinburg RU Q887; Kyiv UA Q1899; Minsk BY Q2280; Riga LV Q1773;
Vilnius LT Q216; Tallinn EE Q1770; Berlin DE Q64; Hamburg DE Q1055; Munich DE Q1726; Cologne DE Q365;
Frankfurt am Main DE Q1794; Leipzig DE Q2079; Dresden DE Q1731; Vienna AT Q1741; Salzburg AT Q34713;
Paris FR Q90; Lyon FR Q456; Marseille FR Q23482; London GB Q84; Manchester GB Q18125; Edinburgh GB Q23436;
Glasgow GB Q4093; Leeds GB Q39121; Dublin IE Q1761; Budapest HU Q1781; Prague CZ Q1085; Bratislava SK Q1780;
Warsaw PL Q270; Kraków PL Q31487; Ljubljana SI Q437; Zagreb HR Q1435; Belgrade RS Q3711; Sofia BG Q472;
Bucharest RO Q19660; Athens GR Q1524; Istanbul TR Q406; Ankara TR Q3640; Rome IT Q220; Milan IT Q490;
Venice IT Q641; Florence IT Q2044; Naples IT Q2634; Madrid ES Q2807; Barcelona ES Q1492; Lisbon PT Q597;
Amsterdam NL Q727; Brussels BE Q239; Geneva CH Q71; Zurich CH Q72; Bern CH Q70; Copenhagen DK Q1748;
Stockholm SE Q1754; Oslo NO Q585; Helsinki FI Q1757; Jerusalem IL Q1218; Tel Aviv IL Q33935;
Beirut LB Q3820; Damascus SY Q3766; Amman JO Q3805; Baghdad IQ Q1530; Tehran IR Q3616; Riyadh SA Q3692;
Dubai AE Q612; Cairo EG Q85; Casablanca MA Q7903; Algiers DZ Q3561; Tunis TN Q3572; Addis Ababa ET Q3624;
Nairobi KE Q3870; Lagos NG Q8673; Johannesburg ZA Q34647; Cape Town ZA Q5465; Kabul AF Q5838;
Karachi PK Q8660; Lahore PK Q11739; Mumbai IN Q1156; Delhi IN Q1353; Kolkata IN Q1348; Chennai IN Q1352;
Bengaluru IN Q1355; Hyderabad IN Q1361; Dhaka BD Q1354; Kathmandu NP Q3037; Bangkok TH Q1861;
Jakarta ID Q3630; Manila PH Q1461; Beijing CN Q956; Shanghai CN Q8686; Ulaanbaatar MN Q23430;
Seoul KR Q8684; Tokyo JP Q1490; New York City US Q60; Los Angeles US Q65; Chicago US Q1297; Boston US Q100;
Toronto CA Q172; Montreal CA Q340; Mexico City MX Q1489; Havana CU Q1563; Buenos Aires AR Q1486;
São Paulo BR Q174; Rio de Janeiro BR Q8678; Sydney AU Q3130; Melbourne AU Q3141
"""


def rows() -> list[tuple[int, str, str, str]]:
    out, seen = [], set()
    for entry in CITIES.replace("\n", " ").split(";"):
        *name, country, qid = entry.split()
        place = gazetteer().best(" ".join(name), country)
        if place is None:
            raise SystemExit(f"{' '.join(name)}, {country}: not in the gazetteer")
        if place.geonameid in seen or qid in {r[1] for r in out}:
            raise SystemExit(f"{' '.join(name)}: a second row for GeoNames {place.geonameid} or {qid}")
        seen.add(place.geonameid)
        out.append((place.geonameid, qid, place.name, country))
    return sorted(out, key=lambda r: (r[3], r[2]))


if __name__ == "__main__":
    with open(OUT, "w", encoding="utf-8") as handle:
        handle.write("geonameid\tqid\tname\tcountry\n")
        for row in rows():
            handle.write("\t".join(map(str, row)) + "\n")
    print(f"{OUT}: {len(rows())} cities")
