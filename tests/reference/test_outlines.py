"""Country outlines shipped for the offline map."""
from __future__ import annotations

from linernotes.reference.outlines import outlines


def test_outlines_cover_the_world_in_range():
    shapes = {o.iso2: o for o in outlines() if o.iso2}
    assert len(shapes) > 150 and {"KZ", "KG", "UZ", "AZ", "RU", "US", "BR"} <= set(shapes)
    for outline in outlines():
        for ring in outline.rings:
            assert len(ring) >= 3
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)


def test_kazakhstan_outline_holds_almaty_and_astana():
    kz = next(o for o in outlines() if o.iso2 == "KZ")
    lons = [lon for ring in kz.rings for lon, _ in ring]
    lats = [lat for ring in kz.rings for _, lat in ring]
    for lon, lat in [(76.95, 43.25), (71.45, 51.17)]:
        assert min(lons) < lon < max(lons) and min(lats) < lat < max(lats)
