#!/usr/bin/env python3
"""Measures what one input costs in the real window, under Xvfb with Mesa's llvmpipe.

For each screen size and board it starts the window full screen, waits until it is idle, then
sends single inputs with xdotool and reports the medians over the trials of:

- CPU per input: the process's time on CPU (all threads, from /proc/PID/task/*/schedstat) from the
  input until it is idle again;
- frames per input: the frames the window ran for it, and how many of those it painted (a
  frame whose output is already on screen is not painted; both counted from its log);
- latency: from the input to the first changed pixel of the screen (Xvfb's framebuffer, mapped
  from the file -fbdir writes), for inputs that change the picture.

Inputs: a 1-pixel mouse move over the board (the line at the pointer's moment follows it) and a
press of F (fit all, which changes nothing once the board is fitted).

usage: python3 benches/window_input.py [--bin target/release/retroline] [--trials 7]
                                       [--sizes 1920x1080,1280x720] [--boards sample,m,l]
Needs Xvfb and xdotool. Uses only the local X server; no network.
"""

import argparse
import glob
import mmap
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "assets/examples/incident-checkout-outage.ron")


def cpu_ns(pid):
    """Nanoseconds on CPU of every thread of `pid`."""
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended
    return total


def wait_idle(pid, quiet_ms=400, limit_s=120):
    """Waits until `pid` uses under 2 ms of CPU in `quiet_ms`; returns the CPU time then."""
    end = time.monotonic() + limit_s
    last = cpu_ns(pid)
    while time.monotonic() < end:
        time.sleep(quiet_ms / 1000)
        now = cpu_ns(pid)
        if now - last < 2_000_000:
            return now
        last = now
    raise RuntimeError("the window never became idle")


class Screen:
    """An Xvfb server whose framebuffer is readable as a file."""

    def __init__(self, width, height, work):
        self.fbdir = os.path.join(work, "fb")
        os.makedirs(self.fbdir)
        r, w = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", f"{width}x{height}x24",
             "-fbdir", self.fbdir, "-nocursor", "-nolisten", "tcp"],
            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            self.display = ":" + f.readline().strip()
        self.file = open(os.path.join(self.fbdir, "Xvfb_screen0"), "rb")
        self.map = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)

    def pixels(self):
        return self.map[:]

    def close(self):
        self.map.close()
        self.file.close()
        self.proc.kill()
        self.proc.wait()


def xdotool(display, *args):
    return subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, check=False).stdout


def frames(log_path):
    """Frames the window has run, and how many of those it painted."""
    with open(log_path, errors="replace") as f:
        text = f.read()
    run = text.count("frame drawn")
    return run, run - text.count("frame not painted")


def measure(args, screen, width, height, board, work):
    env = {**os.environ, "DISPLAY": screen.display, "HOME": work,
           "XDG_DATA_HOME": os.path.join(work, "data"),
           "RUST_LOG": "retroline=info,retroline::frames=debug,eframe::unpainted=debug"}
    log_path = os.path.join(work, "app.log")
    log = open(log_path, "w")
    app = subprocess.Popen([args.bin, board], env=env, stdout=log, stderr=log)
    try:
        for _ in range(600):
            if "first frame drawn" in open(log_path, errors="replace").read():
                break
            time.sleep(0.1)
        window = xdotool(screen.display, "search", "--pid", str(app.pid)).split()
        if not window:
            raise RuntimeError("no window")
        window = window[-1]
        xdotool(screen.display, "windowmove", window, "0", "0")
        xdotool(screen.display, "windowsize", window, str(width), str(height))
        # The window takes the keyboard once it is mapped.
        for _ in range(100):
            xdotool(screen.display, "windowfocus", window)
            if xdotool(screen.display, "getwindowfocus").strip() == window:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("the window never took the keyboard")
        x, y = int(width * 0.4), int(height * 0.45)
        xdotool(screen.display, "mousemove", str(x), str(y))
        wait_idle(app.pid)
        results = {"move": [], "move_frames": [], "move_painted": [], "latency": [], "key": [],
                   "key_frames": [], "key_painted": []}
        for trial in range(args.trials):
            # A 1-pixel move.
            before_pixels = screen.pixels()
            before_cpu = wait_idle(app.pid)
            before_frames = frames(log_path)
            x += 1 if trial % 2 == 0 else -1
            start = time.monotonic()
            xdotool(screen.display, "mousemove", str(x), str(y))
            changed = None
            while time.monotonic() - start < 10:
                if screen.pixels() != before_pixels:
                    changed = time.monotonic() - start
                    break
                time.sleep(0.002)
            after_cpu = wait_idle(app.pid)
            after_frames = frames(log_path)
            results["move"].append((after_cpu - before_cpu) / 1e6)
            results["move_frames"].append(after_frames[0] - before_frames[0])
            results["move_painted"].append(after_frames[1] - before_frames[1])
            if changed is not None:
                results["latency"].append(changed * 1000)
            # A key that changes nothing on a fitted board.
            before_cpu = wait_idle(app.pid)
            before_frames = frames(log_path)
            xdotool(screen.display, "key", "f")
            after_cpu = wait_idle(app.pid)
            after_frames = frames(log_path)
            results["key"].append((after_cpu - before_cpu) / 1e6)
            results["key_frames"].append(after_frames[0] - before_frames[0])
            results["key_painted"].append(after_frames[1] - before_frames[1])
        return results
    finally:
        app.kill()
        app.wait()
        log.close()


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target/release/retroline"))
    parser.add_argument("--trials", type=int, default=7)
    parser.add_argument("--sizes", default="1920x1080,1280x720")
    parser.add_argument("--boards", default="sample,m,l")
    args = parser.parse_args()
    args.bin = os.path.abspath(args.bin)
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed (apt-get install xvfb xdotool)")
    renderer = os.environ.get("RETROLINE_RENDERER", "(the default)")
    print(f"renderer: {renderer}; {args.trials} trials; medians")
    print(f"{'board':<7} {'screen':<10} {'CPU/move ms':>11} {'frames':>6} {'painted':>7} "
          f"{'latency ms':>10} {'CPU/key ms':>10} {'frames':>6} {'painted':>7}")
    for size in args.sizes.split(","):
        width, height = (int(v) for v in re.fullmatch(r"(\d+)x(\d+)", size).groups())
        for name in args.boards.split(","):
            with tempfile.TemporaryDirectory() as work:
                board = os.path.join(work, "board.ron")
                if name == "sample":
                    shutil.copy(SAMPLE, board)
                else:
                    subprocess.run([args.bin, "generate", "--size", name, "-o", board],
                                   check=True, capture_output=True)
                screen = Screen(width, height, work)
                try:
                    r = measure(args, screen, width, height, board, work)
                finally:
                    screen.close()
            print(f"{name:<7} {size:<10} {median(r['move']):>11.0f} "
                  f"{median(r['move_frames']):>6.0f} {median(r['move_painted']):>7.0f} "
                  f"{median(r['latency']):>10.0f} {median(r['key']):>10.0f} "
                  f"{median(r['key_frames']):>6.0f} {median(r['key_painted']):>7.0f}", flush=True)


if __name__ == "__main__":
    main()
