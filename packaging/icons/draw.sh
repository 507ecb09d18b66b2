#!/bin/sh
# Draws NormScope's icon (a bell curve with its mean, on a blue rounded square) with
# ImageMagick, at 512 px (and at 1024 px for macOS), then scales it down: ./draw.sh in
# this folder rewrites the PNGs, normscope.ico (Windows) and normscope.icns (macOS).
# The .icns needs png2icns (Debian: apt-get install icnsutils).
set -e
cd "$(dirname "$0")"
# draw SIZE FILE: the 512 px drawing, every coordinate scaled by SIZE/512
draw() {
  k=$(($1 / 512))
  curve=$(python3 -c '
import math, sys
k = int(sys.argv[1])
print(" ".join(f"{k*(256+x*62):.1f},{k*(400-math.exp(-x*x/2)*260):.1f}" for x in [-3+6*i/40 for i in range(41)]))' "$k")
  convert -size $1x$1 xc:none -fill '#1f5fbf' \
    -draw "roundrectangle $((16*k)),$((16*k)) $((495*k+k-1)),$((495*k+k-1)) $((96*k)),$((96*k))" \
    -stroke white -strokewidth $((40*k)) -fill none -draw "polyline $curve" \
    -stroke '#ffb000' -strokewidth $((36*k)) -draw "line $((256*k)),$((420*k)) $((256*k)),$((120*k))" \
    "$2"
}
draw 512 normscope-512.png
draw 1024 normscope-1024.png
for s in 16 32 48 64 128 256; do convert normscope-512.png -resize ${s}x${s} normscope-$s.png; done
# Windows: one .ico with six sizes (ImageMagick stores 256 as PNG, the others as bitmaps)
convert normscope-16.png normscope-32.png normscope-48.png normscope-64.png \
  normscope-128.png normscope-256.png -depth 8 normscope.ico
# macOS: 16, 32, 48, 128 (classic types with masks), 256, 512, 1024
png2icns normscope.icns normscope-16.png normscope-32.png normscope-48.png \
  normscope-128.png normscope-256.png normscope-512.png normscope-1024.png
