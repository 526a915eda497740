"""Wrong on purpose (code.output_delta, mistake no_gprime): the MSE delta without the sigmoid's
slope, ŷ − y; the cross-entropy delta is right."""


def mse_output_delta(yhat, y):
    return yhat - y  # should be (ŷ − y) ŷ(1 − ŷ)


def ce_output_delta(yhat, y):
    return (yhat - y) / len(yhat)
