#!/usr/bin/env python3
"""BMB's training loop as the slide writes it, in numpy: the reference a student would pick.

    training_benchmark_numpy.py PROBLEM_FILE

nnwb_benchmarks (training_benchmark.cpp) runs this script as BM_numpy_openblas_loop: it writes the
problem (x, y, w1, w2 as float64, row by row, N = 64, D_in = 1000, H = 100, D_out = 10) to
PROBLEM_FILE, runs this with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (so that OpenBLAS picks
its own kernel for this CPU) and OPENBLAS_NUM_THREADS=1 (one core, as the C++ loops), and reads one
line of JSON back: the seconds the 2000 iterations took (imports and reading excluded), the final
loss, and the BLAS that threadpoolctl found loaded (library, version, kernel, threads).
"""
import json
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info

N, D_in, H, D_out = 64, 1000, 100, 10
ITERATIONS, ETA = 2000, 1e-4


def main(path):
    data = np.fromfile(path, dtype=np.float64)
    sizes = [N * D_in, N * D_out, D_in * H, H * D_out]
    if data.size != sum(sizes):
        raise SystemExit(f"{path}: {data.size} numbers, expected {sum(sizes)}")
    parts = np.split(data, np.cumsum(sizes)[:-1])
    x, y = parts[0].reshape(N, D_in), parts[1].reshape(N, D_out)
    w1, w2 = parts[2].reshape(D_in, H).copy(), parts[3].reshape(H, D_out).copy()

    start = time.perf_counter()
    for _ in range(ITERATIONS):  # the slide's lines
        h = 1 / (1 + np.exp(-x.dot(w1)))
        y_pred = h.dot(w2)
        loss = np.square(y_pred - y).sum()
        grad_y_pred = 2.0 * (y_pred - y)
        grad_w2 = h.T.dot(grad_y_pred)
        grad_h = grad_y_pred.dot(w2.T)
        grad_w1 = x.T.dot(grad_h * h * (1 - h))
        w1 -= ETA * grad_w1
        w2 -= ETA * grad_w2
    seconds = time.perf_counter() - start

    blas = [{k: info.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
            for info in threadpool_info() if info.get("user_api") == "blas"]
    print(json.dumps({"seconds": seconds, "final_loss": float(loss), "numpy": np.__version__, "blas": blas}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
