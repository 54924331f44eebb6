"""Child process for the history tests: records attempts in a loop, one line per commit.

    python -m tests.persistence.history_writer DATA_DIR COUNT TAG FRAMES

COUNT 0 means forever (the crash test kills it with SIGKILL). Prints the index of
each attempt after its transaction has committed.
"""

import sys

from bbf_sim.persistence.history import History
from tests.persistence.factories import make_record


def main(data_dir: str, count: int, tag: str, n_frames: int) -> None:
    with History.open(data_dir) as history:
        i = 0
        while count == 0 or i < count:
            history.record_attempt(make_record(i, level_id=tag, n_frames=n_frames))
            print(i, flush=True)
            i += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
