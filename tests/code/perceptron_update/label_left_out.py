"""Wrong on purpose (code.perceptron_update, mistake label_left_out): tests wᵀφ ≤ 0 without the
label t, so a point of class C2 on its negative side counts as misclassified."""
import numpy as np


def perceptron_update(w, phi, t, eta):
    if np.dot(w, phi) <= 0:  # should be t wᵀφ ≤ 0
        return w + eta * phi * t
    return w
