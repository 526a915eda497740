#!/usr/bin/env python3
"""The first inputs of the fuzz targets, before fuzzing: real answer files, rosters, metadata and
command lines, and hand-made nasty ones. The kept corpus in tests/fuzz/corpus/ grew from these (see
README.md); run this again only to start a corpus afresh.

    tests/fuzz/make_seeds.py build/bin/nnwb-exercise SEED_DIR

writes SEED_DIR/<target>/<name> for each target. An answer-file seed starts with one byte, the
exercise's place in `nnwb-exercise list` (answer_file_fuzz.cpp picks the exercise by it).
"""
import json
import subprocess
import sys
from pathlib import Path

tool, out = sys.argv[1], Path(sys.argv[2])


def run(*args):
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def write(target, name, data):
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def toml_value(answer, scale=1.0):
    """A key answer as TOML, optionally scaled (a wrong answer of the right shape)."""
    kind = answer["kind"]
    if kind == "verdict":
        return "true" if answer["holds"] else "false"
    if kind == "scalar":
        return repr(answer["value"] * scale)
    if kind == "vector":
        return "[" + ", ".join(repr(x * scale) for x in answer["value"]) + "]"
    return "[" + ", ".join("[" + ", ".join(repr(x * scale) for x in row) + "]" for row in answer["value"]) + "]"


def filled(template, key, value_of):
    """The template with each blank "" of an asked step replaced by value_of(answer)."""
    answers = {a["step"]: a["answer"] for a in key["answers"]}
    lines = []
    for line in template.splitlines():
        step = line.split(" = ")[0].strip('"') if line.startswith('"') else None
        if step in answers and line.endswith('= ""'):
            line = f'"{step}" = {value_of(answers[step])}'
        lines.append(line)
    return "\n".join(lines) + "\n"


# ---- answer files: every exercise, as given, filled in right, filled in wrong, other variants ----
exercises = [line.split()[0] for line in run("list").splitlines() if line.strip()]
wrong_shape = {"scalar": "[1, 2]", "vector": "3.5", "matrix": "[1, 2, 3]", "verdict": "0.5"}
for i, ex in enumerate(exercises):
    prefix = bytes([i])
    for variant, args in [("lecture", []), ("student", ["--student", "s1234567"]), ("seed", ["--seed", "7"])]:
        template = run("template", ex, *args)
        key = json.loads(run("key", ex, "--format", "json", *args))
        write("answer_file", f"{ex}.{variant}.template", prefix + template.encode())
        write("answer_file", f"{ex}.{variant}.key", prefix + filled(template, key, toml_value).encode())
        if variant == "lecture":
            write("answer_file", f"{ex}.wrong", prefix + filled(template, key, lambda a: toml_value(a, 1.1)).encode())
            write("answer_file", f"{ex}.shapes", prefix + filled(template, key, lambda a: wrong_shape[a["kind"]]).encode())

# ---- answer files, hand-made: nesting, dotted keys, bad UTF-8, odd numbers, odd text ----
head = b'exercise = "graph_xyz.backprop"\n\n[answers]\n'
gx = bytes([exercises.index("graph_xyz.backprop")])
dr = bytes([exercises.index("delta_recursion.two_layer")])
nasty = {
    "nest16": head + b'"forward.q" = ' + b"[" * 16 + b"1" + b"]" * 16 + b"\n",
    "nest17": head + b'"forward.q" = ' + b"[" * 17 + b"1" + b"]" * 17 + b"\n",
    "nest_deep": head + b'"forward.q" = ' + b"[" * 5000 + b"1" + b"]" * 5000 + b"\n",
    "inline_tables": head + b'"forward.q" = ' + b"{a = " * 20 + b"1" + b"}" * 20 + b"\n",
    "dotted16": head + b".".join([b"a"] * 16) + b" = 1\n",
    "dotted17": head + b".".join([b"a"] * 17) + b" = 1\n",
    "dotted_many": head + b".".join([b"a"] * 3000) + b" = 1\n",
    "dotted_header": b"[" + b".".join([b"answers"] * 40) + b"]\nx = 1\n",
    "unquoted_step": head + b"forward.q = 3\ngrad.x = -4\n",
    "bad_utf8_value": head + b'"forward.q" = "\xff\xfe"\n"forward.f" = "\xc0\xaf"\n',
    "bad_utf8_key": head + b'"forward.\xff" = 3\n"\xed\xa0\x80" = 1\n',
    "bad_utf8_exercise": b'exercise = "graph_xyz\xff"\n[answers]\n"forward.q" = 3\n',
    "bad_utf8_student": b'exercise = "graph_xyz.backprop"\nstudent = "s\xe2\x82"\n',
    "bad_utf8_comment": head + b'# \xff\xff\n"forward.q" = 3 # \xc3\n',
    "bad_utf8_bare": head + b'"forward.q" = \xff\n',
    "huge_numbers": head + b'"forward.q" = 1e308\n"forward.f" = 1e309\n"grad.q" = 9223372036854775807\n'
                           b'"grad.z" = 9223372036854775808\n"grad.x" = -0.0\n',
    "tiny_numbers": head + b'"forward.q" = 1e-400\n"forward.f" = 4.9e-324\n"grad.q" = 0x7fffffffffffffff\n'
                           b'"grad.z" = 0b1010\n"grad.x" = 1_000.5\n',
    "nan_inf": head + b'"forward.q" = nan\n"forward.f" = inf\n"grad.q" = -inf\n"grad.z" = +nan\n"grad.x" = [nan, 1]\n',
    "quotes_newlines": head + b'"forward.\\nq" = 3\n"forward.\\"q\\"" = 1\n"grad.q" = """\nmulti\nline"""\n'
                               b"'grad.z' = '''lit\n'''\n\"grad.x\" = \"\\u0000\\u0085\\t\"\n",
    "unicode_escapes": head + b'"forward.q" = "\\uD800"\n"forward.f" = "\\U0010FFFF"\n"grad.q" = "\\U00110000"\n',
    "long_step": head + b'"' + b"x" * 3000 + b'" = 1\n',
    "student_ok": b'exercise = "graph_xyz.backprop"\nstudent = "s1234567"\n[answers]\n"forward.q" = 3\n',
    "student_bad": b'exercise = "graph_xyz.backprop"\nstudent = "../etc/passwd"\n',
    "student_long": b'exercise = "graph_xyz.backprop"\nstudent = "' + b"s" * 129 + b'"\n',
    "student_ctrl": b'exercise = "graph_xyz.backprop"\nstudent = "a\\tb"\n',
    "seeds": b'exercise = "graph_xyz.backprop"\nseed = -1\n[answers]\n"forward.q" = 3\n',
    "seed_big": b'exercise = "graph_xyz.backprop"\nseed = 9223372036854775807\n[answers]\n"forward.q" = 3\n',
    "types": b'exercise = 3\nstudent = true\nseed = "7"\nanswers = 5\nother = 1\n',
    "array_of_tables": b'exercise = "graph_xyz.backprop"\n[[answers]]\n"forward.q" = 3\n[[answers]]\n',
    "repeated": head + b'"forward.q" = 3\n"forward.q" = 4\n[answers]\n',
    "dates": head + b'"forward.q" = 1979-05-27T07:32:00Z\n"forward.f" = 07:32:00\n"grad.q" = 1979-05-27\n',
    "bom_crlf": b"\xef\xbb\xbf" + head.replace(b"\n", b"\r\n") + b'"forward.q" = 3\r\n',
    "blank_space": head + b'"forward.q" = "   "\n"forward.f" = "\t"\n"grad.q" = ""\n',
    "empty": b"",
    "whitespace": b" \r\n\t\n",
    "not_toml": b"{this is: json}\n",
}
for name, text in nasty.items():
    write("answer_file", f"nasty.{name}", gx + text)
shapes = (b'exercise = "delta_recursion.two_layer"\n[answers]\n"net2.sample.l2.z" = [[1, 2], [3]]\n'
          b'"net2.sample.l2.delta" = []\n"net2.sample.l1.delta" = [[]]\n"net2.sample.l2.grad" = [[1, 2], 3]\n'
          b'"net2.sample.l1.grad" = [[1, "a", 3], [true, 2, 3]]\n')
write("answer_file", "nasty.matrix_shapes", dr + shapes)

# ---- rosters ----
rosters = {
    "student": "student,name\ns1234567,Ada\ns7654321,Alan\n",
    "email": "Name,Email\nAda,ada@example.org\nAlan,alan@example.org\n",
    "sid": "SID\n1\n2\n3\n",
    "student_id": "Student ID,Section\n\"s1\",A\n s2 ,B\n",
    "no_header": "s1\ns2\n\ns3\n",
    "quoted": '"s1,x",a\n"s""2",b\n"multi\nline",c\n',
    "duplicate": "id\ns1\ns1\n",
    "crlf_bom": "\ufeffstudent\r\ns1\r\ns2\r\n",
    "unterminated": 'id\n"s1\n',
    "ragged": "a,b,student\n1\n2,3,s2\n",
    "bad_ids": "id\n../x\n.hidden\n s\ta\n",
    "long_id": "id\n" + "x" * 200 + "\n",
    "header_only": "email\n",
    "empty": "",
    "tabs": "student\ts2\n",
}
for name, text in rosters.items():
    write("roster", name, text)
write("roster", "bad_utf8", b"student\ns\xff1\n\xc0\xaf\n\xed\xa0\x80\n")
write("roster", "nul", b"student\ns\x001\n")

# ---- Gradescope's submission_metadata.json ----
metadata = {
    "id": 123456789, "created_at": "2024-03-01T12:00:00.000000-08:00",
    "assignment": {"id": 111, "title": "Homework 6", "due_date": "2024-03-08T23:59:00.000000-08:00",
                   "group_submission": False, "total_points": "8.0"},
    "submission_method": "upload",
    "users": [{"email": "ada@example.org", "id": 4242, "name": "Ada Lovelace", "sid": "s1234567",
               "assignments": [{"name": "Homework 6", "id": 111}]}],
    "previous_submissions": [{"submission_time": "2024-03-01T11:00:00.000000-08:00", "score": 4.0,
                              "results": {"score": 4.0, "tests": []}}],
}
write("gradescope_metadata", "real", json.dumps(metadata, indent=2))
variants = {
    "sid_null": '{"users": [{"email": "a@b.c", "sid": null, "id": 1}]}',
    "numbers": '{"users": [{"email": 5, "sid": 1e400, "id": -0.0}]}',
    "nested_field": '{"users": [{"email": {"x": [1, 2]}, "sid": [], "id": {}}]}',
    "unicode": '{"users": [{"email": "\\u00e9l\\u00e8ve@\\u00e9cole.fr", "sid": "\\ud800", "id": "\\u0000"}]}',
    "slash": '{"users": [{"email": "a/b", "sid": "..", "id": ".x"}]}',
    "users_empty": '{"users": []}',
    "users_object": '{"users": {"email": "a"}}',
    "users_scalar": '{"users": [1, 2]}',
    "not_object": '[{"users": []}]',
    "duplicate_keys": '{"users": [{"sid": "a", "sid": "b"}], "users": [{"sid": "c"}]}',
    "truncated": '{"users": [{"email": "a',
    "deep": '{"users": [{"sid": ' + "[" * 20000 + "]" * 20000 + "}]}",
    "long": '{"users": [{"sid": "' + "x" * 500 + '"}]}',
    "comments": '/* c */ {"users": [{"sid": "s1"}]}',
}
for name, text in variants.items():
    write("gradescope_metadata", name, text)
write("gradescope_metadata", "bad_utf8", b'{"users": [{"email": "\xff\xfe", "sid": "s\xc0\xaf", "id": "\xed\xa0\x80"}]}')
write("gradescope_metadata", "bad_utf8_key", b'{"users": [{"\xff": 1, "sid": "ok"}], "\xfe": 2}')

# ---- chapter command lines: the arguments joined by NUL ----
command_lines = [
    [], ["--seed", "7"], ["--seed=7"], ["--student", "s1234567"], ["--student=\u00e9l\u00e8ve"],
    ["--format", "json"], ["--format=markdown"], ["-fmarkdown"], ["-f", "JSON"], ["-f", "csv"],
    ["--digits", "3"], ["--decimals", "17"], ["--digits", "3", "--decimals", "2"], ["--digits", "0"],
    ["--digits", "abc"], ["--seed", "-3"], ["--seed", "18446744073709551616"], ["--seed", " 7"],
    ["--seed", "7", "--student", "x"], ["--full-size"], ["--full-size=false"], ["-h"], ["--help"],
    ["--"], ["extra"], ["--unknown"], ["-f"], ["--format=text", "--format=json"], ["--seed", "\xff"],
    ["--seed", "18446744073709551615", "--format", "json", "--digits", "17"],
]
for i, args in enumerate(command_lines):
    write("chapter_options", f"args{i:02d}", b"\0".join(a.encode("utf-8", "surrogateescape") for a in args))
write("chapter_options", "bad_utf8", b"--student\0s\xff\xfe")
