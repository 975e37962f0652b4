"""A list's page: its items, total (capped), next link; and its CSV."""
from starlette.requests import Request

from linernotes.web.listing import CAP, csv_of, listing, sliced


def request(query: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/api/people", "query_string": query.encode(),
                    "headers": [(b"host", b"example.org")], "scheme": "https", "server": ("example.org", 443),
                    "root_path": ""})


def test_a_full_page_links_the_next_one_keeping_the_filters():
    page = listing(request("instrument=dombra&limit=2"), [{"id": 1}, {"id": 2}, {"id": 3}], 0, 2, total=7)
    assert page["items"] == [{"id": 1}, {"id": 2}] and page["total"] == 7 and not page["total_capped"]
    assert page["next"] == "/api/people?instrument=dombra&offset=2&limit=2"


def test_the_last_page_has_no_next():
    page = listing(request("offset=6&limit=2"), [{"id": 7}], 6, 2, total=7)
    assert page["next"] is None and page["offset"] == 6


def test_a_count_past_the_cap_says_so():
    page = listing(request(""), [{"id": n} for n in range(51)], 0, 50, total=CAP + 1)
    assert page["total"] == CAP and page["total_capped"] is True


def test_a_list_known_only_as_far_as_fetched_counts_at_least_that():
    items = [{"id": n} for n in range(10)]
    page = listing(request("limit=3&offset=3"), sliced(items, 3, 3), 3, 3)
    assert [i["id"] for i in page["items"]] == [3, 4, 5] and (page["total"], page["total_capped"]) == (7, True)
    last = listing(request("limit=3&offset=9"), sliced(items, 9, 3), 9, 3)
    assert (last["total"], last["total_capped"], last["next"]) == (10, False, None)


def test_csv_cells_that_a_spreadsheet_would_run_are_text_and_nested_values_json():
    assert csv_of([{"value": "=1+1", "n": 3, "ids": [1, 2]}, {"value": "-2", "extra": None}]).splitlines() == [
        "value,n,ids,extra", "'=1+1,3,\"[1, 2]\",", "'-2,,,"]
