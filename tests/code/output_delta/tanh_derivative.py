"""Wrong on purpose (code.output_delta, mistake tanh_derivative): the MSE delta with tanh's slope
1 − ŷ² for the sigmoid's ŷ(1 − ŷ); the cross-entropy delta is right."""


def mse_output_delta(yhat, y):
    return (yhat - y) * (1.0 - yhat * yhat)  # should be (ŷ − y) ŷ(1 − ŷ)


def ce_output_delta(yhat, y):
    return (yhat - y) / len(yhat)
