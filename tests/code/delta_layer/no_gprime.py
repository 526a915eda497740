"""Wrong on purpose (code.delta_layer, mistake no_gprime): the deltas carried back through the weights,
W_nextᵀ δ_next, without the layer's slope σ'(a)."""


def sigmoid_layer_delta(a, W_next, delta_next):
    return W_next.T @ delta_next  # should be σ'(a) ∘ (W_nextᵀ δ_next)
