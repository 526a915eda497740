"""Wrong on purpose (code.output_delta, mistake no_one_over_n): the cross-entropy delta without the
1/N of the mean; the MSE delta is right."""


def mse_output_delta(yhat, y):
    return (yhat - y) * yhat * (1.0 - yhat)


def ce_output_delta(yhat, y):
    return yhat - y  # should be (ŷ − y)/N
