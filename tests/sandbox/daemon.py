# Leaves a process running behind it: fork, setsid, fork again, close its outputs, sleep. The PID
# namespace ends it with the run.
import os
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        devnull = os.open("/dev/null", os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        time.sleep(1000)
    os._exit(0)
os.wait()
print("daemon started", flush=True)
