"""Wrong on purpose (code.activation_derivatives, mistake sigmoid_derivative): tanh's slope written in
the sigmoid's form f(1 − f), with f = tanh(a); the sigmoid's slope is right."""
import numpy as np


def tanh_derivative(a):
    f = np.tanh(a)
    return f * (1.0 - f)  # should be 1 − f²


def sigmoid_derivative(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s)
