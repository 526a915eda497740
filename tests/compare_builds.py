#!/usr/bin/env python3
"""The same numbers in every build: every chapter's trace from two builds, compared.

    tests/compare_builds.py build/bin build-sanitize/bin [--seeds 10] [--students ID ...]
    tests/compare_builds.py build/bin build/browser/nnwb.js …   (the browser build, under node)

Runs each chapter of the first build's bin/ folder (all but the workbook and nnwb-exercise) on its
default variant, on seeds 1..N and on the variants of the student ids given, in both builds, with --format json, and checks:

- parameters: byte for byte (a seed must draw the same variant in Release, Debug, the sanitizer
  build and the browser build; nothing computed from the draw may round differently);
- verdicts (value kind "verdict"): the same `holds`;
- every other value: the same shape, and each entry within a relative 1e-12 of the step's scale,
  the largest magnitude among the step's value and the values it is computed from (its inputs). A
  value that is zero up to round-off is compared against that scale too, so its noise passes;
- difference quotients (DIFFERENCE_QUOTIENTS) to 1e-9 of their scale: they divide round-off by ε
  (the browser build's libm rounds tanh otherwise than glibc's: its quotients differ by ~2e-12);
- except the steps listed in EXEMPT, which measure rounding itself or are iterative fits whose
  verdicts (compared above) state their bounds.

Exit status 0 when every chapter agrees; 1 with one line per difference otherwise.
"""
import argparse
import json
import math
import os
import pathlib
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

RELATIVE = 1e-12

# chapter -> {step id pattern (a regular expression, matched from the start): why its value may
# differ by more than 1e-12 between builds}. Verdicts are compared all the same.
EXEMPT = {
    "gradient_check": {
        r"sweep\.": "the sweep over ε measures round-off itself: at ε = 1e-10 the difference quotient is "
                    "mostly rounding error, which depends on how each build rounds",
        r"fd\..*\.(relerr|max)": "the relative errors of the quotients at ε = 10⁻⁴ (about 10⁻⁹ for the "
                                 "central one) are made largely of round-off: they measure rounding",
    },
    "universal_approximation": {
        r"(fit|summary)\.": "Levenberg–Marquardt fits, iterated to a tolerance, and their summary: the weights "
                            "they reach agree to the fit's tolerance, and the verdicts that state the bounds "
                            "are compared",
    },
}

# Difference quotients, compared to 1e-9 of their scale instead: a quotient divides the round-off of
# its two function values by its step ε (10⁻⁵ or 10⁻⁴ here), so that its last digits, and the
# relative errors measured against it, move by about 10⁻¹¹ of the scale from one build to another.
FINITE_DIFFERENCE = 1e-9
DIFFERENCE_QUOTIENTS = {
    "errata": r".*\.check$",             # each candidate's independent computation, mostly central differences
    "mse_vs_ce": r"check\.",
    "dag_backprop": r".*\.fd$",
    "tanh_derivative": r"(.*\.fd|points\.table)$",  # the table's last column is the central quotient
    "activations": r".*\.fd$",
    "softmax_jacobian": r".*\.fd$",  # ε = 10⁻⁶: a quotient's last six digits are round-off (10⁻¹⁶/10⁻⁶)
    "gradient_check": r"(fd|slide)\.",  # the one-sided and central quotients at ε = 10⁻⁴, and their errors
}

def variant_args(variant):
    """None: the lecture's numbers; a number: a seed; a text: a student id."""
    if variant is None:
        return []
    return ["--student", variant] if isinstance(variant, str) else ["--seed", str(variant)]


class UnderNode:
    """The browser build's chapters under node, from one process per thread that loads the module
    once (tests/browser/chapter_under_node.cjs --serve): loading it takes longer than most chapters."""

    SERVER = pathlib.Path(__file__).resolve().parent / "browser" / "chapter_under_node.cjs"

    def __init__(self, module):
        self.module, self.local, self.processes = module, threading.local(), []

    def run(self, chapter, variant):
        if not hasattr(self.local, "process"):
            self.local.process = subprocess.Popen(["node", str(self.SERVER), self.module, "--serve"],
                                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                  env=dict(os.environ, NODE_PATH="/usr/share/nodejs"))
            self.processes.append(self.local.process)
        process = self.local.process
        seed = str(variant) if isinstance(variant, int) else ""
        student = variant if isinstance(variant, str) else ""
        process.stdin.write((json.dumps([chapter, seed, student]) + "\n").encode())
        process.stdin.flush()
        answer = bytearray()
        while not answer.endswith(b"\0"):
            chunk = process.stdout.read1(1 << 16)
            if not chunk:
                raise RuntimeError(f"{chapter} under node: the module stopped (exit {process.wait()})")
            answer += chunk
        trace = json.loads(answer[:-1])
        if "error" in trace:
            raise RuntimeError(f"{chapter} under node: {trace['error']}")
        return trace

    def close(self):
        for process in self.processes:
            process.stdin.close()
            process.wait()


def run(binary, seed):
    args = [binary, "--format", "json"] + variant_args(seed)
    done = subprocess.run(args, capture_output=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited with {done.returncode}: {done.stderr.decode(errors='replace')[:400]}")
    return json.loads(done.stdout)


def entries(value):
    """The numbers of a scalar, vector or matrix value, flattened; None for other kinds."""
    kind = value.get("kind")
    if kind == "scalar":
        return [value["value"]]
    if kind == "vector":
        return list(value["value"])
    if kind == "matrix":
        return [x for row in value["value"] for x in row]
    return None


def as_float(x):
    return float(x) if not isinstance(x, str) else float(x.replace("Infinity", "inf").replace("NaN", "nan"))


def magnitude(value):
    numbers = entries(value)
    finite = [abs(as_float(x)) for x in numbers or [] if math.isfinite(as_float(x))]
    return max(finite, default=0.0)


def compare(chapter, seed, a, b):
    where = f"{chapter} {'default' if seed is None else f'student {seed}' if isinstance(seed, str) else f'seed {seed}'}"
    problems = []
    params_a = json.dumps(a["parameters"], sort_keys=True)
    params_b = json.dumps(b["parameters"], sort_keys=True)
    if params_a != params_b:
        for pa, pb in zip(a["parameters"], b["parameters"]):
            if json.dumps(pa, sort_keys=True) != json.dumps(pb, sort_keys=True):
                problems.append(f"{where}: parameter {pa['name']} differs: {json.dumps(pa['value'])[:160]} "
                                f"against {json.dumps(pb['value'])[:160]}")
                break
        else:
            problems.append(f"{where}: the parameters differ")
    scale_of = {p["name"]: magnitude(p["value"]) for p in a["parameters"]}
    ids_a = [s["id"] for s in a["steps"]]
    ids_b = [s["id"] for s in b["steps"]]
    if ids_a != ids_b:
        return problems + [f"{where}: the steps differ ({len(ids_a)} against {len(ids_b)})"]
    for sa, sb in zip(a["steps"], b["steps"]):
        va, vb = sa["value"], sb["value"]
        scale_of[sa["id"]] = max(magnitude(va), magnitude(vb))
        if va.get("kind") != vb.get("kind"):
            problems.append(f"{where}: step {sa['id']} is a {va.get('kind')} against a {vb.get('kind')}")
            continue
        if va.get("kind") == "verdict":
            if va.get("holds") != vb.get("holds"):
                problems.append(f"{where}: verdict {sa['id']} holds={va.get('holds')} against {vb.get('holds')}")
            continue
        if any(re.match(pattern, sa["id"]) for pattern in EXEMPT.get(chapter, {})):
            continue
        quotient = chapter in DIFFERENCE_QUOTIENTS and re.match(DIFFERENCE_QUOTIENTS[chapter], sa["id"])
        relative = FINITE_DIFFERENCE if quotient else RELATIVE
        xa, xb = entries(va), entries(vb)
        if xa is None:
            if va != vb:
                problems.append(f"{where}: step {sa['id']} differs")
            continue
        if len(xa) != len(xb):
            problems.append(f"{where}: step {sa['id']} has {len(xa)} entries against {len(xb)}")
            continue
        scale = max([scale_of[sa["id"]]] + [scale_of.get(name, 0.0) for name in sa.get("inputs", [])])
        for x, y in zip(map(as_float, xa), map(as_float, xb)):
            if not (math.isfinite(x) and math.isfinite(y)):
                if not (x == y or (math.isnan(x) and math.isnan(y))):
                    problems.append(f"{where}: step {sa['id']}: {x} against {y}")
                    break
            elif abs(x - y) > relative * scale:
                problems.append(f"{where}: step {sa['id']}: {x!r} against {y!r}, "
                                f"{abs(x - y) / scale if scale else math.inf:.3g} of its scale {scale:.3g}")
                break
    return problems


def report(problems, what, agreement):
    """Prints each problem and a summary line; the exit status (1 when there are problems)."""
    for problem in problems:
        print(problem)
    print(f"{what}: {agreement if not problems else f'{len(problems)} differences'}")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("first", help="one build's bin/ folder")
    parser.add_argument("second", help="the other build's bin/ folder, or the browser build's nnwb.js")
    parser.add_argument("--seeds", type=int, default=10, help="seeds 1..N besides the default variant")
    parser.add_argument("--students", nargs="*", default=[], help="and these student ids' variants")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    options = parser.parse_args()

    chapters = sorted(name for name in os.listdir(options.first)
                      if name not in ("nnwb", "nnwb-exercise") and os.access(os.path.join(options.first, name), os.X_OK))
    variants = [None] + list(range(1, options.seeds + 1)) + options.students

    under_node = UnderNode(options.second) if options.second.endswith(".js") else None

    def one(job):
        chapter, seed = job
        try:
            a = run(os.path.join(options.first, chapter), seed)
            b = under_node.run(chapter, seed) if under_node else run(os.path.join(options.second, chapter), seed)
        except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
            return [f"{chapter} {seed}: {error}"]
        return compare(chapter, seed, a, b)

    jobs = [(chapter, seed) for chapter in chapters for seed in variants]
    try:
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            problems = [p for result in pool.map(one, jobs) for p in result]
    finally:
        if under_node:
            under_node.close()
    return report(problems, f"{len(chapters)} chapters × {len(variants)} variants", "the same numbers in both builds")


if __name__ == "__main__":
    sys.exit(main())
