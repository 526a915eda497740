"""Wrong on purpose (code.delta_layer, mistake tanh_slope): the slope of tanh, 1 − z², for the
sigmoid's z(1 − z)."""
import numpy as np


def sigmoid_layer_delta(a, W_next, delta_next):
    z = 1.0 / (1.0 + np.exp(-a))
    return (1.0 - z * z) * (W_next.T @ delta_next)  # should be z(1 − z)
