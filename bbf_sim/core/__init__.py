"""The simulation core: optics, subjects, autofocus, controls, simulator, scoring, bots.

numpy and the standard library only; this package never imports pygame (a test
proves it). Everything is deterministic: one seeded numpy Generator is passed in,
time advances in fixed ticks, and inputs carry their own timestamps.
"""
