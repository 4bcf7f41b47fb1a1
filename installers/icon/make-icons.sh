#!/usr/bin/env bash
# Draws the Hullscope icon with ImageMagick and writes it in the three formats jpackage takes:
# hullscope.png (Linux), hullscope.ico (Windows) and hullscope.icns (macOS). This script is the
# icon's source; rerun it after changing the drawing and commit the three files.
# Needs ImageMagick 6 or 7 (convert) and python3, which writes the .icns container.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1024x1024 master: a blue rounded square, a white ship hull carrying three containers, and a
# ring with a handle (a magnifying glass) over the hull.
convert -size 1024x1024 xc:none \
  -fill '#1f4e79' -draw 'roundrectangle 32,32 991,991 180,180' \
  -fill '#f28c28' -draw 'rectangle 250,420 420,560' \
  -fill '#e8e8e8' -draw 'rectangle 430,420 600,560' \
  -fill '#4caf50' -draw 'rectangle 610,420 780,560' \
  -fill white -draw 'polygon 170,580 854,580 760,760 264,760' \
  -fill none -stroke white -strokewidth 44 -draw 'circle 640,300 640,170' \
  -stroke white -strokewidth 60 -draw 'line 735,395 830,490' \
  "$work/master.png"

convert "$work/master.png" -resize 256x256 -depth 8 -strip hullscope.png
convert "$work/master.png" -define icon:auto-resize=256,128,64,48,32,16 -strip hullscope.ico

# An .icns file is the magic "icns", the total length (4 bytes, big endian), then entries of a
# 4-byte type and a 4-byte length (header included) followed by PNG data. ic07/ic08/ic09/ic10
# hold 128, 256, 512 and 1024 pixel PNGs.
for size in 128 256 512 1024; do
  convert "$work/master.png" -resize "${size}x${size}" -strip "$work/icon-$size.png"
done
python3 - "$work" hullscope.icns <<'PY'
import struct, sys
work, target = sys.argv[1], sys.argv[2]
entries = b""
for kind, size in (("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)):
    with open(f"{work}/icon-{size}.png", "rb") as png:
        data = png.read()
    entries += kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data
with open(target, "wb") as out:
    out.write(b"icns" + struct.pack(">I", len(entries) + 8) + entries)
PY
echo "wrote hullscope.png, hullscope.ico and hullscope.icns in $(pwd)"
