from __future__ import annotations

from nlu.theming.places import hotspots, mentioned_places


def test_gazetteer_aliases_and_place_noun_phrases_are_both_found() -> None:
    found = mentioned_places("lads deal by the bus stop near Vicky Park")
    assert "victoria_park" in found
    assert "np:bus stop" in found


def test_streets_and_names_never_become_places() -> None:
    found = mentioned_places("jayden lives at 12 Acacia Road by the car park")
    assert set(found) == {"np:car park"}


def test_hotspots_count_distinct_participants_and_show_trend() -> None:
    records = [
        ("p1", "2026-10", "the underpass is scary"),
        ("p1", "2026-11", "the underpass again"),
        ("p2", "2026-11", "people deal in the underpass"),
        ("p3", "2026-11", "someone followed me from the car park"),
        ("p4", "2026-10", "vicky park is fine"),
    ]
    spots = {h.place: h for h in hotspots(records)}
    assert spots["station_underpass"].participants == 2
    assert spots["station_underpass"].previous == 1
    assert spots["station_underpass"].trend == "up"
    assert spots["np:car park"].trend == "new"
    assert spots["victoria_park"].participants == 0
    assert spots["victoria_park"].trend == "down"


def test_no_records_means_no_hotspots() -> None:
    assert hotspots([]) == []
