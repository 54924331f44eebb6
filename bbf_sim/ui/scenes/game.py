"""What the menu screens hand each other: the data folder, the level folders, and look-ups over them.

A `GameContext` is made once (by `bbf-sim` / `bbf-sim play --levels DIR`) and passed
from scene to scene through their constructors. It reads, never caches for long:
history and settings can change between two visits to a screen (an attempt was just
recorded, a setting was just saved), so each screen asks again when it is entered.

| look-up | from |
|---|---|
| `catalogue()` | shipped levels and the user's folders (`levels.catalog.scan`): broken files listed, not raised |
| `bests()` | the player's best hit rate and attempt count per (level, mapping), from `History` |
| `tiers()` | the shipped curriculum's tiers, open or locked (`levels.progression`) |
| `settings()` / `save()` | `persistence.settings_file`, defaults without a data folder |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bbf_sim.levels.catalog import LevelEntry, scan, shipped_levels
from bbf_sim.levels.progression import TierStatus, tier_statuses, tiers_of


@dataclass(frozen=True)
class Best:
    """The player's record on one level in one mapping."""

    hit_rate: float | None  # best attempt's hit rate; None when no attempt fired a frame
    attempts: int


@dataclass(frozen=True)
class Catalogue:
    shipped: list[LevelEntry]
    user: list[LevelEntry]  # from --levels folders: always open, broken ones listed
    problems: list[str]  # folders that could not be read


@dataclass
class GameContext:
    data_dir: Path | None = None
    level_dirs: list[Path] = field(default_factory=list)
    seed: int | None = None  # a fixed first seed (tests, --seed); None: a new one per attempt
    notices: list[str] = field(default_factory=list)  # set-aside files etc., shown once on the menu
    _plays: int = 0

    # --- levels ------------------------------------------------------------------------------

    def catalogue(self) -> Catalogue:
        shipped = shipped_levels()
        if not self.level_dirs:
            return Catalogue(shipped, [], [])
        # Scanned together with the shipped folder so an id clash is reported on the user's file.
        from bbf_sim.levels.loader import shipped_levels_dir

        entries, problems = scan([shipped_levels_dir(), *self.level_dirs])
        shipped_paths = {e.path.resolve() for e in shipped}
        user = [e for e in entries if e.path.resolve() not in shipped_paths]
        return Catalogue(shipped, user, problems)

    # --- history -----------------------------------------------------------------------------

    def attempts(self, level_id: str | None = None) -> list:
        """Stored attempts (oldest first); empty without a data folder or when history is unavailable."""
        if self.data_dir is None:
            return []
        from bbf_sim.errors import UserError
        from bbf_sim.persistence.history import History

        try:
            with History.open(self.data_dir) as history:
                self.notices.extend(n for n in history.notices if n not in self.notices)
                return history.attempts(level_id)
        except UserError as exc:
            # The game goes on without history rather than failing to show a menu.
            if str(exc) not in self.notices:
                self.notices.append(str(exc))
            return []

    def bests(self) -> dict[tuple[str, str], Best]:
        out: dict[tuple[str, str], Best] = {}
        for a in self.attempts():
            if not a.completed:
                continue  # ended early: a few lucky frames must not unlock a tier
            frames = int(a.summary.get("frames") or 0)
            rate = int(a.summary.get("hits") or 0) / frames if frames else None
            old = out.get((a.level_id, a.mode), Best(None, 0))
            best = old.hit_rate if rate is None or (old.hit_rate is not None and old.hit_rate >= rate) else rate
            out[(a.level_id, a.mode)] = Best(best, old.attempts + 1)
        return out

    @staticmethod
    def best_either(bests: dict[tuple[str, str], Best]) -> dict[str, float]:
        """Best hit rate per level in either mapping: what the unlock rule reads."""
        out: dict[str, float] = {}
        for (level_id, _), b in bests.items():
            if b.hit_rate is not None:
                out[level_id] = max(out.get(level_id, 0.0), b.hit_rate)
        return out

    def tiers(self, shipped: list[LevelEntry], bests: dict[tuple[str, str], Best]) -> list[TierStatus]:
        levels = [e.level for e in shipped if e.ok]
        return tier_statuses(tiers_of(levels), self.best_either(bests))

    # --- settings ----------------------------------------------------------------------------

    def settings(self):
        from bbf_sim.persistence.settings_file import Settings, load_settings

        if self.data_dir is None:
            return Settings()
        from bbf_sim.ui.input import known_key_name

        settings, notices = load_settings(self.data_dir, key_known=known_key_name)
        self.notices.extend(n for n in notices if n not in self.notices)
        return settings

    def save(self, **changes):
        """Store changed settings (keeping the rest); returns the new settings. No data folder: not stored."""
        from bbf_sim.persistence.settings_file import Settings, save_settings

        # Validated (model_copy would not), so a bad value fails here, not on the next start.
        settings = Settings.model_validate({**self.settings().model_dump(), **changes})
        if self.data_dir is None:
            return settings
        try:
            saved = save_settings(self.data_dir, settings)
        except OSError as exc:  # a full disk, a read-only folder: the game goes on with them unsaved
            note = f"Settings not saved: cannot write them in {self.data_dir} ({exc.strerror or exc})."
        else:
            if saved is not None:
                return settings
            note = "Settings not saved: the settings file is from a newer bbf-sim (update bbf-sim to change them)."
        if note not in self.notices:
            self.notices.append(note)
        return settings

    # --- seeds ---------------------------------------------------------------------------------

    def next_seed(self) -> int:
        self._plays += 1
        if self.seed is not None:
            return self.seed + self._plays - 1
        return int.from_bytes(os.urandom(4), "little")
