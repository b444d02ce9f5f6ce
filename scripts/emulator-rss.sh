#!/bin/sh
# Peak memory of the emulator at scale: starts `pc-inbox emulator --generate N --no-quotas`,
# lists every received invitation through it with `pc-inbox list --all`, and prints the
# emulator's VmHWM (peak resident set) after start-up and after the listing.
#
# Usage: scripts/emulator-rss.sh [BINARY] [N]   (defaults: target/release/pc-inbox, 100000)
set -eu
bin=${1:-target/release/pc-inbox}
n=${2:-100000}
home=$(mktemp -d)
"$bin" emulator --generate "$n" --no-quotas >"$home/emulator.out" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$home"' EXIT
until grep -q '^listening on ' "$home/emulator.out"; do
  kill -0 "$pid"
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$home/emulator.out")
hwm() { awk '/^VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status"; }
echo "emulator --generate $n: VmHWM after start-up $(hwm)"
start=$(date +%s.%N)
rows=$(env -i PATH="$PATH" HOME="$home" XDG_CONFIG_HOME="$home/config" \
  XDG_DATA_HOME="$home/data" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
  AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  AWS_EC2_METADATA_DISABLED=true \
  "$bin" --endpoint-url "$url" list --all --output csv | tail -n +2 | wc -l)
end=$(date +%s.%N)
echo "list --all: $rows rows in $(echo "$end - $start" | bc) s; VmHWM after the listing $(hwm)"
