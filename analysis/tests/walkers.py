"""Stand-ins for the metadata walk, to test the parent's rule: stop a child only after a stretch
without progress, never for its total time. Imported by the forkserver's child."""

import os
import signal
import time


def steady(path, connection):
    """Reports progress every 0.1 s for 1.5 s in all, then finishes: slow but never stalled."""
    for k in range(15):
        time.sleep(0.1)
        connection.send(("progress", k + 1))
    connection.send(("done", 15))
    connection.close()


def silent(path, connection):
    """Reports once, then hangs."""
    connection.send(("progress", 1))
    time.sleep(30)


def crash(path, connection):
    os.kill(os.getpid(), signal.SIGSEGV)
