"""Wrong on purpose (code.activation_derivatives, mistake tanh_derivative): the sigmoid's slope
written in tanh's form 1 − σ²; tanh's slope is right."""
import numpy as np


def tanh_derivative(a):
    f = np.tanh(a)
    return 1.0 - f * f


def sigmoid_derivative(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return 1.0 - s * s  # should be σ(1 − σ)
