"""Wrong on purpose (code.softmax, mistake off_diagonal_sign): the Jacobian's off-diagonal entries
+y_i y_j instead of −y_i y_j."""
import numpy as np


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e)


def softmax_jacobian(a):
    y = softmax(a)
    J = np.outer(y, y)  # off the diagonal: should be −y_i y_j
    np.fill_diagonal(J, y * (1.0 - y))
    return J
