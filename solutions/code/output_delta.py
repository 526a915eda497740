"""Reference solution of code.output_delta (chapter 2, mse_vs_ce; EDI "Training single layer neural
network with MSE (cont.)", "Another training criterion – cross-entropy error"): the output delta
∂E/∂a of a sigmoid node ŷ = g(a), for the squared error and for the mean cross-entropy."""
import numpy as np


def mse_output_delta(yhat, y):
    """E_MSE = ½ Σₙ (ŷₙ − yₙ)². yhat, y: (N,)."""
    de_dyhat = yhat - y  # ∂E/∂ŷₙ = ŷₙ − yₙ
    slope = yhat * (1.0 - yhat)  # ∂ŷₙ/∂aₙ = g'(aₙ) = ŷₙ(1 − ŷₙ)
    return de_dyhat * slope  # δₙ = ∂E/∂ŷₙ · ∂ŷₙ/∂aₙ


def ce_output_delta(yhat, y):
    """E_H = −(1/N) Σₙ {yₙ ln ŷₙ + (1 − yₙ) ln(1 − ŷₙ)}. yhat, y: (N,)."""
    # ∂E_H/∂ŷₙ = (1/N)(ŷₙ − yₙ) / (ŷₙ(1 − ŷₙ)), and g'(aₙ) = ŷₙ(1 − ŷₙ) cancels its denominator:
    return (yhat - y) / len(yhat)  # δₙ = (ŷₙ − yₙ)/N
