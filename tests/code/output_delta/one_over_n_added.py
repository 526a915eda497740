"""Wrong on purpose (code.output_delta, mistake one_over_n_added): the MSE delta divided by N, as if
E_MSE were a mean; the cross-entropy delta is right."""


def mse_output_delta(yhat, y):
    return (yhat - y) * yhat * (1.0 - yhat) / len(yhat)  # E_MSE = ½ Σ (ŷ − y)² has no 1/N


def ce_output_delta(yhat, y):
    return (yhat - y) / len(yhat)
