"""Wrong on purpose (code.delta_layer, mistake gprime_at_activation): computes z = σ(a), then takes the
sigmoid's slope at z, σ(z)(1 − σ(z)): the sigmoid applied twice."""
import numpy as np


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def sigmoid_derivative(v):
    return sigmoid(v) * (1.0 - sigmoid(v))


def sigmoid_layer_delta(a, W_next, delta_next):
    z = sigmoid(a)
    return sigmoid_derivative(z) * (W_next.T @ delta_next)  # should be sigmoid_derivative(a)
