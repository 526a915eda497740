"""Wrong on purpose (code.delta_layer, mistake gprime_at_preactivation): the slope written with the
pre-activation, a(1 − a), where σ(a)(1 − σ(a)) belongs."""


def sigmoid_layer_delta(a, W_next, delta_next):
    return a * (1.0 - a) * (W_next.T @ delta_next)  # should be z(1 − z), z = σ(a)
