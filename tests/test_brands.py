"""Brand presets: every control and AF mode named the way the body does."""

import pytest

from bbf_sim.brands import BRANDS, get_brand
from bbf_sim.core.controls import Button

EXPECTED = {
    # key: (rear button, single AF, continuous AF, menu area starts with)
    "canon": ("AF-ON", "One-Shot", "AI Servo", "Custom Functions"),
    "nikon": ("AF-ON", "AF-S", "AF-C", "Custom Settings menu"),
    "sony": ("AF-ON", "AF-S", "AF-C", "Focus > AF/MF"),
    "fujifilm": ("AF-ON", "S", "C", "SET UP > BUTTON/DIAL SETTING"),
}


def test_four_brands():
    assert sorted(BRANDS) == ["canon", "fujifilm", "nikon", "sony"]


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_brand_names_controls(key):
    rear, single, continuous, area = EXPECTED[key]
    brand = get_brand(key)
    assert brand.control_label(Button.AF_ON) == rear
    assert brand.af_mode_label("af-s") == single
    assert brand.af_mode_label("af-c") == continuous
    assert brand.menu_area.startswith(area)
    assert brand.shutter_button.lower() in brand.control_label(Button.HALF).lower()
    for button in Button:
        assert brand.control_label(button)
    assert brand.behaviours


def test_alternatives_and_long_names():
    assert "AE-L/AF-L" in get_brand("nikon").rear_button_alternatives
    assert "AE-L/AF-L" in get_brand("fujifilm").rear_button_alternatives
    assert "C1" in get_brand("sony").rear_button_alternatives
    sony = get_brand("sony")
    assert sony.af_mode_label("af-s", long=True) == "Single-shot AF"
    assert sony.af_mode_label("af-c", long=True) == "Continuous AF"


@pytest.mark.parametrize("name", ["Canon", " NIKON ", "fuji", "FujiFilm"], ids=str.strip)
def test_get_brand_case_and_alias(name):
    assert get_brand(name).key in BRANDS


def test_unknown_brand_lists_choices():
    with pytest.raises(ValueError, match="canon, fujifilm, nikon, sony"):
        get_brand("pentax")


def test_unknown_af_mode():
    with pytest.raises(ValueError, match="af-s"):
        get_brand("canon").af_mode_label("af-a")
