"""Schemathesis hooks for the API contract test (tests/integration/api.rs).

`near` is any text naming a place. The OpenAPI document bounds its form (not blank) but
cannot list every place on Earth, so text the generator makes up ("0", "Ω") is well
formed yet names nowhere and is refused with a field error. Before each call, a
non-blank `near` is swapped for a real place, chosen from the generated text's length
so runs repeat exactly. Blank or missing values are left alone: they are the negative
cases the server must refuse. Of `radius_km` and `radius_mi`, only one is sent.

A request for a visit must name one of the practitioner's open times, which depend on
their hours and the clock. A well-formed `start` (and a whole `minutes`) is swapped for
one of the times the slots operation offers, chosen from the generated text's length.
"""

import requests
import schemathesis

PLACES = ["Austin, TX", "10001", "Denver, CO", "30.2672,-97.7431", "London, GB", "94110-1234"]


def _real_place(value):
    if isinstance(value, str) and value.strip():
        return PLACES[len(value) % len(PLACES)]
    return value


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    path = case.operation.path
    if path == "/api/v1/practitioners" and isinstance(case.query, dict) and "near" in case.query:
        case.query["near"] = _real_place(case.query["near"])
    # radius_km and radius_mi are two ways to give one radius, and the server refuses
    # both at once (tests/integration/usable_pages.rs checks it). OpenAPI cannot say that
    # query parameters exclude each other, so when both are generated, miles are left out.
    if path == "/api/v1/practitioners" and isinstance(case.query, dict) and "radius_km" in case.query:
        case.query.pop("radius_mi", None)
    if path == "/api/v1/match" and isinstance(case.body, dict) and "near" in case.body:
        case.body["near"] = _real_place(case.body["near"])
    _offered_start(case)



_SLOTS = {}


def _open_times(case, slug):
    if slug not in _SLOTS:
        base = case.operation.schema.get_base_url().rstrip("/")
        answer = requests.get(
            f"{base}/api/v1/practitioners/{slug}/slots", params={"days": "31"}, timeout=30
        )
        _SLOTS[slug] = answer.json().get("slots", []) if answer.status_code == 200 else []
    return _SLOTS[slug]


def _offered_start(case):
    if case.operation.path != "/api/v1/practitioners/{slug}/requests":
        return
    body, slug = case.body, (case.path_parameters or {}).get("slug")
    if not isinstance(body, dict) or not isinstance(slug, str):
        return
    start, minutes = body.get("start"), body.get("minutes")
    if not isinstance(start, str) or not start.strip():
        return
    times = _open_times(case, slug)
    if not times:
        return
    chosen = times[len(start) % len(times)]
    body["start"] = chosen["start"]
    if isinstance(minutes, (int, float)) and not isinstance(minutes, bool):
        body["minutes"] = chosen["minutes"]
