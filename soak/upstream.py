#!/usr/bin/env python3
"""A tiny upstream for the soak (loopback only): every A gets 192.0.2.1 with a 30 s TTL (so the
cache churns), every other type an empty NOERROR. UDP only; prints its port on stdout."""
import socket, struct, sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0))
print(sock.getsockname()[1], flush=True)
while True:
    data, peer = sock.recvfrom(4096)
    if len(data) < 12:
        continue
    pos = 12
    while pos < len(data) and data[pos] != 0:
        pos += data[pos] + 1
    end = pos + 5
    if end > len(data):
        continue
    qtype = struct.unpack(">H", data[pos + 1:pos + 3])[0]
    header = data[:2] + struct.pack(">HHHHH", 0x8180, 1, 1 if qtype == 1 else 0, 0, 0)
    answer = b""
    if qtype == 1:
        answer = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 30, 4) + bytes([192, 0, 2, 1])
    sock.sendto(header + data[12:end] + answer, peer)
