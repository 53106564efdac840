"""The expertise a session needs (Child Welfare Act § 14) and the area names: pure functions."""

from __future__ import annotations

from mastergroup.core.panel import (
    AREAS,
    REQUIRED_14,
    Expert,
    area_key,
    missing_expertise,
    parse_area_list,
    parse_areas,
)
from mastergroup.i18n.messages import LANGUAGES, area_name

PSY = Expert("Pertti Psykologi", "psykologi", areas=("growth_development",))
LAW = Expert("Lea Lakimies", "lakimies", areas=("law",))
DOC = Expert("Liisa Lääkäri", "lastenpsykiatri", areas=("health_care", "child_psychiatry"))


def test_every_area_has_three_names_and_is_found_by_each():
    """The catalogs name the areas (area.<key>); the core recognises each of those names, so a
    translator who renames an area fails here until core/panel.py knows the new name."""
    for key in AREAS:
        assert area_key(key) == key
        for lang in LANGUAGES:
            name = area_name(key, lang)
            assert name != key or lang == "en", (key, lang)
            assert area_key(name) == key, (key, lang, name)
            assert area_key(name.upper()) == key
            assert parse_area_list([name]) == (key,)


def test_synonyms_in_three_languages():
    assert area_key("Lastenpsykiatria") == "child_psychiatry"
    assert area_key("juridik") == "law"
    assert area_key("psychology") == "growth_development"
    assert area_key("growth_development") == "growth_development"
    assert area_key("astrology") is None


def test_section_14_needs_growth_health_and_law():
    assert REQUIRED_14 == ("growth_development", "health_care", "law")
    assert missing_expertise([], ()) == ["growth_development", "health_care", "law"]
    assert missing_expertise([PSY, LAW], ()) == ["health_care"]
    assert missing_expertise([PSY, LAW, DOC], ()) == []


def test_a_wished_area_is_missing_until_someone_covers_it():
    assert missing_expertise([PSY, LAW], ["lastenpsykiatria"], ()) == ["child_psychiatry"]
    assert missing_expertise([PSY, LAW, DOC], ["lastenpsykiatria"], ()) == []


def test_an_unknown_wish_is_met_by_a_title_containing_it():
    assert missing_expertise([DOC], ["Lastenpsykiatri"], ()) == []
    assert missing_expertise([PSY], ["perheterapia", "Perheterapia"], ()) == ["perheterapia"]


def test_repeats_are_named_once():
    assert missing_expertise([], ["law", "laki"], ("law",)) == ["law"]


def test_a_removed_expert_still_counts_for_the_session_attended():
    gone = Expert("Lea Lakimies", "lakimies", areas=("law",), removed=True)
    assert "law" not in missing_expertise([gone], ())


def test_names_by_language_and_unknown_areas_as_written():
    assert area_name("law", "fi") == "oikeudellinen asiantuntemus"
    assert area_name("law", "sv") == "juridik"
    assert area_name("law", "en") == "law"
    assert area_name("perheterapia", "fi") == "perheterapia"


def test_parse_areas_against_the_configured_list():
    allowed = (*AREAS, "perheterapia")
    assert parse_areas(["laki", "law", "Perheterapia"], allowed) == ("law", "perheterapia")
    assert parse_areas(["astrology"], allowed) == "astrology"
    assert parse_areas(["health care"], ("law",)) == "health care"  # not in this county's list


def test_parse_area_list_for_the_configuration():
    assert parse_area_list(["law", "Terveydenhuolto", "perheterapia"]) == (
        "law",
        "health_care",
        "perheterapia",
    )
    for bad in ("law", [1], [""]):
        try:
            parse_area_list(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
