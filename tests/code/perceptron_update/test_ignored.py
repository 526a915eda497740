"""Wrong on purpose (code.perceptron_update, mistake test_ignored): updates on every visit, even
when the point is correctly classified."""
import numpy as np


def perceptron_update(w, phi, t, eta):
    return w + eta * phi * t  # the test t wᵀφ ≤ 0 left out
