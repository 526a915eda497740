"""Reference solution of code.two_layer_backward (chapter 5, delta_recursion; IC "Error
backpropagation"; PD "Error gradient: output nodes", "hidden nodes", "Partial derivatives wrt
weights"): one sample through a sigmoid hidden layer and a softmax output with the cross-entropy,
forward and backward."""
import numpy as np


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def log_softmax(a):
    """ln softmax(a)_k = a_k − m − ln Σ_j e^(a_j − m), m = max_k a_k: no overflow, and no ln 0."""
    m = np.max(a)
    return a - m - np.log(np.sum(np.exp(a - m)))


def two_layer_loss(x, t, W1, b1, W2, b2):
    """x: (d,); t: (K,) one-hot; W1: (h, d); b1: (h,); W2: (K, h); b2: (K,)."""
    a1 = W1 @ x + b1  # a¹ = W1 x + b1: (h,)
    z1 = sigmoid(a1)  # z¹ = σ(a¹): (h,)
    a2 = W2 @ z1 + b2  # a² = W2 z¹ + b2: (K,)
    return -np.dot(t, log_softmax(a2))  # E = −Σ_k t_k ln ŷ_k, ŷ = softmax(a²)


def two_layer_backward(x, t, W1, b1, W2, b2):
    """The gradients (∂E/∂W1, ∂E/∂b1, ∂E/∂W2, ∂E/∂b2), shaped as W1, b1, W2, b2."""
    # forward, as in two_layer_loss, keeping what the backward pass needs
    a1 = W1 @ x + b1  # (h,)
    z1 = sigmoid(a1)  # (h,)
    a2 = W2 @ z1 + b2  # (K,)
    y = np.exp(log_softmax(a2))  # ŷ = softmax(a²): (K,)

    # backward: the delta recursion
    delta2 = y - t  # δ² = ∂E/∂a² = ŷ − t (softmax with the cross-entropy): (K,)
    delta1 = z1 * (1.0 - z1) * (W2.T @ delta2)  # δ¹ = σ'(a¹) ∘ (W2ᵀ δ²), σ'(a¹) = z¹(1 − z¹): (h,)
    dW2 = np.outer(delta2, z1)  # ∂E/∂W2 = δ² z¹ᵀ: (K, h)
    dW1 = np.outer(delta1, x)  # ∂E/∂W1 = δ¹ xᵀ: (h, d)
    return dW1, delta1, dW2, delta2  # ∂E/∂b1 = δ¹, ∂E/∂b2 = δ²
