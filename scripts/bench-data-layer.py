#!/usr/bin/env python3
"""Fills a folder with the benchmark data of the memory scripts: BLOBS files of 12 MiB of
incompressible bytes and NOTES small text files (200 lines each).

Usage: scripts/bench-data-layer.py DIR BLOBS NOTES
"""
import os, sys

d, blobs, notes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(d, exist_ok=True)
for i in range(blobs):
    with open(os.path.join(d, f"blob{i:03}.bin"), "wb") as f:
        f.write(os.urandom(12 << 20))
for i in range(notes):
    with open(os.path.join(d, f"note{i:05}.txt"), "w") as f:
        f.write(("line %d\n" % i) * 200)
