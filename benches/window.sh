#!/usr/bin/env bash
# Measures the real window under a virtual display: how soon the first frame is drawn after the
# process starts, and how much CPU the window uses while nobody touches it.
#
# usage: benches/window.sh [path/to/retroline] [BOARD.ron]
# (default: target/release/retroline on the sample incident board; needs Xvfb and xdotool)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$root/target/release/retroline}")
board=$(realpath "${2:-$root/assets/examples/incident-checkout-outage.ron}")
work=$(mktemp -d)
export XDG_DATA_HOME="$work/data"
export RUST_LOG=retroline=info
app_pid=""
xvfb_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Xvfb picks a free display itself (-displayfd) and says which.
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    sleep 0.1
done
export DISPLAY=":$(head -n 1 "$work/display")"
for _ in $(seq 50); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done

cp "$board" "$work/board.ron"
"$bin" "$work/board.ron" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 200); do
    grep -q "first frame drawn" "$work/app.log" && break
    sleep 0.1
done
first=$(grep -o "first frame drawn [0-9]* ms" "$work/app.log" || echo "no first frame logged")
echo "first frame: ${first#first frame drawn }"

# Point at the board once (as someone would), then leave it alone.
window=$(xdotool search --name retroline | head -n 1)
xdotool mousemove --window "$window" 700 400
sleep 6 # the hover settles (on llvmpipe a frame of a large board takes a while)

ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
hz=$(getconf CLK_TCK)
seconds=10
before=$(ticks)
sleep "$seconds"
after=$(ticks)
awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" \
    'BEGIN { printf "idle CPU: %.1f%% of one core over %d s (%d ticks)\n", 100 * t / hz / s, s, t }'
