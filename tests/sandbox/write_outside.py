# Tries to create each file given on the command line; prints "refused <path>" or "written <path>".
import sys

for path in sys.argv[1:]:
    try:
        with open(path, "w") as f:
            f.write("escaped\n")
        print("written", path)
    except OSError as error:
        print("refused", path, "(" + error.strerror + ")")
