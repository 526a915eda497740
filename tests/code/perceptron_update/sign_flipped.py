"""Wrong on purpose (code.perceptron_update, mistake sign_flipped): subtracts ηφt from the weights
of a misclassified point instead of adding it."""
import numpy as np


def perceptron_update(w, phi, t, eta):
    if t * np.dot(w, phi) <= 0:
        return w - eta * phi * t  # should be w + η φ t
    return w
