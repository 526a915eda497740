"""Wrong on purpose (code.gate, mistake local_only): ∂f/∂x and ∂f/∂y are the add gate's local
gradient 1, not multiplied by the upstream gradient ∂f/∂q = z."""


def gate_forward(x, y, z):
    return (x + y) * z


def gate_backward(x, y, z):
    return 1.0, 1.0, x + y  # ∂f/∂x and ∂f/∂y should be z · 1
