"""Compiled loops for each tick of `compare`'s simulator and bots, loaded only when asked for.

The glue between the simulator (and its bots) and the numba kernels: `observe` (every
object's position, presence and projection), `af_cycle` (the AF sensor's reading, the
AF state machine, the lens), `run_instants` (the tick's button events and exposures, each
frame graded), `bot_aim` and `watch` (the bots' aim and the tracker's finder habits). Each
is the numpy reference's arithmetic, operation for operation and in the same order, one
pass per trial instead of dozens of whole-array operations; `tests/core/test_kernels.py`
holds them bit-identical to it. numba is imported the first time `load()` is called, so
nothing else (the game, `dof`, `levels`) pays for it; the compiled code is cached on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import operator
import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

try:
    import fcntl
except ImportError:  # Windows: no lock; at worst two processes starting together both compile
    fcntl = None  # type: ignore[assignment]

import numpy as np

from bbf_sim.core.controls import EVENT_DTYPE, Button, outside_batch
from bbf_sim.core.kernel_aim import AimStatic as AimStatic
from bbf_sim.core.kernel_aim import bot_aim as bot_aim
from bbf_sim.core.kernel_steps import bot_steps as bot_steps
from bbf_sim.core.kernel_tables import pin
from bbf_sim.core.scoring import FRAME_DTYPE

if TYPE_CHECKING:
    from bbf_sim.core.lens import FocusMotor
    from bbf_sim.core.simulator import Simulator, Snapshot
    from bbf_sim.core.watching import Watcher

_loaded: ModuleType | None = None
log = logging.getLogger(__name__)


def available() -> bool:
    """Whether the compiled path can run: numba installed, and a working folder to compile in.

    numba compiles each kernel at its first call and words its notes with paths relative
    to the working folder: if the shell's folder was deleted, it fails mid-compile. The
    numpy path gives the same numbers without it.
    """
    try:
        os.getcwd()
    except FileNotFoundError:
        return False
    return importlib.util.find_spec("numba") is not None


def load() -> ModuleType:
    """The compiled kernels (compiling them, or loading them from numba's cache, the first time)."""
    global _loaded
    if _loaded is None:
        from bbf_sim.core import _numba_kernels  # compiles nothing: numba compiles or loads at a first call

        if drop_stale_caches(Path(__file__).parent, _cache_folder(_numba_kernels)):
            # A silent wait this long at a first `compare` would look like a hang.
            log.warning("compiling the fast kernels, once for this install: this takes a minute or less")
        _numba_kernels.warm_up()
        _loaded = _numba_kernels
    return _loaded


def _cache_folder(module: ModuleType) -> Path:
    """Where numba keeps `module`'s compiled kernels: `__pycache__` beside it, or elsewhere
    when `NUMBA_CACHE_DIR` is set or the install is read-only (numba's own choice, asked)."""
    for value in vars(module).values():
        path = getattr(getattr(value, "_cache", None), "_cache_path", None)
        if isinstance(path, str):
            return Path(path)
    return Path(module.__file__ or ".").parent / "__pycache__"


def drop_stale_caches(sources: Path, cache: Path) -> bool:
    """Delete the cached kernels in `cache` when any `sources/_numba_*.py` changed since they were made
    (or none were made yet): then True, the kernels will be compiled.

    numba keys a kernel's cache on its own file's text only, so a kernel calling a helper
    from another file (`instants` calls `expose_all` and `_advance`) would keep the old
    helper. A digest of every kernel file, kept beside the caches, notices any change; a
    lock keeps two processes starting together (`compare`'s workers, the tests') from
    deleting what the other has just checked.
    """
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(sources.glob("_numba_*.py")))).hexdigest()
    stamp = cache / "numba-sources.sha256"
    with contextlib.suppress(OSError):  # a folder numba cannot write either: it compiles every run
        cache.mkdir(parents=True, exist_ok=True)
        with open(cache / "numba-sources.lock", "w") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            if stamp.exists() and stamp.read_text() == digest:
                return False
            for f in [*cache.glob("_numba_*.nbi"), *cache.glob("_numba_*.nbc")]:
                f.unlink(missing_ok=True)
            stamp.write_text(digest)
    return True


def first_trial_of_row(rows: np.ndarray) -> np.ndarray:
    """For each trial, the first trial on its random row (`observe` copies that trial's scene)."""
    first = np.full(int(rows.max()) + 1, len(rows), np.intp)
    np.minimum.at(first, rows, np.arange(len(rows)))
    return first[rows]


def observe(k: ModuleType, sim: Simulator, t_s: float):
    """Positions (3, b, n), presence, u, v [mm] and depth [m] of every object at tick time t_s.

    Seen from the camera's aim `sim.yaw0`, `sim.pitch0`; one compiled pass.
    """
    m, b, n = sim.motion, sim.batch, len(sim.objects)
    st = _motion_static(sim)
    lent = sim._kernel_state.get("lent")
    if lent is None:  # new arrays each time: a snapshot handed out earlier keeps what it showed
        pos, present = np.empty((3, b, n)), np.empty((b, n), bool)
        u, v, depth = np.empty((b, n)), np.empty((b, n)), np.empty((b, n))
    else:  # lent snapshots: u and v from two pairs in turn, so the previous tick's stay intact through this one
        sets = lent["observation"]
        if not sets:  # (the rest, one set: about twice u and v's bytes fewer for the caches)
            shared = (np.empty((3, b, n)), np.empty((b, n), bool), np.empty((b, n)))
            sets += [(shared, np.empty((b, n)), np.empty((b, n))) for _ in "AB"]
        sets.reverse()
        (pos, present, depth), u, v = sets[0]
    twin_offset = st["twin_offset"]
    if "observe" not in st:  # the arrays that live as long as the run, as one table kept with them
        arrays = (
            m.jitter_s, m.appear_s, m.leave_s, m.t_end_s, m.p0_m, m.v_mps, st["term_at"], st["term_j"], m.sin_axis,
            m.sin_amp_m, m.sin_omega, m.sin_phase, st["wp_of"], st["wp_at"], st["wp_t"], st["wp_p"], sim._row_source,
            *st["scratch"],
        )  # fmt: skip
        st["observe"] = (pin(arrays, k.OBSERVE_PINNED), arrays)
    # When the second half is aimed as the first, the kernel copies the first half's scene and view onto it.
    k.observe_pinned(
        float(t_s), sim.yaw0, sim.pitch0, float(sim.focal_mm), pos, present, u, v, depth, twin_offset,
        st["observe"][0],
    )  # fmt: skip
    return pos, present, u, v, depth


def lend_snapshots(sim: Simulator) -> None:
    """From the next step on, `sim`'s snapshots are lent for one tick: cheaper, for a caller that drops each.

    The headless comparison's: its bots read a snapshot during their tick only. The
    observation's image positions (u, v) then come from two pairs of arrays used in turn, so
    a snapshot's stay as they were through the next step and are overwritten by the one
    after; its positions, presence and depth from one set, which the next step overwrites;
    the AF and button state are read-only views of the live arrays, which the next step
    changes, and the step's new frames a view of the frame buffer the next step overwrites;
    the lens positions are worked out when first read, during the snapshot's tick (a later first
    read raises `RuntimeError`). A caller that keeps anything longer
    copies it (reading the lens positions first); the compiled watcher keeps the last
    look's u and v for one step, by reference.
    """
    sim._kernel_state["lent"] = {"observation": [], "views": {}, "state": ((), ())}


def lent_snapshot(sim: Simulator, new_frames: np.ndarray, snapshot_cls: type[Snapshot]) -> Snapshot:
    """`Simulator.snapshot` without its copies (`lend_snapshots`): each array's read-only view made once.

    `snapshot_cls` is `Snapshot`, passed in: this module does not import the simulator's.
    """
    lent = sim._kernel_state["lent"]
    views = lent["views"]  # each observation set's views, by the set's u array
    held = views.get(id(sim._u))
    if held is None or held[0] is not sim._u:
        if len(views) > 4:  # two sets are expected
            views.clear()
        look = (sim._pos.transpose(1, 2, 0), sim._present, sim._u, sim._v, sim._depth)
        held = views[id(sim._u)] = (sim._u, tuple(readonly(a) for a in look))
    positions, present, u, v, depth = held[1]
    af = sim.af
    state = (
        af.engaged, af.phase, af.tracked, af.confirmed, af.confirm_count, sim.point_col, sim.point_row, sim.half,
        sim.full, sim.af_on, sim.frames_fired,
    )  # fmt: skip
    sources, state_views = lent["state"]
    if len(sources) != len(state) or not all(map(operator.is_, sources, state)):  # made once, unless replaced
        sources, state_views = lent["state"] = (state, tuple(readonly(a) for a in state))
    engaged, phase, tracked, confirmed, count, col, row, half, full, af_on, fired = state_views
    t_s, k = sim._obs_t, sim.kernels
    assert k is not None  # lent only on the compiled path
    # The frozen dataclass's fields set directly: its __init__ sets each through object.__setattr__,
    # which costs more than the values. Every field is given, the lens's as what works it out (a test
    # checks), so the snapshot reads as the one __init__ would make.
    snap = object.__new__(_lent_class(snapshot_cls))
    snap.__dict__.update(
        tick=sim.tick, t_s=t_s, positions_m=positions, present=present, u_mm=u, v_mm=v, depth_m=depth,
        yaw_rad=readonly(sim.yaw0), pitch_rad=readonly(sim.pitch0), _lens=(k, sim, sim.tick, t_s),
        af_engaged=engaged, af_phase=phase, af_tracked=tracked, af_confirmed=confirmed, confirm_count=count,
        point_col=col, point_row=row, half=half, full=full, af_on=af_on, frames_fired=fired, new_frames=new_frames,
        light_ev=sim.light.ev_at(t_s),
    )  # fmt: skip
    return snap


_LENT_CLASSES: dict[type, type] = {}


def _lent_class(snapshot_cls: type[Snapshot]) -> type[Snapshot]:
    """`snapshot_cls` whose `lens_D` is worked out when first read (made once)."""
    cls = _LENT_CLASSES.get(snapshot_cls)
    if cls is None:
        doc = "A lent snapshot (`lend_snapshots`): its lens positions are worked out when first read."
        lens = property(_lent_lens_D, _lent_lens_D_set, doc="(b,) focus position [dioptres]")
        cls = _LENT_CLASSES[snapshot_cls] = type("LentSnapshot", (snapshot_cls,), {"lens_D": lens, "__doc__": doc})
    return cls


def _lent_lens_D(snap: Snapshot) -> np.ndarray:
    """Where each lens is at the snapshot's time [D], worked out at the first reading: during the
    snapshot's tick, as lent snapshots are read (the lens moves at the next step). The comparison's
    bots never read it: one compiled pass a tick saved."""
    held = snap.__dict__["_lens"]
    if isinstance(held, tuple):
        k, sim, tick, t_s = held
        if sim.tick != tick:  # the lens has moved on: its position now is not the snapshot's
            raise RuntimeError(f"a lent snapshot's lens positions read at tick {sim.tick}, after its tick {tick}")
        held = snap.__dict__["_lens"] = lens_at(k, sim.motor, t_s)
    return held


def _lent_lens_D_set(snap: Snapshot, lens_D: np.ndarray) -> None:  # `dataclasses.replace` gives it
    snap.__dict__["_lens"] = lens_D


def readonly(a: np.ndarray) -> np.ndarray:
    """A read-only view of `a` (snapshots hand these out)."""
    view = a.view()
    view.flags.writeable = False
    return view


def _motion_static(sim: Simulator) -> dict:
    """The motion's arrays the kernels index by object, built once per run: waypoint paths and sine terms."""
    state = sim._kernel_state
    if "motion" not in state:
        m, b, n = sim.motion, sim.batch, len(sim.objects)
        wp_obj = np.array([i for i, _, _ in m.waypoints], dtype=np.intp)
        wp_of = np.full(n, -1, np.intp)  # each object's waypoint path (the last listed, as the reference applies them)
        wp_of[wp_obj] = np.arange(len(wp_obj))
        # Each object's sine terms, in term order: a stable sort by object keeps it.
        term_j = np.argsort(m.sin_obj, kind="stable").astype(np.intp)
        state["motion"] = {
            "wp_obj": wp_obj,
            "wp_of": wp_of,
            "wp_at": np.cumsum([0] + [len(times) for _, times, _ in m.waypoints]).astype(np.intp),
            "wp_t": np.concatenate([times for _, times, _ in m.waypoints] + [np.empty(0)]),
            "wp_p": np.ascontiguousarray(np.concatenate([pts for _, _, pts in m.waypoints] + [np.empty((0, 3))])),
            "term_at": np.searchsorted(m.sin_obj[term_j], np.arange(n + 1)).astype(np.intp),
            "term_j": term_j,
            # `observe`'s room for each trial's sine terms (in term_j's order) and waypoint positions [m].
            "scratch": (np.empty((b, len(term_j))), np.empty((b, len(wp_obj), 3))),
            # > 0 when trial k + twin_offset is on trial k's row, for every k (the comparison's two mappings).
            "twin_offset": (
                b // 2 if b % 2 == 0 and np.array_equal(sim._row_source, np.tile(np.arange(b // 2), 2)) else 0
            ),
        }
    return state["motion"]


def af_cycle(k: ModuleType, sim: Simulator, t_s: float, dt_s: float) -> None:
    """`Simulator._af_cycle` (the AF sensor's reading, the AF cycle, focus priority's release) in one pass."""
    af, sensor = sim.af, sim.af_sensor
    write_row, read_row, meas_t = af.history_rows(t_s, dt_s, sim.batch)
    state = sim._kernel_state
    if "af" not in state:  # after history_rows, which makes the history arrays
        state["af"] = _af_static(k, sim)
    table, lens_buf, _ = state["af"]  # the last: the arrays the table lists, kept alive
    light = state.get("af_light")
    if light is None or light[0] is not sensor.focus_read_s:  # the light changed the sensor's readings
        sweep_ok = sensor.readable_in_focus[None, :]
        light = state["af_light"] = (
            sensor.focus_read_s, sweep_ok, np.array([sensor.background_readable_in_focus]),
            (sweep_ok, sensor.background_readable_in_focus, sensor.defocus_matters, sensor.focus_read_s,
             sensor.background_D),
        )  # fmt: skip
    _, obj_ok, bg_ok, sweep = light
    if sensor.defocus_matters:  # log2 stays in numpy: its SIMD version differs from the C library's
        lens_D = sim.motor.position_at(t_s)
        obj_ok, bg_ok = sensor.readable_at(lens_D, 1.0 / np.maximum(sim._depth, 1e-6))
    else:
        lens_D = lens_buf  # the kernel puts the lens positions here
    k.af_cycle_pinned(
        t_s, dt_s, meas_t, write_row, read_row, lens_D, sensor.defocus_matters,
        sim._u, sim._v, sim._depth, sim._present, sim.yaw0, sim.pitch0, obj_ok, bg_ok, *sweep, table,
    )  # fmt: skip


def _af_static(k: ModuleType, sim: Simulator) -> tuple:
    """What `af_cycle` passes every tick that is the same all run: the arrays (changed in place) and
    the numbers (`_numba_af.AF_PINNED` lists them) as one table, kept with them; and the room for the lens positions."""
    af, motor, s, g = sim.af, sim.motor, sim.af.s, sim.grid
    numbers = np.array(
        [float(sim.focal_mm), g.cols, g.rows, g.step_u_mm, g.step_v_mm, *sim.area_half_mm, s.continuous,
         s.detect_latency_s, s.lock_on_s, s.tolerance_D, s.hunt_give_up_s, motor.speed_D_per_s, motor.near_limit_D,
         sim.shutter_lag_s],
        float,
    )  # fmt: skip
    arrays = (
        sim._row_source, sim.half_w_m, sim.half_h_m, sim.point_col, sim.point_row,
        af.phase, af.engage_t, af.tracked, af.lost_t, af.confirmed, af.confirm_count, af.hunt_t,
        af.last_m, af.last_meas_t, af._hist_seen, af._hist_m, af._hist_read_s, af.settle_t, af.prev_lens_D,
        af.acquisitions, af.had, af.had_at_acq,
        motor.pos_D, motor.goal_D, motor.goal_rate_D_per_s, motor.at_s,
        sim.waiting, sim.full, sim.next_exp_t, sim.committed, numbers,
    )  # fmt: skip
    return pin(arrays, k.AF_PINNED), np.empty(sim.batch), arrays


def lens_at(k: ModuleType, motor: FocusMotor, t_s: float) -> np.ndarray:
    """`FocusMotor.position_at(t_s)` for every trial, in one compiled pass (no index, no array of t_s)."""
    out = np.empty(len(motor.pos_D))
    k.lens_at(
        t_s, motor.pos_D, motor.goal_D, motor.goal_rate_D_per_s, motor.at_s, motor.speed_D_per_s, motor.near_limit_D,
        out,
    )  # fmt: skip
    return out


def split_events(k: ModuleType, sim: Simulator, batch: np.ndarray, t0: float, t1: float) -> tuple:
    """`Simulator.step`'s events split in one compiled pass: those of this tick (from t0 on, by trial
    then time) and those held for later, as new arrays."""
    counts = sim._kernel_state.get("event_counts")
    if counts is None:
        counts = sim._kernel_state["event_counts"] = np.zeros(sim.batch, np.intp)
    now, later = np.empty(len(batch), EVENT_DTYPE), np.empty(len(batch), EVENT_DTYPE)
    n_now, n_later = k.split_events(np.ascontiguousarray(batch), t0, t1, now, later, counts)
    if n_now < 0:
        raise ValueError(outside_batch(batch, sim.batch) or "an event names a trial outside this batch")
    return now[:n_now], later[:n_later]


def run_instants(k: ModuleType, sim: Simulator, events: np.ndarray, t0: float, t1: float, dt_s: float) -> None:
    """`Simulator._run_instants`: this tick's events and exposures, trial by trial; frames into sim._new_frames.

    The frames appended are a view of a buffer the next tick reuses: `Simulator.step` copies them out.
    """
    state = sim._kernel_state  # what does not change during a run, and the frame buffer reused every tick
    if "static" not in state:
        state["static"] = _instants_static(sim, dt_s)
        af, m = sim.af, sim.motor
        # The state the events and exposures change, in place (made once by `reset`, never replaced).
        state["live"] = (
            (sim.half, sim.full, sim.af_on, sim.af_on_half, sim.af_on_rear, sim.point_col, sim.point_row,
             sim.next_exp_t, sim.committed, sim.waiting, sim.frames_fired),
            (af.engaged, af.phase, af.engage_t, af.confirmed, af.tracked, af.lost_t, af.last_m, af.last_meas_t,
             af.had, af.had_at_acq, af.acquisitions),
            (m.pos_D, m.goal_D, m.goal_rate_D_per_s, m.at_s),
        )  # fmt: skip
    mo, geo, scratch, cfg, per_trial = state["static"]
    cap = sim.batch * per_trial + len(events)
    if "frames" not in state or len(state["frames"]) < cap:
        # Half as much again to spare: grown only to fit, the room and its table were made again at
        # each tick with more events than any before.
        cap += cap // 2
        state["frames"], state["rounds"] = np.zeros(cap, FRAME_DTYPE), np.zeros(cap, np.intp)
        state["exposures"] = (
            np.zeros((cap, k.EXPOSURE_FLOATS)), np.zeros((cap, k.EXPOSURE_INTS), np.intp), sim._row_source,
            np.zeros(sim.batch, np.intp), np.zeros((cap, k.SEEN_DEPTHS + len(sim.objects))),
        )  # fmt: skip
        ctl, af, motor = state["live"]
        # One table for the arrays that live as long as the run (or until the room above grows), kept with them.
        arrays = (
            *ctl, *af, *motor, sim.shake_factor, *mo, *geo[:5], geo[-1], *scratch, *state["exposures"], state["rounds"],
            np.array([*cfg, *geo[5:-1]], float),
        )  # fmt: skip
        state["pinned"] = (pin(arrays, k.INSTANTS_PINNED), arrays)
    table = state["pinned"][0]
    frame_buf = state["frames"]
    count = k.instants_pinned(
        t0, t1, dt_s, np.ascontiguousarray(events), (sim.yaw0, sim.yaw1, sim.pitch0, sim.pitch1), frame_buf, table
    )
    if count:
        sim._new_frames.append(frame_buf[:count])


def _instants_static(sim: Simulator, dt_s: float) -> tuple:
    """What `run_instants` passes every tick that does not change during a run."""
    m, n = sim.motion, len(sim.objects)
    st = _motion_static(sim)
    mo = (
        m.jitter_s, m.t_end_s, m.p0_m, m.v_mps, m.sin_obj, m.sin_axis, m.sin_amp_m, m.sin_omega, m.sin_phase,
        st["wp_obj"], st["wp_at"], st["wp_t"], st["wp_p"],
    )  # fmt: skip
    f_m = float(np.asarray(sim.focal_mm, dtype=float) / 1000.0)  # as optics.blur_circle_mm computes it
    moments = np.array(sim.moments, dtype=float).reshape(-1, 2)
    geo = (
        m.appear_s, m.leave_s, sim.half_w_m, sim.half_h_m, sim.is_target, float(sim.focal_mm),
        sim.sensor.width_mm / 2, sim.sensor.height_mm / 2, 1000.0 * (f_m * f_m / sim.aperture), f_m,
        sim.sensor.coc_mm, sim.exposure_s / 2, sim.background_D, sim.prefocus_lesson, moments,
    )  # fmt: skip
    scratch = (
        np.empty(n), np.empty(n), np.empty(n), np.empty(n), np.empty(n),
        np.empty(n, bool), np.empty(n, bool), np.empty(n, bool),
    )  # fmt: skip
    g = sim.grid
    cfg = (
        g.cols, g.rows, g.step_u_mm, g.step_v_mm, sim.frames_left, sim.burst, sim.burst_interval_s,
        sim.shutter_lag_s, sim.af.s.focus_priority, sim.motor.speed_D_per_s, sim.motor.near_limit_D,
        sim.exposure_s / 2, sim.shake_mm,
    )  # fmt: skip
    per_trial = int(dt_s / sim.burst_interval_s) + 2  # exposures one trial can take in a tick
    return mo, geo, scratch, cfg, per_trial


def watch(k: ModuleType, w: Watcher, snap: Snapshot, events: list, clear_margin: float, repress_s: float) -> None:
    """`Watcher.watch`: the finder habits in one compiled pass; the events made as the reference makes them.

    The margin and the re-press time come from the watcher (its module imports this one).
    """
    t0 = snap.t_s
    if w._static is None:
        b, g, h = len(w.style), w.grid, w.human
        source = np.arange(b) if w.row_source is None else w.row_source
        w._state = (
            w.clear_since_s, w.covered_since_s, w.judged, w.let_go, w.let_go_count, w.wrong_since_s,
            w.recheck_after_s, np.empty(b, bool), np.empty(b, bool), np.empty(b, bool),
        )  # fmt: skip
        # Each trial's row's first, two scratch flags, the objects' image half-sizes [mm·m], who lets go,
        # then the state: as one table, kept with them (`w._pinned_arrays`).
        w._pinned_arrays = (
            source, np.empty(b, bool), np.empty(b, bool), w.focal_mm * w.half_w_m, w.focal_mm * w.half_h_m,
            w.lets_go, *w._state,
        )  # fmt: skip
        w._static = (
            (g.cols, g.rows, g.step_u_mm, g.step_v_mm), w.target, g.point_half_mm, clear_margin, w.area_half_mm,
            bool(w.lets_go.any()), h.obstruction_let_go == "always", w.lock_on_s, h.reaction_median_s, h.rechecks_af,
            repress_s,
        )  # fmt: skip
        w._table = pin(w._pinned_arrays, k.WATCH_PINNED)
    # The last look by reference, not copied: a compiled snapshot's arrays stay as they were
    # through the next step (lent ones too: `lend_snapshots`). The first look passes its own.
    prev = w._prev_uv
    has_prev = prev is not None
    prev_u, prev_v, t_prev = (snap.u_mm, snap.v_mm, t0) if prev is None else prev
    off, back, recheck = w._state[-3:]
    n_off, n_back, n_recheck = k.watch_pinned(
        t0, snap.u_mm, snap.v_mm, snap.depth_m, snap.present, snap.point_col, snap.point_row, snap.af_on,
        snap.af_tracked, snap.af_engaged, snap.af_phase, snap.full, snap.yaw_rad, snap.pitch_rad, *w._static,
        has_prev, prev_u, prev_v, t_prev, w._table,
    )  # fmt: skip
    w._prev_uv = (snap.u_mm, snap.v_mm, t0)
    for count, flags, pressed in ((n_off, off, False), (n_back, back, True)):
        if count:
            idx = np.nonzero(flags)[0]
            events.append((idx, np.full(len(idx), t0), int(Button.AF_ON), pressed))
    if n_recheck:
        idx = np.nonzero(recheck)[0]
        for style, button in (("shutter", Button.HALF), ("bbf", Button.AF_ON)):
            sel = idx[w.style[idx] == style]
            if len(sel):
                events.append((sel, np.full(len(sel), t0), int(button), False))
                events.append((sel, np.full(len(sel), t0 + repress_s), int(button), True))
