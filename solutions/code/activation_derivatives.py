"""Reference solution of code.activation_derivatives (chapter 4, tanh_derivative; PD Appendix B
"Derivative of tanh"): the slopes of tanh and of the logistic sigmoid, at the pre-activation."""
import numpy as np


def tanh_derivative(a):
    f = np.tanh(a)  # f(a) first: the slope is written with it
    return 1.0 - f * f  # f'(a) = 1 − f(a)²


def sigmoid_derivative(x):
    s = 1.0 / (1.0 + np.exp(-x))  # σ(x) first (e^−x = ∞ for x ≪ 0 gives σ = 0, as it should)
    return s * (1.0 - s)  # σ'(x) = σ(x)(1 − σ(x))
