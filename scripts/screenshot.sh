#!/usr/bin/env bash
# Renders an HTML file to a PNG with headless Chromium (Debian's `chromium` package), e.g. the
# report's index.html for the README:
#
#   scripts/screenshot.sh report/index.html docs/report.png [WIDTH [HEIGHT]]
#
# Installs chromium and fonts-dejavu-core with apt-get when chromium is missing (through sudo
# when not root). The page is rendered at WIDTH x HEIGHT CSS pixels (default 1280 x 2400); what
# lies below HEIGHT is cut off. Exits non-zero when Chromium fails or writes no image.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 4 ]]; then
    echo "usage: $0 INPUT.html OUTPUT.png [WIDTH [HEIGHT]]" >&2
    exit 64
fi
input=$1
output=$2
width=${3:-1280}
height=${4:-2400}
if [[ ! -f $input ]]; then
    echo "$0: no such file: $input" >&2
    exit 66
fi

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium and fonts-dejavu-core with apt-get" >&2
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi

input_url="file://$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
output_dir=$(cd "$(dirname "$output")" && pwd)
output_path="$output_dir/$(basename "$output")"
# Chromium writes its profile here, and the image first to a partial file that is renamed when
# complete; both are removed on exit, so that a failure leaves no half-written image.
profile=$(mktemp -d)
partial="$output_path.partial.png"
trap 'rm -rf "$profile" "$partial"' EXIT
rm -f "$partial"

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --window-size="$width,$height" --screenshot="$partial" "$input_url" 2> >(grep -v -e 'dbus' -e 'Fontconfig' -e 'unexpected operator' >&2 || true)

if [[ ! -s $partial ]]; then
    echo "$0: chromium wrote no image" >&2
    exit 1
fi
mv -f "$partial" "$output_path"
echo "wrote $output_path (${width}x${height})" >&2
