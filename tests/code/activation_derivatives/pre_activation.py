"""Wrong on purpose (code.activation_derivatives, mistake pre_activation): both slopes written with
the argument where the function's value belongs: 1 − a² and x(1 − x)."""


def tanh_derivative(a):
    return 1.0 - a * a  # should be 1 − f(a)², f(a) = tanh(a)


def sigmoid_derivative(x):
    return x * (1.0 - x)  # should be σ(x)(1 − σ(x))
