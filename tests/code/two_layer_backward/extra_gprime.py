"""Wrong on purpose (code.two_layer_backward, mistake extra_gprime): the output deltas multiplied by
the sigmoid's slope ŷ(1 − ŷ), which a softmax with the cross-entropy does not have; every
gradient follows from them."""
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
    delta2 = y * (1.0 - y) * (y - t)  # should be y − t
    delta1 = z1 * (1.0 - z1) * (W2.T @ delta2)
    dW2 = np.outer(delta2, z1)
    dW1 = np.outer(delta1, x)
    return dW1, delta1, dW2, delta2
