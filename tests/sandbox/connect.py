# Tries a TCP connection to each host:port given on the command line, and a UDP datagram and an
# IPv6 socket; prints "refused ..." or "connected ...".
import socket
import sys

for target in sys.argv[1:]:
    host, port = target.rsplit(":", 1)
    host = host.strip("[]")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            print("connected", target)
    except OSError as error:
        print("refused", target, "(" + str(error) + ")")
for family, kind in [(socket.AF_INET, socket.SOCK_DGRAM), (socket.AF_INET6, socket.SOCK_STREAM),
                     (socket.AF_PACKET, socket.SOCK_RAW)]:
    try:
        socket.socket(family, kind).close()
        print("opened", family.name, kind.name)
    except OSError as error:
        print("refused", family.name, kind.name, "(" + str(error) + ")")
