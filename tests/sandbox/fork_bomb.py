# A fork bomb that stops at the first refused fork: the process limit refuses it quickly. Run as
# `fork_bomb.py MARKER [SECONDS]`: the marker names its processes on the machine; SECONDS, how long
# it holds all its processes before it ends.
import os
import sys
import time

hold = float(sys.argv[2]) if len(sys.argv) > 2 else 0
while True:
    try:
        if os.fork() == 0:
            time.sleep(30)  # the children stay, so that the limit is reached
    except OSError as error:
        print("fork refused:", error, flush=True)
        time.sleep(hold)
        raise SystemExit(1)
