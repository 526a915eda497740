"""Reference solution of code.gate (chapter 6, graph_xyz; BMB "Backpropagation: Simple Example"):
f(x, y, z) = (x + y)z, forward and backward."""


def gate_forward(x, y, z):
    q = x + y  # add gate
    return q * z  # mul gate: f = q z


def gate_backward(x, y, z):
    q = x + y  # in the forward pass this was: q = x + y, f = q z
    df = 1.0  # ∂f/∂f
    dq = z * df  # mul gate, local gradient the other input: ∂f/∂q = z
    dz = q * df  # ∂f/∂z = q
    dx = 1.0 * dq  # add gate, local gradient 1: passes ∂f/∂q on to x
    dy = 1.0 * dq  # and to y
    return dx, dy, dz
