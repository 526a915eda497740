"""Wrong on purpose (code.softmax, mistake no_delta): the Jacobian −y yᵀ, the δ_ij of
J_ij = y_i(δ_ij − y_j) dropped."""
import numpy as np


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e)


def softmax_jacobian(a):
    y = softmax(a)
    return -np.outer(y, y)  # should be diag(y) − y yᵀ
