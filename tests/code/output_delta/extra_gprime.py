"""Wrong on purpose (code.output_delta, mistake extra_gprime): the cross-entropy delta multiplied by
the sigmoid's slope once more, though it has cancelled; the MSE delta is right."""


def mse_output_delta(yhat, y):
    return (yhat - y) * yhat * (1.0 - yhat)


def ce_output_delta(yhat, y):
    return (yhat - y) * yhat * (1.0 - yhat) / len(yhat)  # should be (ŷ − y)/N
