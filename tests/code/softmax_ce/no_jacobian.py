"""Wrong on purpose (code.softmax_ce, mistake no_jacobian): the gradient stops at ∂E/∂y = −t/y,
without the softmax's Jacobian; the loss is right."""
import numpy as np


def log_softmax(a):
    m = np.max(a)
    return a - m - np.log(np.sum(np.exp(a - m)))


def softmax_ce_loss(a, t):
    return -np.dot(t, log_softmax(a))


def softmax_ce_gradient(a, t):
    y = np.exp(log_softmax(a))
    return -t / y  # ∂E/∂y; ∂E/∂a = Jᵀ ∂E/∂y = y − t
