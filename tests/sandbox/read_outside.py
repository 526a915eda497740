# Tries to see each path given on the command line; prints "hidden <path>" or "visible <path>",
# and what it could read of it.
import os
import sys

for path in sys.argv[1:]:
    try:
        if os.path.isdir(path):
            print("visible", path, os.listdir(path)[:5])
        else:
            with open(path, "rb") as f:
                print("visible", path, f.read(40))
    except OSError as error:
        print("hidden", path, "(" + error.strerror + ")")
