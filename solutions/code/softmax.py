"""Reference solution of code.softmax (chapter 3, softmax_jacobian; PD Appendix A "Softmax output",
"Derivative of softmax (1/4)…(4/4)"): the softmax and its Jacobian."""
import numpy as np


def softmax(a):
    """a, y: (K,)."""
    m = np.max(a)  # m = max_k a_k
    e = np.exp(a - m)  # e^(a_k − m) ≤ 1: nothing overflows
    return e / np.sum(e)  # y_k = e^(a_k − m) / Σ_j e^(a_j − m)


def softmax_jacobian(a):
    """a: (K,); J: (K, K)."""
    y = softmax(a)
    return np.diag(y) - np.outer(y, y)  # J_ij = y_i(δ_ij − y_j) = δ_ij y_i − y_i y_j
