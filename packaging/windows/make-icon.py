#!/usr/bin/env python3
"""Makes the Windows icon (.ico) from the program's SVG icon, at the sizes Explorer, the taskbar
and the title bar ask for, each a PNG drawn by rsvg-convert (librsvg2-bin):

    make-icon.py ICON.svg OUT.ico
"""
import struct
import subprocess
import sys

SIZES = (16, 20, 24, 32, 40, 48, 64, 256)


def main():
    svg, out = sys.argv[1:3]
    images = []
    for size in SIZES:
        png = subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), "-f", "png", svg],
                             check=True, capture_output=True).stdout
        if png[:8] != b"\x89PNG\r\n\x1a\n":
            sys.exit(f"make-icon: rsvg-convert gave no PNG for {size} px")
        images.append((size, png))
    # ICONDIR, then one ICONDIRENTRY per image (0 means 256), then the PNGs themselves.
    data = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, png in images:
        edge = 0 if size >= 256 else size
        data += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    for _, png in images:
        data += png
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
