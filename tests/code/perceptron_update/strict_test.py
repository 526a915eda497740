"""Wrong on purpose (code.perceptron_update, mistake strict_test): tests t wᵀφ < 0, so a point on
the boundary (t wᵀφ = 0) is left alone."""
import numpy as np


def perceptron_update(w, phi, t, eta):
    if t * np.dot(w, phi) < 0:  # should be ≤ 0
        return w + eta * phi * t
    return w
