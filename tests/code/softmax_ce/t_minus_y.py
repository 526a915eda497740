"""Wrong on purpose (code.softmax_ce, mistake t_minus_y): the gradient t − y, its sign reversed; the
loss is right."""
import numpy as np


def log_softmax(a):
    m = np.max(a)
    return a - m - np.log(np.sum(np.exp(a - m)))


def softmax_ce_loss(a, t):
    return -np.dot(t, log_softmax(a))


def softmax_ce_gradient(a, t):
    return t - np.exp(log_softmax(a))  # should be y − t
