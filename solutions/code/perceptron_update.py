"""Reference solution of code.perceptron_update (chapter 1, perceptron; PD "The perceptron algorithm
(7/7)"): one visit of the perceptron rule."""
import numpy as np


def perceptron_update(w, phi, t, eta):
    """w, phi: (d + 1,), the bias first; t = ±1."""
    # test: misclassified when t wᵀφ ≤ 0 (a point on the boundary too)
    if t * np.dot(w, phi) <= 0:
        return w + eta * phi * t  # add (t = +1) or subtract (t = −1): w ← w + η φ t
    return w  # correctly classified: w is kept
