"""Every screen at every window size the settings offer, with normal and the largest text:
no text box leaves the window, runs past the panel it is drawn in, or lands on another text."""

from __future__ import annotations

import pygame
import pytest

from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.scenes.settings import WINDOW_SIZES
from bbf_sim.ui.text import TextCache, use_text_size
from tests.ui.helpers import run_for, run_frames, start_play
from tests.ui.test_menus import ctx_for, drive, make_app
from tests.ui.test_stats_screen import history_dir  # noqa: F401 - the fixture


@pytest.fixture(autouse=True)
def _no_background_made_ahead(monkeypatch):
    """Play screens make only the background blurs they draw, not all of them before the first frame.

    `Renderer.prewarm` blurs the backdrop at every level, for the view and the thumbnails, at
    every window size here: most of this module's time. Where text lands does not depend on the
    background's pixels, and a blur a frame draws is still made when it draws it.
    """
    from bbf_sim.ui.finder.render import Renderer

    monkeypatch.setattr(Renderer, "prewarm", lambda renderer, lens_D_values: None)


class TextBoxes:
    """Records every text box blitted onto the window, with the clip (the panel) it was drawn under."""

    def __init__(self, monkeypatch):
        self.boxes: list[tuple[pygame.Rect, pygame.Rect, str]] = []
        original = TextCache.blit

        def blit(cache, target, text, pos, size_px, colour=(235, 235, 235), anchor="topleft", bold=False):
            rect = original(cache, target, text, pos, size_px, colour, anchor, bold)
            if target is pygame.display.get_surface() and text.strip():
                self.boxes.append((pygame.Rect(rect), target.get_clip(), text))
            return rect

        monkeypatch.setattr(TextCache, "blit", blit)

    def problems(self, screen: pygame.Surface) -> list[str]:
        window = screen.get_rect()
        # A glyph box carries the font's line padding above and below: its ink is the middle.
        ink = [(r.inflate(-2, -max(2, r.h // 3)), clip, text) for r, clip, text in self.boxes]
        out = []
        for r, clip, text in ink:
            if not window.contains(r):
                out.append(f"outside the window: {text!r} at {r}")
            elif clip != window and not clip.contains(r):
                out.append(f"cut by its panel {clip}: {text!r} at {r}")
        for i, (a, _, ta) in enumerate(ink):
            for b, _, tb in ink[i + 1 :]:
                if a.colliderect(b):
                    out.append(f"{ta!r} and {tb!r} overlap")
        return out


def _played_earlier(app, result, mode: str) -> None:
    """The same play in the other mapping earlier this session, as results compare them."""
    from bbf_sim.practice.session import SessionPlay
    from bbf_sim.practice.stored import StoredSummary

    summary = StoredSummary.of(result.summary.to_dict())
    app.practice.plays.append(SessionPlay(result.setup.level.id, mode, summary))


def _screens(app):
    from bbf_sim.ui.scenes.camera_setup import CameraSetupScene
    from bbf_sim.ui.scenes.level_select import LevelSelectScene
    from bbf_sim.ui.scenes.menu import MenuScene
    from bbf_sim.ui.scenes.settings import SettingsScene
    from bbf_sim.ui.scenes.stats import StatsScene

    level = load_level(resolve_level_path("trap-focus"))
    yield "menu", MenuScene(ctx_for(app))
    yield "level select", LevelSelectScene(ctx_for(app))
    yield "camera set-up", CameraSetupScene(ctx_for(app), level, resolve_level_path("trap-focus"))
    yield "settings", SettingsScene(ctx_for(app))
    from bbf_sim.ui.scenes.lesson import LessonScene

    for step in (0, 1, 3):
        yield f"lesson step {step}", LessonScene(ctx_for(app), step=step)
    from bbf_sim.ui.scenes.replays import ReplayBrowserScene

    yield "replays", ReplayBrowserScene(ctx_for(app))
    stats = StatsScene(ctx_for(app))
    yield "stats", stats
    stats.page = 1
    yield "stats numbers", stats


_DEMO_RESULTS: dict[str, object] = {}


def _panels_overlap(layout) -> list[str]:
    """The viewfinder's parts: inside the window, and none on another."""
    parts = {"frame": layout.frame, "info": layout.info, "left": layout.left, "right": layout.right}
    parts |= {f"blank {i}": r for i, r in enumerate(layout.blanks)}
    out = [f"{name} {r} leaves the window" for name, r in parts.items() if not layout.window.contains(r)]
    names = list(parts)
    for i, a in enumerate(names):
        out += [f"{a} and {b} overlap" for b in names[i + 1 :] if parts[a].colliderect(parts[b])]
    if min(layout.left.w, layout.right.w) < 90:
        out.append(f"side panels too narrow to draw: {layout.left.w}, {layout.right.w} px")
    return out


# Sizes `--size` accepts that the settings do not offer: just above the minimum, square,
# portrait, ultra-wide, 4K and the extremes of either aspect (each screen is laid out from
# the window's width and height separately, so these are the shapes that can break it).
ODD_SIZES = ((961, 541), (1000, 1000), (1100, 600), (2560, 1080), (3840, 2160), (1024, 1366), (960, 2000), (3500, 540))
CASES = [(size, "normal") for size in WINDOW_SIZES + ODD_SIZES] + [
    (size, "larger") for size in WINDOW_SIZES + ((1024, 1366), (3500, 540))
]


@pytest.mark.parametrize(("size", "text_size"), CASES, ids=[f"{w}x{h}-{t}" for (w, h), t in CASES])
def test_no_text_overflows_or_overlaps_on_any_screen(history_dir, monkeypatch, size, text_size):  # noqa: F811
    app = make_app(history_dir, size=size)
    boxes = TextBoxes(monkeypatch)
    problems = []
    try:
        use_text_size(text_size)
        for name, scene in _screens(app):
            scene = drive(app, scene, 2)
            boxes.boxes.clear()
            scene.draw(app, app.screen)
            problems += [f"{name}: {p}" for p in boxes.problems(app.screen)]
        from bbf_sim.ui.scenes.play import PlayScene, PlaySetup
        from bbf_sim.ui.scenes.results import ResultsScene
        from bbf_sim.ui.scenes.review import ReviewScene

        level = load_level(resolve_level_path("trap-focus"))
        ready = drive(app, PlayScene(PlaySetup(level=level, mode="bbf", seed=1)), 2)
        boxes.boxes.clear()
        ready.draw(app, app.screen)
        problems += [f"ready card: {p}" for p in boxes.problems(app.screen)]
        # The viewfinder in play (the HUD's panels, the info strip), laid out afresh so all is drawn.
        play = start_play(app, "landscape-hyperfocal", mode="bbf", demo=True)
        run_frames(app, play, 3)
        play.resized(app)
        boxes.boxes.clear()
        play.draw(app, app.screen)
        assert any(text.startswith("frames ") for _, _, text in boxes.boxes), "the HUD's panels were drawn"
        problems += [f"play: {p}" for p in boxes.problems(app.screen)]
        problems += [f"play: {p}" for p in _panels_overlap(play.live.layout)]
        # One demo play per test process, drawn at every size: the demo's bot plays from the
        # level and seed alone, so its result is the same at every window size (frames and
        # summary equal at 960x540 and 1920x1080); only the drawing of it depends on the size.
        if "demo" not in _DEMO_RESULTS:
            _DEMO_RESULTS["demo"] = run_for(
                app, start_play(app, "sports-obstruction", mode="shutter", demo=True), 60
            ).result
        result = _DEMO_RESULTS["demo"]
        review = ReviewScene(result)
        _played_earlier(app, result, "bbf")
        for name, scene in (("review", review), ("results", ResultsScene(result))):
            scene = drive(app, scene, 2)
            boxes.boxes.clear()
            scene.draw(app, app.screen)
            problems += [f"{name}: {p}" for p in boxes.problems(app.screen)]
    finally:
        use_text_size("normal")
        app.close()
    assert not problems, "\n".join(problems)


def test_the_checker_sees_an_overflow(monkeypatch):
    """The test above can fail: a line wider than the window, and two texts on one spot, are caught."""
    app = make_app(None, size=(960, 540))
    try:
        boxes = TextBoxes(monkeypatch)
        app.text.blit(app.screen, "x" * 200, (10, 10), 20)
        app.text.blit(app.screen, "one", (10, 100), 20)
        app.text.blit(app.screen, "two", (14, 102), 20)
        found = boxes.problems(app.screen)
        assert any("outside the window" in p for p in found) and any("overlap" in p for p in found)
    finally:
        app.close()
