"""Wrong on purpose (code.activation_derivatives, mistake one_minus_tanh): tanh's slope 1 − tanh(a),
the square left out; the sigmoid's slope is right."""
import numpy as np


def tanh_derivative(a):
    return 1.0 - np.tanh(a)  # should be 1 − tanh(a)²


def sigmoid_derivative(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s)
