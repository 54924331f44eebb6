"""How scene objects move: every path kind compiled into arrays, evaluated for many trials at once.

A level's objects (targets, other subjects, obstacles) each follow a path. All the
smooth kinds (still, linear, approaching, weave, flight, erratic) are one motion
model, `p0 + v·min(τ, τ_end) + Σ a·sin(ω·τ + φ)`, so one set of array operations
moves every object of every trial; waypoint paths are interpolated on the side.
τ is the object's own clock: level time minus a per-trial random start delay
(`jitter_s`), which is what makes two trials of a level differ.

Positions are world coordinates [m]: x right, y up, z forward from the camera, returned
axis first, shape (3, trials, objects).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the level models are only read here, never constructed
    from bbf_sim.core.rowstreams import RowStreams
    from bbf_sim.levels.schema import SceneObject

ERRATIC_COMPONENTS = 3  # sine components per axis for erratic wandering
# A wandering range under a micrometre is no wandering: its rate (speed / range) could
# overflow to infinity (1e-308 is legal TOML) and make the subject's position NaN.
MIN_WANDER_RANGE_M = 1e-6


class Motion:
    """Positions and presence of a level's objects for a batch of trials."""

    def __init__(
        self,
        objects: list[SceneObject],
        row_of_trial: np.ndarray,
        n_rows: int,
        rng: np.random.Generator | RowStreams,
    ):
        n = len(objects)
        b = len(row_of_trial)
        self.n_objects = n
        self.p0_m = np.zeros((n, 3))
        self.v_mps = np.zeros((n, 3))
        self.t_end_s = np.full(n, np.inf)
        self.appear_s = np.array([o.appear_s for o in objects], dtype=float)
        self.leave_s = np.array([o.leave_s for o in objects], dtype=float)
        # Random draws are made per *row* and shared by every trial on that row, so the
        # same seed gives the same scene in both mappings (compare pairs trials this way).
        jitter_rows = rng.random((n_rows, n)) * np.array([o.jitter_s for o in objects])
        self.jitter_s = jitter_rows[row_of_trial]  # (B, n)

        sin_obj: list[int] = []  # per sine term: its object, axis, amplitude [m], rate [rad/s] and phase per row
        sin_axis: list[int] = []
        sin_amp: list[float] = []
        sin_omega: list[np.ndarray] = []
        sin_phase: list[np.ndarray] = []
        self.waypoints: list[tuple[int, np.ndarray, np.ndarray]] = []
        for i, o in enumerate(objects):
            # Branching on the path's `kind` field itself (not a copy of it) lets the type
            # checker narrow `p` to that kind's model, so each branch reads only its own keys.
            p = o.path
            if p.kind == "still":
                self.p0_m[i] = p.at_m
            elif p.kind == "linear" or p.kind == "flight" or p.kind == "weave":
                self.p0_m[i] = p.from_m
                self.v_mps[i] = p.velocity_mps
            elif p.kind == "approaching":
                start = np.array(p.from_m, dtype=float)
                dist = float(np.linalg.norm(start))
                self.p0_m[i] = start
                self.v_mps[i] = -start / dist * p.speed_mps
                self.t_end_s[i] = max(0.0, (dist - p.stop_m) / p.speed_mps)
            elif p.kind == "erratic":
                self.p0_m[i] = p.centre_m
            elif p.kind == "waypoints":
                pts = np.array(p.points, dtype=float)
                self.waypoints.append((i, pts[:, 0], pts[:, 1:]))
            if p.kind == "weave":
                w = 2 * math.pi / p.period_s
                for axis in range(3):
                    if p.amplitude_m[axis] != 0:
                        sin_obj.append(i)
                        sin_axis.append(axis)
                        sin_amp.append(p.amplitude_m[axis])
                        sin_omega.append(np.full(n_rows, w))
                        sin_phase.append(np.zeros(n_rows))
            elif p.kind == "flight" and p.bob_m > 0:
                sin_obj.append(i)
                sin_axis.append(1)
                sin_amp.append(p.bob_m)
                sin_omega.append(np.full(n_rows, 2 * math.pi / p.bob_period_s))
                sin_phase.append(rng.random(n_rows) * 2 * math.pi)
            elif p.kind == "erratic":
                # Three sines per axis with random rates and phases: smooth, never repeating
                # the same way twice, bounded by the range, with a typical speed near speed_mps.
                weights = np.array([0.6, 0.3, 0.2])
                for axis in range(3):
                    r = p.range_m[axis]
                    if r <= 0:
                        continue
                    for k in range(ERRATIC_COMPONENTS):
                        rate = rng.uniform(0.7, 1.3, n_rows)
                        phase = rng.random(n_rows) * 2 * math.pi
                        if r < MIN_WANDER_RANGE_M:  # drawn all the same: later objects keep the seed's draws
                            continue
                        sin_obj.append(i)
                        sin_axis.append(axis)
                        sin_amp.append(r * weights[k])
                        sin_omega.append(p.speed_mps / r * (k + 1) * rate / (1 + k * 0.5))
                        sin_phase.append(phase)
        self.sin_obj = np.array(sin_obj, dtype=np.intp)  # (K,) object of each sine term
        self.sin_axis = np.array(sin_axis, dtype=np.intp)
        self.sin_amp_m = np.array(sin_amp, dtype=float)
        k = len(sin_obj)
        self.sin_omega = np.array(sin_omega).reshape(k, n_rows).T[row_of_trial] if k else np.zeros((b, 0))
        self.sin_phase = np.array(sin_phase).reshape(k, n_rows).T[row_of_trial] if k else np.zeros((b, 0))
        # The terms in groups that touch each (axis, object) at most once, in term order: one
        # fancy-indexed add per group instead of one small add per term (22 adds cost more than
        # the sines in a single-trial tick), with every element summed in the same order as before.
        self._sin_groups: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._terms_of = [[j for j, o in enumerate(sin_obj) if o == i] for i in range(n)]
        seen: dict[tuple[int, int], int] = {}
        slots: list[list[int]] = []
        for j, key in enumerate(zip(sin_axis, sin_obj, strict=True)):
            slot = seen.get(key, 0)
            seen[key] = slot + 1
            if slot == len(slots):
                slots.append([])
            slots[slot].append(j)
        for js in slots:
            js_a = np.array(js, dtype=np.intp)
            self._sin_groups.append((js_a, self.sin_axis[js_a], self.sin_obj[js_a]))

    def local_time(self, t_s: np.ndarray, trials: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Each object's own clock τ [s] for the given trials at level times t_s: shape (b, n)."""
        return np.asarray(t_s, dtype=float)[:, None] - self.jitter_s[trials]

    def present(self, t_s: np.ndarray, trials: np.ndarray | slice = slice(None)) -> np.ndarray:
        tau = self.local_time(t_s, trials)
        return (tau >= self.appear_s) & (tau < self.leave_s)

    def positions(self, t_s: np.ndarray, trials: np.ndarray | slice = slice(None)) -> np.ndarray:
        """World positions [m], axis first: shape (3, b, n), at level times t_s (one per listed trial)."""
        return self.positions_and_presence(t_s, trials)[0]

    def positions_and_presence(self, t_s: np.ndarray, trials: np.ndarray | slice = slice(None)):
        """World positions (3, b, n) [m] and presence (b, n), sharing one evaluation of the clocks."""
        tau = self.local_time(t_s, trials)  # (b, n)
        present = (tau >= self.appear_s) & (tau < self.leave_s)
        lin_t = np.minimum(tau, self.t_end_s)
        # Axis-first layout (3, b, n): each axis is one plain (b, n) operation, which numpy
        # runs far faster than broadcasting over a trailing axis of length 3.
        pos = np.empty((3,) + tau.shape)
        for axis in range(3):
            np.multiply(lin_t, self.v_mps[:, axis], out=pos[axis])
            pos[axis] += self.p0_m[:, axis]
        if len(self.sin_obj):
            terms = self.sin_amp_m * np.sin(self.sin_omega[trials] * tau[:, self.sin_obj] + self.sin_phase[trials])
            for js, axes, objs in self._sin_groups:
                pos[axes, :, objs] += terms[:, js].T
        for i, times, pts in self.waypoints:
            for axis in range(3):
                pos[axis, :, i] = np.interp(tau[:, i], times, pts[:, axis])
        return pos, present

    def positions_of(self, t_s: np.ndarray, trials: np.ndarray, objects: np.ndarray) -> np.ndarray:
        """World positions (3, k) [m] of one object per listed trial: `objects[m]` in `trials[m]` at `t_s[m]`.

        The same arithmetic as `positions`, element for element (so the same bits), for
        just the objects asked about: an exposure needs the target's motion, not everyone's.
        """
        trials = np.asarray(trials, dtype=np.intp)
        objects = np.asarray(objects, dtype=np.intp)
        tau = np.asarray(t_s, dtype=float) - self.jitter_s[trials, objects]
        lin_t = np.minimum(tau, self.t_end_s[objects])
        pos = np.empty((3, len(tau)))
        for axis in range(3):
            np.multiply(lin_t, self.v_mps[objects, axis], out=pos[axis])
            pos[axis] += self.p0_m[objects, axis]
        for i in set(objects.tolist()):
            m = objects == i
            tr = trials[m]
            for j in self._terms_of[i]:  # each object's terms in term order, as `positions` adds them
                pos[self.sin_axis[j], m] += self.sin_amp_m[j] * np.sin(
                    self.sin_omega[tr, j] * tau[m] + self.sin_phase[tr, j]
                )
        for i, times, pts in self.waypoints:
            m = objects == i
            if m.any():
                for axis in range(3):
                    pos[axis, m] = np.interp(tau[m], times, pts[:, axis])
        return pos
