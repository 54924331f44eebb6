"""The game's rules over the player's data: one service the screens call, so no screen touches storage.

A `GameContext` is made once per run (by `bbf-sim` / `bbf-sim play`) and handed to
the window and the menu screens. It reads, never caches for long: history and
settings can change between two visits to a screen (an attempt was just recorded,
a setting was just saved), so each screen asks again when it is entered.

| rule / look-up | what it decides |
|---|---|
| `catalogue()` | shipped levels and the user's folders (`levels.catalog.scan`): broken files listed, not raised |
| `bests()` | best hit rate and attempt count per (level, mapping), from completed attempts only |
| `tiers()` | the shipped curriculum's tiers, open or locked (`levels.progression`) from those bests |
| `counted_mode()` | which mappings are attempts at a level (shutter-AF, BBF), not practice of a camera's menus |
| `record_play()` | a finished play kept in history with its replay, or the one-line reason it was not |
| `comparison()` | the attempts comparable with one just played: same level file, same AF mode, completed |
| `settings()` / `save()` | `persistence.settings_file`, defaults without a data folder |

No pygame here: the rules are tested without a window.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bbf_sim.errors import UserError
from bbf_sim.levels.catalog import LevelEntry, scan, shipped_levels
from bbf_sim.levels.progression import TierStatus, tier_statuses, tiers_of
from bbf_sim.practice.stored import StoredSummary

if TYPE_CHECKING:
    from bbf_sim.core.controls import Mapping
    from bbf_sim.core.recording import Recorder
    from bbf_sim.core.scoring import AttemptSummary
    from bbf_sim.levels.schema import Level
    from bbf_sim.persistence.records import StoredAttempt
    from bbf_sim.persistence.settings_file import Settings
    from bbf_sim.practice.daily import DailyPlan

# The two mappings history compares, by the names it stores them under.
COUNTED_MODES = ("shutter", "bbf")


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


@dataclass(frozen=True)
class FinishedPlay:
    """One play as it ended, as the play screen hands it over to be kept."""

    level: Level  # the level file as written
    played_level: Level  # as played: an endless round's step, the AF mode chosen on the set-up screen
    level_path: Path | None  # None: a level built in memory (tests), which history cannot pin
    mode: str | Mapping  # a set-up drill hands over a Mapping, right or wrong
    seed: int
    summary: AttemptSummary
    recorder: Recorder | None  # None: the bot played (a demo), nothing to keep
    started_at: datetime  # timezone-aware, when the briefing closed
    ticks_played: int
    ended_early: bool = False  # quit from the pause screen
    endless_step: int = 0
    brand_key: str | None = None  # the player's camera maker, stored with the attempt


@dataclass(frozen=True)
class Recorded:
    """What became of a finished play in history."""

    attempt_id: int | None  # None: not recorded
    note: str  # where it went, or why it was not recorded


@dataclass
class MappingTally:
    """One mapping's comparable attempts: per attempt, hits and frames; habits summed over them."""

    hits: list[int] = field(default_factory=list)
    frames: list[int] = field(default_factory=list)
    refocus_after_recompose: int = 0
    fired_without_af: int = 0

    def add(self, s: StoredSummary) -> None:
        self.hits.append(s.hits)
        self.frames.append(s.frames)
        self.refocus_after_recompose += s.refocus_after_recompose
        self.fired_without_af += s.fired_without_af


@dataclass(frozen=True)
class Comparison:
    """The two mappings side by side on one level, from history or (without one) this session."""

    by_mode: dict[str, MappingTally]
    source: str  # "your history" or "this session"


@dataclass(frozen=True)
class SessionPlay:
    """A play finished in this run of the game: what the session comparison needs."""

    level_id: str
    mode: str
    summary: StoredSummary


def counted_mode(mode: str | Mapping) -> str | None:
    """The stored name of a mapping history compares, or None for a set-up drill's other mappings.

    AF on both buttons or on neither is practice of a camera's menus, not an attempt at the level.
    """
    from bbf_sim.core.controls import MODES

    return next((name for name, m in MODES.items() if m == mode or name == mode), None)


@dataclass
class GameContext:
    """The application service the screens share: levels, history, settings and seeds of one run."""

    data_dir: Path | None = None
    level_dirs: list[Path] = field(default_factory=list)
    seed: int | None = None  # a fixed first seed (tests, --seed); None: a new one per attempt
    notices: list[str] = field(default_factory=list)  # set-aside files etc., shown once on the menu
    plays: list[SessionPlay] = field(default_factory=list)  # this run's finished plays, oldest first
    # Whether a keyboard key's name can be bound (the window passes `ui.input.known_key_name`):
    # a settings file binding an unknown name is set aside at load.
    key_known: Callable[[str], bool] | None = None
    _plays_started: int = 0

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

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

    def attempts(self, level_id: str | None = None) -> list[StoredAttempt]:
        """Stored attempts (oldest first); empty without a data folder or when history is unavailable."""
        if self.data_dir is None:
            return []
        from bbf_sim.practice.habit_recount import open_history

        try:
            with open_history(self.data_dir) as history:
                for n in history.notices:
                    self._notice(n)
                return history.attempts(level_id)
        except (UserError, OSError) as exc:
            # The game goes on without history rather than failing to show a menu.
            self._notice(str(exc))
            return []

    def bests(self) -> dict[tuple[str, str], Best]:
        return bests_of(self.attempts())

    def personal_best(self, level_id: str, mode: str, attempt_id: int | None, hit_rate: float) -> float | None:
        """The best hit rate before `attempt_id` on this level in this mapping, when `hit_rate` beats it.

        None when it does not, or when there was no finished attempt before: a first try
        is not a record. The results screen's personal-best moment reads this.
        """
        if attempt_id is None:
            return None
        before = [
            StoredSummary.of(a.summary).hit_rate
            for a in self.attempts(level_id)
            if a.completed and a.mode == mode and a.id < attempt_id
        ]
        rates = [r for r in before if r is not None]
        if not rates or hit_rate <= max(rates):
            return None
        return max(rates)

    @staticmethod
    def best_either(bests: dict[tuple[str, str], Best]) -> dict[str, float]:
        """Best hit rate per level in either mapping: what the unlock rule reads."""
        return best_either(bests)

    def todays_plan(self, shipped: list[LevelEntry], today: date | None = None) -> DailyPlan:
        """Today's warm-up (`warm_up_plan`): the stats screen and Daily practice show this one."""
        return warm_up_plan(self.attempts(), shipped, today)

    def tiers(self, shipped: list[LevelEntry], bests: dict[tuple[str, str], Best]) -> list[TierStatus]:
        return tiers_open(shipped, bests)

    def record_play(self, play: FinishedPlay) -> Recorded:
        """Keep a finished play: in this session's list, and (a person's) in history with its replay.

        Every attempt that got under way is kept; one ended from the pause screen is stored
        with `completed=False`, so stats show it as abandoned and leave it out of hit rates.
        Without a data folder or a level file nothing is written. A history that cannot be
        written costs the attempt, never the game: the reason comes back in `note`.
        """
        mode = counted_mode(play.mode)
        if mode is not None and not play.ended_early:
            self.plays.append(SessionPlay(play.level.id, mode, StoredSummary.of(play.summary.to_dict())))
        if play.recorder is None:
            return Recorded(None, "")  # a demo: the bot played, nothing to keep or to say
        if play.ended_early and play.ticks_played == 0:
            return Recorded(None, "ended before it started: not recorded")
        if self.data_dir is None or play.level_path is None:
            return Recorded(None, "no data folder: not recorded")
        if mode is None:
            return Recorded(None, "a set-up drill mapping: not recorded")
        from bbf_sim.levels.loader import level_hash
        from bbf_sim.practice.attempts import FinishedRun, save_attempt
        from bbf_sim.practice.habit_recount import open_history

        extra: dict[str, Any] = {"brand": play.brand_key} if play.brand_key is not None else {}
        if play.played_level is not play.level:
            # The replay re-runs the level file; these say how the level played differed from it.
            extra["level_af_mode"] = play.level.af.mode
            if play.endless_step:
                extra["endless_step"] = play.endless_step
        try:
            run = FinishedRun.from_recorder(
                play.recorder,
                level_hash(play.level_path),
                mode,
                play.seed,
                play.started_at,
                datetime.now(UTC),
                completed=not play.ended_early,
                **extra,
            )
            with open_history(self.data_dir) as history:
                saved = save_attempt(self.data_dir, history, run)
        except (UserError, OSError) as exc:
            return Recorded(None, f"not recorded: {exc}")
        kept = "recorded as abandoned" if play.ended_early else "recorded"
        return Recorded(saved.attempt_id, f"{kept}; replay {saved.replay_path.name}")

    def comparison(self, played_level: Level, level_path: Path | None, *, from_history: bool = True) -> Comparison:
        """Per mapping, the attempts comparable with one just played on `played_level`.

        From history: every completed attempt at the same level file (by hash) with the same
        AF mode, since otherwise the mappings are not what differs, and an abandoned attempt's
        few frames would skew the rate. Without any (no data folder, a level built in memory,
        a demo: `from_history=False`), this session's finished plays of the level instead.
        """
        out: dict[str, MappingTally] = {}
        if from_history and self.data_dir is not None and level_path is not None:
            from bbf_sim.levels.loader import level_hash

            try:
                digest = level_hash(level_path)
            except (UserError, OSError):
                digest = None
            for a in self.attempts(played_level.id) if digest is not None else []:
                if (
                    a.completed
                    and a.level_hash == digest
                    and a.settings.get("af_mode", played_level.af.mode) == played_level.af.mode
                ):
                    out.setdefault(a.mode, MappingTally()).add(StoredSummary.of(a.summary))
            if out:
                return Comparison(out, "your history")
        for p in self.plays:
            if p.level_id == played_level.id:
                out.setdefault(p.mode, MappingTally()).add(p.summary)
        return Comparison(out, "this session")

    # --- settings ----------------------------------------------------------------------------

    def settings(self) -> Settings:
        from bbf_sim.persistence.settings_file import Settings, load_settings

        if self.data_dir is None:
            return Settings()
        settings, notices = load_settings(self.data_dir, key_known=self.key_known)
        for n in notices:
            self._notice(n)
        return settings

    def save(self, **changes: Any) -> Settings:
        """Store changed settings (keeping the rest); returns the new settings. No data folder: not stored."""
        from bbf_sim.persistence.settings_file import Settings, save_settings

        # Validated (model_copy would not), so a bad value fails here, not on the next start.
        settings = Settings.model_validate({**self.settings().model_dump(), **changes})
        if self.data_dir is None:
            return settings
        try:
            saved = save_settings(self.data_dir, settings)
        except OSError as exc:  # a full disk, a read-only folder: the game goes on with them unsaved
            self._notice(f"Settings not saved: cannot write them in {self.data_dir} ({exc.strerror or exc}).")
            return settings
        if saved is None:
            self._notice(
                "Settings not saved: the settings file is from a newer bbf-sim (update bbf-sim to change them)."
            )
        return settings

    def settings_path(self) -> Path | None:
        """Where `save` writes; None without a data folder."""
        from bbf_sim.persistence.settings_file import settings_path

        return None if self.data_dir is None else settings_path(self.data_dir)

    @staticmethod
    def default_bindings() -> dict[str, list[str]]:
        """The camera's buttons as a new player gets them."""
        from bbf_sim.persistence.settings_file import default_bindings

        return default_bindings()

    @staticmethod
    def binding_pattern() -> re.Pattern[str]:
        """What a stored binding must look like (`key:space`, `mouse:1`, `pad:button:0`, ...)."""
        from bbf_sim.persistence.settings_file import BINDING_PATTERN

        return re.compile(BINDING_PATTERN)

    # --- seeds ---------------------------------------------------------------------------------

    def next_seed(self) -> int:
        self._plays_started += 1
        if self.seed is not None:
            return self.seed + self._plays_started - 1
        return int.from_bytes(os.urandom(4), "little")


def bests_of(attempts: list[StoredAttempt]) -> dict[tuple[str, str], Best]:
    """Best hit rate and finished attempts per (level, mapping) in these stored attempts."""
    out: dict[tuple[str, str], Best] = {}
    for a in attempts:
        if not a.completed:
            continue  # ended early: a few lucky frames must not unlock a tier
        rate = StoredSummary.of(a.summary).hit_rate
        old = out.get((a.level_id, a.mode), Best(None, 0))
        best = old.hit_rate if rate is None or (old.hit_rate is not None and old.hit_rate >= rate) else rate
        out[(a.level_id, a.mode)] = Best(best, old.attempts + 1)
    return out


def best_either(bests: dict[tuple[str, str], Best]) -> dict[str, float]:
    """Best hit rate per level in either mapping: what the unlock rule reads."""
    out: dict[str, float] = {}
    for (level_id, _), b in bests.items():
        if b.hit_rate is not None:
            out[level_id] = max(out.get(level_id, 0.0), b.hit_rate)
    return out


def tiers_open(shipped: list[LevelEntry], bests: dict[tuple[str, str], Best]) -> list[TierStatus]:
    """The shipped levels' tiers, and which are open, for these bests."""
    levels = [lv for e in shipped if (lv := e.playable) is not None]
    return tier_statuses(tiers_of(levels), best_either(bests))


def local_tz() -> tzinfo:
    """The player's time zone now: it decides which local day an attempt belongs to (`stats.points`)."""
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None  # astimezone() without an argument always gives an aware datetime
    return tz


def warm_up_plan(attempts: list[StoredAttempt], shipped: list[LevelEntry], today: date | None = None) -> DailyPlan:
    """Today's warm-up from stored attempts, among the open levels only: the one rule the stats
    screen, Daily practice and `bbf-sim stats` follow (a locked level is never recommended).

    Days are the player's local days; `today` defaults to the local date.
    """
    from bbf_sim.practice.daily import LevelInfo, daily_plan
    from bbf_sim.practice.stats import points

    open_ids = {i for s in tiers_open(shipped, bests_of(attempts)) if s.unlocked for i in s.level_ids}
    infos = [
        LevelInfo(e.id, lv.difficulty, lv.title, lv.taught_lesson, lv.bot.focus_on or "")
        for e in shipped
        if (lv := e.playable) is not None and e.id in open_ids
    ]
    tz = local_tz()
    return daily_plan(points(attempts, tz), infos, today or datetime.now(tz).date())
