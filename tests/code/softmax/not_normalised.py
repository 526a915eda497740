"""Wrong on purpose (code.softmax, mistake not_normalised): softmax returns the shifted exponentials
e^(a − m) without dividing by their sum. The Jacobian is right (it does not use this softmax)."""
import numpy as np


def softmax(a):
    return np.exp(a - np.max(a))  # should be divided by its sum


def softmax_jacobian(a):
    e = np.exp(a - np.max(a))
    y = e / np.sum(e)
    return np.diag(y) - np.outer(y, y)
