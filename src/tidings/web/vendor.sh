#!/bin/sh
# Re-vendor the web UI's JavaScript from the npm registry (run by `make vendor-web`).
# Why vendored: the UI must work offline and never load a script from a CDN at run time.
# Versions are pinned here; each package's licence file is copied next to its script.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/static/vendor"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  cytoscape@3.35.0 d3-array@3.2.5 d3-geo@3.1.2 internmap@2.0.3 \
  topojson-client@3.1.0 world-atlas@2.0.2 >/dev/null
M="$TMP/node_modules"
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$M/cytoscape/dist/cytoscape.min.js" "$OUT/"
cp "$M/cytoscape/LICENSE" "$OUT/cytoscape.LICENSE"
cp "$M/d3-array/dist/d3-array.min.js" "$OUT/"
cp "$M/d3-array/LICENSE" "$OUT/d3-array.LICENSE"
cp "$M/d3-geo/dist/d3-geo.min.js" "$OUT/"
cp "$M/d3-geo/LICENSE" "$OUT/d3-geo.LICENSE"
cp "$M/internmap/LICENSE" "$OUT/internmap.LICENSE"
cp "$M/topojson-client/dist/topojson-client.min.js" "$OUT/"
cp "$M/topojson-client/LICENSE" "$OUT/topojson-client.LICENSE"
cp "$M/world-atlas/countries-110m.json" "$OUT/"
cp "$M/world-atlas/LICENSE" "$OUT/world-atlas.LICENSE"
echo "vendored into $OUT:"
ls "$OUT"
