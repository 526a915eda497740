"""Reference solution of code.softmax_ce (chapter 3, softmax_jacobian; PD Appendix A "Derivative of
cross-entropy loss (1/2), (2/2)", "Final result"): the cross-entropy of a softmax output and its
gradient."""
import numpy as np


def log_softmax(a):
    """ln softmax(a)_k = a_k − m − ln Σ_j e^(a_j − m), m = max_k a_k: no overflow, and no ln 0."""
    m = np.max(a)
    return a - m - np.log(np.sum(np.exp(a - m)))


def softmax_ce_loss(a, t):
    """a, t: (K,), t one-hot."""
    return -np.dot(t, log_softmax(a))  # E = −Σ_k t_k ln y_k


def softmax_ce_gradient(a, t):
    """a, t: (K,); the gradient: (K,)."""
    y = np.exp(log_softmax(a))  # y = softmax(a)
    # ∂E/∂a_i = Σ_k (−t_k/y_k) y_k(δ_ki − y_i) = −t_i + y_i Σ_k t_k = y_i − t_i, as Σ_k t_k = 1
    return y - t
