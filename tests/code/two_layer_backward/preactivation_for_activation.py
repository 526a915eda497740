"""Wrong on purpose (code.two_layer_backward, mistake preactivation_for_activation): ∂E/∂W2 = δ²
(a¹)ᵀ with the hidden pre-activations where the activations z¹ belong."""
import numpy as np


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def log_softmax(a):
    m = np.max(a)
    return a - m - np.log(np.sum(np.exp(a - m)))


def two_layer_loss(x, t, W1, b1, W2, b2):
    z1 = sigmoid(W1 @ x + b1)
    a2 = W2 @ z1 + b2
    return -np.dot(t, log_softmax(a2))


def two_layer_backward(x, t, W1, b1, W2, b2):
    a1 = W1 @ x + b1
    z1 = sigmoid(a1)
    y = np.exp(log_softmax(W2 @ z1 + b2))
    delta2 = y - t
    delta1 = z1 * (1.0 - z1) * (W2.T @ delta2)
    dW2 = np.outer(delta2, a1)  # should be np.outer(delta2, z1)
    dW1 = np.outer(delta1, x)
    return dW1, delta1, dW2, delta2
