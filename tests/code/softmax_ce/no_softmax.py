"""Wrong on purpose (code.softmax_ce, mistake no_softmax): the gradient a − t, with the logits where
the softmax outputs belong; the loss is right."""
import numpy as np


def log_softmax(a):
    m = np.max(a)
    return a - m - np.log(np.sum(np.exp(a - m)))


def softmax_ce_loss(a, t):
    return -np.dot(t, log_softmax(a))


def softmax_ce_gradient(a, t):
    return a - t  # should be softmax(a) − t
