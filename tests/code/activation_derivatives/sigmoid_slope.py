"""Wrong on purpose (code.activation_derivatives, mistake sigmoid_slope): tanh_derivative returns the
sigmoid's slope σ(a)(1 − σ(a)); the sigmoid's slope is right."""
import numpy as np


def sigmoid_derivative(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s)


def tanh_derivative(a):
    return sigmoid_derivative(a)  # should be 1 − tanh(a)²
