"""Wrong on purpose (code.softmax, mistake no_exp): softmax normalises the logits themselves, a / Σ a,
instead of their exponentials. The Jacobian is right (it does not use this softmax)."""
import numpy as np


def softmax(a):
    return a / np.sum(a)  # should be e^(a − m) / Σ e^(a − m)


def softmax_jacobian(a):
    e = np.exp(a - np.max(a))
    y = e / np.sum(e)
    return np.diag(y) - np.outer(y, y)
