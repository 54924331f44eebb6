"""The one table of the two mappings' names as the player reads them (no imports: the CLI loads it cheaply).

`MAPPING_NAMES` for columns, legends and the CLI's tables; `MAPPING_TITLES` adds the
abbreviation where a name stands alone. The keys are `core.controls.MODES`'s.
"""

MAPPING_NAMES: dict[str, str] = {"shutter": "shutter-AF", "bbf": "back-button"}
MAPPING_TITLES: dict[str, str] = {"shutter": MAPPING_NAMES["shutter"], "bbf": MAPPING_NAMES["bbf"] + " (BBF)"}
