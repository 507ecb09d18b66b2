#!/bin/sh
# Draws NormScope's icon (a bell curve with its mean, on a blue rounded square) with
# ImageMagick, at 512 px, then scales it down: ./draw.sh in this folder rewrites the PNGs.
set -e
cd "$(dirname "$0")"
curve=$(python3 -c '
import math
print(" ".join(f"{256+x*62:.1f},{400-math.exp(-x*x/2)*260:.1f}" for x in [-3+6*i/40 for i in range(41)]))')
convert -size 512x512 xc:none -fill '#1f5fbf' -draw "roundrectangle 16,16 495,495 96,96" \
  -stroke white -strokewidth 40 -fill none -draw "polyline $curve" \
  -stroke '#ffb000' -strokewidth 36 -draw "line 256,420 256,120" \
  normscope-512.png
for s in 16 32 48 64 128 256; do convert normscope-512.png -resize ${s}x${s} normscope-$s.png; done
