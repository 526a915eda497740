"""Wrong on purpose (code.softmax): softmax raises an exception on every call, so every result of it
is reported as raised; the Jacobian is right."""
import numpy as np


def softmax(a):
    raise ValueError("softmax is not written yet")


def softmax_jacobian(a):
    e = np.exp(a - np.max(a))
    y = e / np.sum(e)
    return np.diag(y) - np.outer(y, y)
