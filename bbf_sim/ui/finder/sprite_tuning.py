"""The tuning of sprite making, in one documented place: how far behind what the finder
shows may be, how work is cut into bands and spread over frames, and what it costs.

Each figure below is a trade between what the player sees and the frame time; the
reasons are in `sprites.py` (stand-ins and scheduling) and `sprite_layout.py` (blurring
at reduced size). The costs per pixel are a starting point only: each frame's measured
cost corrects them (`sprite_speed.Slowness`), so the spreading holds on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpriteTuning:
    # --- stand-ins: what the finder may show while the exact sprite is being made ---
    max_stand_in_levels: int = 3
    """How many blur levels (about 30 % each) a stand-in may be off for long."""
    max_stand_in_steps: int = 2
    """How many size steps (6 % each) a stand-in may be off for long."""
    max_stand_in_frames: int = 8
    """What is shown may match the object as it was this many frames ago at most (55 ms at 144 Hz)."""
    close_stand_in_frames: int = 72
    """A close stand-in too gives way to the exact sprite within this many frames (0.5 s at 144 Hz)."""
    max_stand_in_size_steps: int = 8
    """Beyond this many size steps (60 %) nothing stands in, however briefly."""

    # --- scheduling ---
    look_ahead_frames: int = 24
    """How far along the lens's coming path (a focus pull's) the blur levels a sprite will
    stand in for are foreseen, when choosing which one to make (`sprite_schedule.aim`)."""
    band_px: int = 60_000
    """A sprite's blur runs in bands of about this many pixels, a fraction of a millisecond each."""
    calm_share: float = 0.5
    """The part of a frame's budget for sprites that only replace a close stand-in."""
    job_kept_frames: int = 30
    """A part-made sprite not asked for in this many frames is dropped."""
    shape_cache_bytes: int = 8 * 1024 * 1024
    """Shapes averaged down, kept for the next blur level of the same size."""

    # --- blurring at reduced size (`sprite_layout.reduction`) ---
    min_reduced_blur_px: float = 8.0
    """A blur done at reduced size keeps at least this diameter there [px]."""
    big_sprite_px: int = 100_000
    """A sprite this big [px] is reduced down to half that blur."""
    max_reduction: int = 8
    """The most times smaller a sprite is blurred (1/8 of its size)."""

    # --- nominal costs [ns a pixel], measured in the bench scene (memory the kernel has
    # not given the process before costs extra, and is included) ---
    draw_ns_per_px: float = 1.7
    """A pixel of the shape drawn."""
    halve_ns_per_px: float = 1.0
    """A pixel of the image being averaged down two by two."""
    clear_ns_per_px: float = 0.5
    """A pixel of a fresh image, cleared or copied into."""
    blur_ns_per_px: float = 6.0
    """A pixel of the image being blurred by two box passes (the blur of most sprites)."""
    gauss_ns_per_tap_px: float = 0.8
    """A pixel of the image being blurred by a Gaussian (a small blur), for each of its taps
    (a Gaussian's cost grows with its taps; two boxes' does not: docs/performance.md)."""
    resize_ns_per_px: float = 2.2
    """Enlarging, a pixel of the full-size sprite."""
    step_ns: float = 40_000.0
    """A step of the work (a band), besides its pixels: resuming the work, the arrays set up
    for the band, the calls into OpenCV and pygame. A small sprite's making is mostly this."""


TUNING = SpriteTuning()
