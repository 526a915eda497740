#!/usr/bin/env python3
"""The same exercises in the browser build: sheets, answer files and grades, natively and in WebAssembly.

    tests/browser/compare_exercises.py build/bin/nnwb-exercise build/browser/nnwb.js HOSTILE_AS FILE...

Each FILE is an input of the answer-file fuzz target (tests/fuzz/corpus/answer_file/): one byte that
picks the fuzzer's exercise, then an answer file. Named EXERCISE.VARIANT.KIND, it is the key, the
blank template, wrong answers or wrong shapes of that exercise, for the lecture's variant, a seed or
a student; any other name (nasty.dotted_many, crash-…) is a hostile file, graded as an answer to the
exercise HOSTILE_AS. The answer file (the bytes after the first) is graded by `nnwb-exercise grade EXERCISE FILE --format json`
and by the browser build's grade() under node (tests/browser/exercises_under_node.cjs), and the two
grades must agree: the same fields, the same text (verdicts, named mistakes, the intervals shown),
every number within a relative 1e-12 (a browser's libm, and a machine without fused multiply-adds,
may round the last bit differently). A number printed in a message (the interval shown, rounded
outward to five digits) may differ by one unit in its last printed digit, where that last bit moved
it across a rounding boundary. Files named *.key, the key's own answers, must get full marks in both.

One difference is known and expected (KNOWN below).

Besides, the module's catalogue() lists the answer-sheet exercises of `nnwb-exercise list` (kind "sheet"), in order, and for
each exercise, on the lecture's variant, a seed and a student id, its sheet() and answerTemplate()
are the text of `nnwb-exercise sheet` and `template` (printed numbers as above).

Files that are not valid UTF-8 are left out: a page reads a file as UTF-8 text, so the browser never
sees their bytes as the native grader does (tests/hostile_input_test.cpp covers them natively).
Exit status 0 when every grade agrees; 1 with one line per difference otherwise.
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_builds import report  # noqa: E402  (tests/compare_builds.py)

RELATIVE = 1e-12

# Inputs whose grades may differ, and why.
KNOWN = {
    "nasty.tiny_numbers": "toml++ reads a float with std::from_chars where the C++ library has it (GCC's "
                          "libstdc++) and with an istream where it has not (emscripten's libc++ 3.1.6), "
                          "which refuses 1e-400: the browser says the file is not valid TOML, the native "
                          "grader reads 0",
}

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def same_text(a, b):
    """Equal, or equal but for printed numbers one unit apart in their last printed digit."""
    if a == b:
        return True
    if NUMBER.split(a) != NUMBER.split(b):
        return False
    for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)):
        if x == y:
            continue
        mantissa = re.split(r"[eE]", x)[0]
        exponent = int(re.split(r"[eE]", x)[1]) if re.search(r"[eE]", x) else 0
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        if abs(float(x) - float(y)) > 1.000001 * 10.0 ** (exponent - decimals):
            return False
    return True


def differences(a, b, where):
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return [] if a == b else [f"{where}: {a!r} natively, {b!r} in the browser"]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if a == b or (math.isnan(a) and math.isnan(b)):
            return []
        if abs(a - b) <= RELATIVE * max(abs(a), abs(b)):
            return []
        return [f"{where}: {a!r} natively, {b!r} in the browser"]
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return [f"{where}: fields {list(a)} natively, {list(b)} in the browser"]
        return [d for key in a for d in differences(a[key], b[key], f"{where}.{key}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} entries natively, {len(b)} in the browser"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{where}[{i}]")]
    if isinstance(a, str) and isinstance(b, str) and same_text(a, b):
        return []
    return [] if a == b else [f"{where}: {a!r} natively, {b!r} in the browser"]


def run(command):
    return subprocess.run(command, capture_output=True, check=True, timeout=120, text=True).stdout


def full_marks(grade):
    return grade.get("error") is None and grade.get("score") == grade.get("max_score")


def main():
    native, module, hostile_as, *inputs = sys.argv[1:]
    folder = tempfile.TemporaryDirectory(prefix="nnwb-compare-exercises-")
    chosen = []
    for input in inputs:
        answer_file = open(input, "rb").read()[1:]
        try:
            answer_file.decode("utf-8")
        except UnicodeDecodeError:
            continue
        name = os.path.basename(input)
        if name in KNOWN:
            continue
        file = os.path.join(folder.name, name)
        open(file, "wb").write(answer_file)
        parts = name.split(".")
        exercise = ".".join(parts[:2]) if len(parts) == 4 else hostile_as
        chosen.append((exercise, file))

    # The answer-sheet exercises (kind "sheet"): code exercises run only in the host's sandbox.
    exercises = [words[0] for words in (line.split() for line in run([native, "list"]).splitlines())
                 if len(words) > 1 and words[1] == "sheet"]
    variants = [([], ["", ""]), (["--seed", "7"], ["7", ""]), (["--student", "s1234567"], ["", "s1234567"])]
    calls = [["catalogue"]]
    calls += [["grade", exercise, {"file": file}, file] for exercise, file in chosen]
    calls += [[function, exercise, *args] for exercise in exercises for _, args in variants
              for function in ("sheet", "answerTemplate")]
    node = subprocess.run(["node", os.path.join(os.path.dirname(os.path.abspath(__file__)), "exercises_under_node.cjs"),
                           module], input="".join(json.dumps(call) + "\n" for call in calls).encode(),
                          capture_output=True, timeout=600)
    if node.returncode != 0:
        print(f"node exited with {node.returncode}: {node.stderr.decode(errors='replace')[:2000]}")
        return 1
    results = json.loads(node.stdout)
    catalogue, results = json.loads(results[0]), results[1:]
    browser = {file: json.loads(text) for (_, file), text in zip(chosen, results)}
    results = results[len(chosen):]

    problems = []
    listed = [exercise["id"] for exercise in catalogue["exercises"]]
    if listed != exercises:
        problems.append(f"catalogue(): exercises {listed}, where nnwb-exercise list gives {exercises}")
    for exercise in exercises:
        for options, _ in variants:
            for command in ("sheet", "template"):
                ours, theirs = run([native, command, exercise, *options]), results.pop(0)
                if not same_text(ours, theirs):
                    problems.append(f"{command} {exercise} {' '.join(options)}: the browser's text differs from "
                                    f"nnwb-exercise's")
    for exercise, file in chosen:
        done = subprocess.run([native, "grade", exercise, file, "--format", "json"], capture_output=True, timeout=120)
        try:
            ours = json.loads(done.stdout)
        except json.JSONDecodeError:
            problems.append(f"{file}: nnwb-exercise wrote no JSON (exit {done.returncode}): "
                            f"{done.stderr.decode(errors='replace')[:300]}")
            continue
        problems += [f"{file}: {d}" for d in differences(ours, browser[file], "grade")]
        if file.endswith(".key") and not (full_marks(ours) and full_marks(browser[file])):
            problems.append(f"{file}: the key's own answers get {ours.get('score')} natively and "
                            f"{browser[file].get('score')} in the browser, of {ours.get('max_score')}")
    return report(problems, f"{len(chosen)} answer files, {len(exercises)} exercises' sheets and templates",
                  "the same in both builds")


if __name__ == "__main__":
    sys.exit(main())
