#!/usr/bin/env bash
# The crash test: edits made in the window survive `kill -9`.
#
# Starts retroline on a copy of the sample board in a virtual X display, types two new events
# with the keyboard, waits 6 s, kills the process with SIGKILL, starts it again, restores the
# autosaved board (Enter on the focused Restore button), saves it with Ctrl+S and checks that
# both events are in the saved file.
#
# Needs Xvfb and xdotool, and a built binary: usage: tests/crash/crash-test.sh [path/to/retroline]
# Set SCREENSHOTS=folder to keep a picture of each step (needs xwd and ImageMagick's convert).
set -euo pipefail

bin=$(realpath "${1:-target/debug/retroline}")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
app_pid=""
xvfb_pid=""

cleanup() {
    [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "crash test: FAILED: $*" >&2
    if [ -f "$work/app.log" ]; then
        echo "--- the app's log:" >&2
        tail -n 40 "$work/app.log" >&2
    fi
    exit 1
}

step() { echo "crash test: $*"; }

shot() {
    if [ -n "${SCREENSHOTS:-}" ]; then
        mkdir -p "$SCREENSHOTS"
        xwd -root -silent | convert xwd:- "$SCREENSHOTS/$1.png"
    fi
}

export XDG_DATA_HOME="$work/data"
export RUST_LOG=retroline=info
cp "$root/assets/examples/incident-checkout-outage.ron" "$work/board.ron"
before=$(grep -c 'Event(' "$work/board.ron")

# Xvfb picks a free display itself (-displayfd) and says which.
Xvfb -displayfd 3 -screen 0 1600x900x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    sleep 0.1
done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(head -n 1 "$work/display")"
for _ in $(seq 50); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done

# Starts the app on the board and waits until its window can take keys.
start_app() {
    "$bin" "$work/board.ron" >>"$work/app.log" 2>&1 &
    app_pid=$!
    window=""
    for _ in $(seq 120); do
        window=$(xdotool search --name 'retroline' 2>/dev/null | head -n 1 || true)
        [ -n "$window" ] && break
        kill -0 "$app_pid" 2>/dev/null || fail "the app exited at start"
        sleep 0.5
    done
    [ -n "$window" ] || fail "no window appeared in 60 s"
    sleep 3 # the first frames
    xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
    xdotool mousemove --window "$window" 800 450
    sleep 0.5
}

key() {
    xdotool key --delay 80 "$@"
    sleep 0.4
}

add_event() {
    key Insert
    key ctrl+a
    xdotool type --delay 40 "$1"
    sleep 0.3
    key Return
}

step "starting on a copy of the sample board ($before events)"
start_app
add_event "Crash test event one"
add_event "Crash test event two"
shot 1-edited
step "two events typed; waiting 6 s, then kill -9"
sleep 6
kill -9 "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""
grep -q "Crash test event one" "$work/board.ron" && fail "the board file was written without a save"

step "starting again"
start_app
shot 2-restore-offered
key Return # the Restore button has the focus
sleep 1
shot 3-restored
key ctrl+s
sleep 1
shot 4-saved
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""

for title in "Crash test event one" "Crash test event two"; do
    grep -q "title: \"$title\"" "$work/board.ron" || fail "\"$title\" is not in the restored, saved board"
done
after=$(grep -c 'Event(' "$work/board.ron")
[ "$after" -eq $((before + 2)) ] || fail "expected $((before + 2)) events after restoring, found $after"
"$bin" check "$work/board.ron" >/dev/null || fail "the saved board does not pass retroline check"
[ -f "$work/board.ron.bak" ] || fail "no board.ron.bak was kept"
step "passed: both events typed more than 5 s before kill -9 were restored and saved ($after events)"
