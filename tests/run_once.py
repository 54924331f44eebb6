"""A fixture's value made once in a test run, however many pytest-xdist workers ask for it."""

import os


def made_once_per_run(tmp_path_factory, name: str, make):
    """`make()`'s value, computed by one test process and read back (pickled) by the others.

    Under pytest-xdist each worker would otherwise make a session or module fixture again:
    the first worker to ask makes it under a file lock in the run's shared temporary folder,
    the others wait for it (a slow fixture that already uses both cores loses nothing).
    """
    import fcntl
    import pickle

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' folders sit side by side in the run's own
    stored = root / f"{name}.pickle"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stored.exists():
            return pickle.loads(stored.read_bytes())
        value = make()
        stored.write_bytes(pickle.dumps(value))
        return value
