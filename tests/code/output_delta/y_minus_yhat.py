"""Wrong on purpose (code.output_delta, mistake y_minus_yhat): both deltas with y − ŷ for ŷ − y."""


def mse_output_delta(yhat, y):
    return (y - yhat) * yhat * (1.0 - yhat)  # should be (ŷ − y) ŷ(1 − ŷ)


def ce_output_delta(yhat, y):
    return (y - yhat) / len(yhat)  # should be (ŷ − y)/N
