# Never ends: the CPU-time limit stops it (SIGXCPU).
while True:
    pass
