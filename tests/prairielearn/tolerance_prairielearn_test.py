#!/usr/bin/env python3
"""nnwb's tolerances against PrairieLearn's, decided as PrairieLearn decides them.

PrairieLearn's grading_utils.py compares a submitted number with the true one in three ways:
relabs is numpy.allclose(sub, true, rtol, atol); sigfig and decdig take eps = 0.51 * 10**-n and
accept true - eps < sub < true + eps, where n = digits - 1 - floor(log10|true|) for sigfig (digits - 1
when true == 0) and n = digits for decdig; an infinite true value accepts exactly itself, and a NaN
one accepts NaN. Those rules are written out below in Python and numpy, as PrairieLearn runs them,
and asked of edge cases: each edge itself, the next double on each side of it, zero, negative, huge,
subnormal, infinite and NaN values, and thousands of random ones. nnwb (tolerance_oracle) must give
the same verdict on every one.

It also checks that the interval nnwb prints is true: each end, typed exactly as shown, gets the
verdict its bracket promises (a closed end is accepted, an open end refused), and a refused number
is printed outside the printed brackets, an accepted one inside.

Usage: tolerance_prairielearn_test.py PATH/TO/tolerance_oracle
"""
import math
import random
import subprocess
import sys

import numpy as np


def prairielearn_ra(sub, true, rtol, atol):
    return bool(np.allclose(sub, true, rtol, atol))


def prairielearn_sf(sub, true, digits):
    if true == 0:
        n = digits - 1
    elif abs(true) == math.inf:
        return sub == true
    elif np.isnan(true):
        return bool(np.isnan(sub))
    else:
        n = -int(np.floor(np.log10(np.abs(true)))) + (digits - 1)
    eps = 0.51 * (10 ** -n)
    return bool((sub > true - eps) & (sub < true + eps))


def prairielearn_dd(sub, true, digits):
    if abs(true) == math.inf:
        return sub == true
    elif np.isnan(true):
        return bool(np.isnan(sub))
    eps = 0.51 * (10 ** -digits)
    return bool((sub > true - eps) & (sub < true + eps))


def verdict(mode, a, b, true, sub):
    if mode == "relabs":
        return prairielearn_ra(sub, true, a, b)
    if mode == "sigfig":
        return prairielearn_sf(sub, true, int(a))
    return prairielearn_dd(sub, true, int(a))


def edges(mode, a, b, true):
    """The numbers where the verdict changes around `true`, as PrairieLearn computes them."""
    if not math.isfinite(true):
        return []
    if mode == "relabs":
        width = b + a * abs(true)
        return [true - width, true + width]
    if mode == "sigfig":
        n = a - 1 if true == 0 else -int(np.floor(np.log10(np.abs(true)))) + (a - 1)
    else:
        n = a
    eps = 0.51 * (10 ** -n)
    return [true - eps, true + eps]


TOLERANCES = [("relabs", 1e-2, 1e-8), ("relabs", 1e-5, 1e-8), ("relabs", 0.25, 0.5), ("relabs", 0.0, 0.0),
              ("relabs", 1e-3, 0.0), ("relabs", 0.0, 0.0128)] + \
             [("sigfig", d, 0) for d in (1, 2, 3, 4, 6)] + [("decdig", d, 0) for d in (0, 1, 2, 3, 5)]


def truths():
    special = [0.0, -0.0, 1.0, -1.0, 0.7311, 940.596516, -8.0, 123.4, 100.0, 1000.0, 0.1, 0.001, -0.06369,
               99.99999999999999, 0.09999999999999999, 1e300, -1e300, 1.7e308, 5e-324, -5e-324, 1e-310,
               2.2250738585072014e-308, 1e-17, 8.282403660587218e-18, math.inf, -math.inf, math.nan]
    rng = random.Random(20261207)
    drawn = [rng.choice((-1, 1)) * 10 ** rng.uniform(-12, 12) for _ in range(150)]
    drawn += [round(rng.uniform(-10, 10), rng.randint(0, 6)) for _ in range(150)]
    return special + drawn


def cases():
    rng = random.Random(7)
    for mode, a, b in TOLERANCES:
        for true in truths():
            subs = [true, 0.0, -0.0, math.inf, -math.inf, math.nan]
            for edge in edges(mode, a, b, true):
                subs += [edge, math.nextafter(edge, math.inf), math.nextafter(edge, -math.inf)]
                subs += [edge * (1 + rng.uniform(-1e-6, 1e-6))]
            for sub in subs:
                yield mode, a, b, true, sub


def hexed(x):
    return x.hex() if math.isfinite(x) else repr(x)


def main():
    oracle = sys.argv[1]
    all_cases = list(cases())
    lines = "".join(f"{m} {float(a).hex()} {float(b).hex()} {hexed(t)} {hexed(s)}\n" for m, a, b, t, s in all_cases)
    answer = subprocess.run([oracle], input=lines, capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(answer) == len(all_cases), (len(answer), len(all_cases))
    wrong = 0
    shown_checked = 0
    for (mode, a, b, true, sub), line in zip(all_cases, answer):
        nnwb_verdict, interval, yours = line.split("\t")
        expected = verdict(mode, a, b, true, sub)
        if (nnwb_verdict == "1") != expected:
            wrong += 1
            if wrong <= 20:
                print(f"DIFFERENT: {mode} {a} {b} true={true!r} sub={sub!r}: PrairieLearn {expected}, nnwb {nnwb_verdict}")
            continue
        if not (math.isfinite(true) and math.isfinite(sub)) or interval[0] not in "[(":
            continue
        # The printed interval keeps its promises, as PrairieLearn decides.
        closed = interval[0] == "["
        lo_text, hi_text = interval[1:-1].split(", ")
        lo, hi = float(lo_text), float(hi_text)
        for end, text in ((lo, lo_text), (hi, hi_text)):
            if verdict(mode, a, b, true, end) != closed:
                wrong += 1
                print(f"UNTRUE END: {mode} {a} {b} true={true!r}: {interval} but {text} is "
                      f"{'accepted' if not closed else 'refused'}")
        # The printed answer sits inside the printed brackets exactly when it is accepted.
        shown = float(yours)
        inside = (lo <= shown <= hi) if closed else (lo < shown < hi)
        if inside != expected:
            wrong += 1
            print(f"MISPLACED: {mode} {a} {b} true={true!r} sub={sub!r}: yours {yours} beside {interval}, "
                  f"{'accepted' if expected else 'refused'}")
        shown_checked += 1
    print(f"{len(all_cases)} verdicts compared with PrairieLearn's, {shown_checked} printed intervals checked, "
          f"{wrong} wrong")
    print(f"{len(all_cases) - wrong} passed, {wrong} failed")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
