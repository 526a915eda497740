"""Wrong on purpose (code.gate, mistake add_scaled): the add gate multiplies the upstream gradient by
the other input, as a mul gate would."""


def gate_forward(x, y, z):
    return (x + y) * z


def gate_backward(x, y, z):
    dq = z
    return dq * y, dq * x, x + y  # the add gate passes dq on unchanged
