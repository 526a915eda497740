"""Wrong on purpose (code.gate, mistake mul_not_swapped): the mul gate's local gradients not swapped:
∂f/∂q = q and ∂f/∂z = z, where each is the other input."""


def gate_forward(x, y, z):
    return (x + y) * z


def gate_backward(x, y, z):
    q = x + y
    dq = q  # should be z
    dz = z  # should be q
    return dq, dq, dz
