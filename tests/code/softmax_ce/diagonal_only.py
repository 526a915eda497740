"""Wrong on purpose (code.softmax_ce, mistake diagonal_only): the chain ∂E/∂a = Jᵀ ∂E/∂y through the
Jacobian's diagonal only, diag(J) ∘ (−t/y) = −t(1 − y); the loss is right."""
import numpy as np


def log_softmax(a):
    m = np.max(a)
    return a - m - np.log(np.sum(np.exp(a - m)))


def softmax_ce_loss(a, t):
    return -np.dot(t, log_softmax(a))


def softmax_ce_gradient(a, t):
    y = np.exp(log_softmax(a))
    de_dy = -t / y  # ∂E/∂y_k = −t_k/y_k
    return y * (1.0 - y) * de_dy  # only J_kk = y_k(1 − y_k): the off-diagonal −y_k y_i are missing
