# A normal submission in Python: numpy's matrix product and a sigmoid, printed.
import sys

import numpy as np

W = np.array([[1.0, -2.0], [0.5, 3.0]])
x = np.array([float(v) for v in sys.stdin.read().split()])
z = W @ x
print("z", " ".join(f"{v:.4f}" for v in z))
print("sigmoid", " ".join(f"{v:.4f}" for v in 1 / (1 + np.exp(-z))))
print("ünïcödé ok")
