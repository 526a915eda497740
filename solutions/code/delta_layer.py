"""Reference solution of code.delta_layer (chapter 5, delta_recursion; PD "Error gradient: hidden
nodes"): one step of the delta recursion through a sigmoid layer."""
import numpy as np


def sigmoid_layer_delta(a, W_next, delta_next):
    """a, delta: (h,); W_next: (k, h); delta_next: (k,)."""
    z = 1.0 / (1.0 + np.exp(-a))  # z = σ(a), the layer's activations
    back = W_next.T @ delta_next  # W_nextᵀ δ_next: (h, k)(k,) → (h,)
    return z * (1.0 - z) * back  # δ = σ'(a) ∘ (W_nextᵀ δ_next), σ'(a) = z(1 − z)
