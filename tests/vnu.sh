#!/usr/bin/env bash
# HTML validity gate: runs the Nu HTML Checker (vnu-jar, pinned in package.json) over every
# *.html file of a built site and fails on any error.
#
#   npm ci && cargo build --release
#   target/release/portal build --quiet --output-dir /tmp/vnu-site
#   tests/vnu.sh /tmp/vnu-site
#
# Exit status: 0 every page is valid HTML; 1 the checker reported errors; 2 wrong usage or
# a missing tool.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: tests/vnu.sh SITE_DIR   (a folder built by portal build)" >&2
  exit 2
fi
site=$1

# Java runs the checker; CI machines without it get Debian's headless JRE.
if ! command -v java >/dev/null; then
  echo "java not found: installing default-jre-headless" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq default-jre-headless >/dev/null
fi

jar=node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$jar" ]; then
  echo "$jar not found: run npm ci first" >&2
  exit 2
fi

pages=$(find "$site" -type f -name '*.html' | wc -l)
if [ "$pages" -eq 0 ]; then
  echo "no *.html files under $site" >&2
  exit 2
fi

# --skip-non-html: the checker walks the folder itself and ignores CSS, XML, images.
if java -jar "$jar" --errors-only --skip-non-html "$site"; then
  echo "vnu: $pages pages checked, no errors"
else
  echo "vnu: $pages pages checked, errors above" >&2
  exit 1
fi
