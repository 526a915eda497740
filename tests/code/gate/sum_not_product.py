"""Wrong on purpose (code.gate, mistake sum_not_product): the forward pass adds z instead of
multiplying by it; the backward pass is right."""


def gate_forward(x, y, z):
    return x + y + z  # should be (x + y) z


def gate_backward(x, y, z):
    return z, z, x + y
