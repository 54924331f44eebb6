"""Which screen comes next: the one place that knows every screen, so screens import none of each other.

A screen asks `app.router` for the next screen by what it is (`app.router.review(result)`),
handing it what it produced; the router builds it. The commands that open a window
(`cli.play_cmd`, `cli.replay_cmd`, `cli.setup_cmd`) give the `App` a `Router()`; a test
may give it one that records or replaces screens.

| method | screen |
|---|---|
| `menu` | the title and main menu |
| `level_select` | the curriculum by tier (or today's warm-up) |
| `camera_setup` | mapping, AF mode and body before a level |
| `play` / `review` / `results` | an attempt, its contact sheet, its numbers |
| `settings` / `stats` | bindings and window; history over the weeks |
| `setup_drill` / `setup_score` / `setup_verify` | the AF-ON set-up drill, its score, its test shot |
| `replays` / `replay` | the stats screen's replay browser; one replay in the viewfinder |
| `lesson` | the first lesson: the buttons, half-press or AF-ON, one recompose, one review |
"""

from __future__ import annotations

from bbf_sim.ui.scenes.camera_setup import CameraSetupScene
from bbf_sim.ui.scenes.lesson import LessonScene
from bbf_sim.ui.scenes.level_select import LevelSelectScene
from bbf_sim.ui.scenes.menu import MenuScene
from bbf_sim.ui.scenes.play import PlayScene
from bbf_sim.ui.scenes.replay import ReplayScene, replay_setup
from bbf_sim.ui.scenes.replays import ReplayBrowserScene
from bbf_sim.ui.scenes.results import ResultsScene
from bbf_sim.ui.scenes.review import ReviewScene
from bbf_sim.ui.scenes.settings import SettingsScene
from bbf_sim.ui.scenes.setup_drill.menu_scene import SetupDrillScene
from bbf_sim.ui.scenes.setup_drill.score_scene import SetupScoreScene
from bbf_sim.ui.scenes.setup_drill.verify_scene import VerifyScene
from bbf_sim.ui.scenes.stats import StatsScene


class Router:
    """Builds each screen from what the last one produced."""

    def menu(self, ctx, selected: int = 0):
        return MenuScene(ctx, selected)

    def level_select(self, ctx, back=None, daily: bool = False, selected_id: str = ""):
        return LevelSelectScene(ctx, back, daily, selected_id)

    def camera_setup(self, ctx, level, level_path, back=None, mode: str | None = None):
        return CameraSetupScene(ctx, level, level_path, back=back, mode=mode)

    def play(self, setup):
        return PlayScene(setup)

    def review(self, result, selected: int | None = None, note: str | None = None, then=None):
        return ReviewScene(result, selected, note=note, then=then)

    def results(self, result):
        return ResultsScene(result)

    def settings(self, ctx, back=None):
        return SettingsScene(ctx, back=back)

    def stats(self, ctx, back=None):
        return StatsScene(ctx, back=back)

    def setup_drill(self, brand_key: str, ctx=None, back=None):
        return SetupDrillScene(brand_key, ctx=ctx, back=back)

    def setup_score(self, drill_scene, outcome=None):
        return SetupScoreScene(drill_scene, outcome)

    def setup_verify(self, drill_scene):
        return VerifyScene(drill_scene)

    def replays(self, ctx, level_id: str | None = None, title: str = "", back=None):
        return ReplayBrowserScene(ctx, level_id, title, back=back)

    def replay_setup(self, level, replay, level_path=None):
        return replay_setup(level, replay, level_path)

    def replay(self, setup, replay, speed: float = 1.0):
        return ReplayScene(setup, replay, speed)

    def lesson(self, ctx, back=None):
        return LessonScene(ctx, back=back)
