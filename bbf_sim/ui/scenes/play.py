"""The play screen: one attempt in the live viewfinder, with the camera's buttons and pause.

The attempt itself (the simulator stepped by the player's hands or the demo bot, the
viewfinder drawn, the pause card) is `ui.live.LiveAttempt`, which the replay screen and
the set-up drill's test shot compose too. This screen gives it the keys to list for the
mapping played and what comes next: the review of the frames (`app.router.review`), or
the level again (R, or M for the other mapping, on the Ready card).
"""

from __future__ import annotations

import pygame

from bbf_sim.core.controls import mapping_for
from bbf_sim.ui.app import App, Scene
from bbf_sim.ui.live.attempt import LiveAttempt
from bbf_sim.ui.live.setups import PlayResult, PlaySetup
from bbf_sim.ui.naming import mapping_long, rear_button
from bbf_sim.ui.scenes.endless import round_line
from bbf_sim.ui.verbs import control_label

__all__ = ["PlayResult", "PlayScene", "PlaySetup", "mapping_hints"]


def mapping_hints(app: App, setup: PlaySetup) -> list[str]:
    """The keys beside the frame: which buttons focus follows the mapping played, then aim, AF point and pause."""
    b, pad = app.input.bindings, app.input.pad_last

    def first(action):
        return control_label(b, action, pad)

    if setup.demo:
        return ["the bot plays;", "any key ends the demo"]
    # Which buttons focus follows the mapping (a set-up drill's result may be any of four).
    m = mapping_for(setup.mode)
    lines = [f"{first('af_on')}  {rear_button(app.brand)}: focus"] if m.af_on_rear_button else []
    if m.af_on_half_press:
        lines += [f"{first('half')}  half: focus", f"{first('full')}  shutter"]
    else:
        lines += [f"{first('full')}  shutter", f"{first('half')}  half: meter"]
    aim, point = ("left stick", "d-pad") if pad else ("mouse", "arrows")
    return lines + [f"{aim}  aim", f"{point}  AF point", f"{first('pause')}  pause"]


def review_the_frames(app: App, live: LiveAttempt) -> Scene:
    """The attempt is over: kept in history, its frames on the review screen."""
    live.grab(app, False)
    return app.router.review(live.keep(app))


def play_again(app: App, setup: PlaySetup) -> Scene:
    """The same screen for a new attempt (R: restart; M: the other mapping)."""
    return app.router.play(setup)


class PlayScene(Scene):
    """One attempt at a level, by the player or (demo) the bot."""

    def __init__(self, setup: PlaySetup):
        self.setup = setup
        self.live = LiveAttempt(
            setup,
            finish=review_the_frames,
            again=play_again,
            hints_for=lambda app: mapping_hints(app, setup),
            mapping_words=lambda app: mapping_long(setup.mode, app.brand),
            ready_line=round_line(setup) if setup.level.endless is not None else "",
        )

    def enter(self, app: App) -> None:
        self.live.enter(app)

    def resized(self, app: App) -> None:
        self.live.resized(app)

    def update(self, app: App):
        return self.live.update(app)

    def draw(self, app: App, screen: pygame.Surface) -> None:
        self.live.draw(app, screen)

    def changed_rects(self) -> list[pygame.Rect] | None:
        # A screen built on this one that draws on its own may draw anywhere: all is presented.
        return self.live.changed_rects() if type(self).draw is PlayScene.draw else None
