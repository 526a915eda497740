"""The harness of the Python code exercises.

Reads the calls on standard input (the protocol of lib/teaching/include/nnwb/code_exercise.hpp),
imports the student's submission.py from the working folder, calls its functions with numpy arrays
(a scalar is a float, a vector a 1-D array, a matrix a 2-D array) and writes each call's results on
its own channel, the original standard output; what the student's code prints goes to standard
error instead. An exception in one call is reported for that call, and the others still run.
"""
import os
import sys


def main():
    channel = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    words = sys.stdin.read().split()
    if words[:2] != ["nnwb-code", "1"]:
        return 4
    import numpy as np

    sys.path.insert(0, os.getcwd())
    try:
        import submission
    except BaseException as error:  # a syntax error, an import that fails: every call says so
        submission = None
        import_error = "your file cannot be imported: %s: %s" % (type(error).__name__, error)

    def number(x):
        return repr(float(x))

    def put(value):
        a = np.asarray(value, dtype=float)
        if a.ndim == 0:
            return "1 1 " + number(a) + "\n"
        if a.ndim == 1:
            a = a.reshape(-1, 1)
        if a.ndim != 2:
            raise ValueError("a result of %d dimensions: a scalar, a 1-D or a 2-D array is expected" % a.ndim)
        return "%d %d %s\n" % (a.shape[0], a.shape[1], " ".join(number(x) for x in a.flat))

    at = 3
    for _ in range(int(words[2])):
        _, index, name, arguments, results = words[at:at + 5]
        at += 5
        args = []
        for _ in range(int(arguments)):
            kind, rows, cols = words[at], int(words[at + 1]), int(words[at + 2])
            values = [float(x) for x in words[at + 3:at + 3 + rows * cols]]
            at += 3 + rows * cols
            if kind == "s":
                args.append(values[0])
            elif kind == "v":
                args.append(np.array(values))
            else:
                args.append(np.array(values).reshape(rows, cols))
        try:
            if submission is None:
                raise RuntimeError(import_error)
            function = getattr(submission, name, None)
            if not callable(function):
                raise RuntimeError("your file does not define the function %s" % name)
            value = function(*args)
            if int(results) == 1:
                values = [value]
            else:
                values = list(value)
                if len(values) != int(results):
                    raise ValueError("%s returned %d values; it returns %s" % (name, len(values), results))
            answer = "result %s %s\n" % (index, results) + "".join(put(v) for v in values)
        except MemoryError:
            raise
        except BaseException as error:
            message = ("%s: %s" % (type(error).__name__, error)).replace("\n", " ").replace("\r", " ")
            answer = "error %s %s\n" % (index, message)
        channel.write(answer)
        channel.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
