#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# e2e-shell.py: starts the real harbor binary and looks at it the way a
# screen reader does, through the AT-SPI accessibility bus, then saves a
# screenshot of the screen into the build directory.
#
# It needs a display and a D-Bus session bus (the README's test command runs
# the suite under xvfb-run and dbus-run-session); without them it skips.

import os
import subprocess
import sys
import time

results = []


def tap(ok, name, detail=""):
    results.append(ok)
    line = "%s %d - %s" % ("ok" if ok else "not ok", len(results), name)
    print(line + (" # " + detail if detail and not ok else ""), flush=True)


def skip_all(reason):
    print("1..0 # SKIP %s" % reason, flush=True)
    sys.exit(0)


if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    skip_all("needs a display and a D-Bus session bus")

try:
    import pyatspi  # noqa: E402
except ImportError:
    skip_all("python3-pyatspi is not installed")

app_path = os.environ["HARBOR_APP"]
build_dir = os.environ.get("HARBOR_BUILD_DIR", ".")
shot_dir = os.path.join(build_dir, "screenshots")
os.makedirs(shot_dir, exist_ok=True)

env = dict(os.environ)
env.pop("NO_AT_BRIDGE", None)
env["GTK_A11Y"] = "atspi"
# A fresh, empty data folder: nothing from the person running the tests.
env["XDG_DATA_HOME"] = os.path.join(build_dir, "e2e-home", "data")
env["XDG_CONFIG_HOME"] = os.path.join(build_dir, "e2e-home", "config")

print("1..4", flush=True)
proc = subprocess.Popen([app_path], env=env)


def find_app(timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            try:
                if child is not None and child.name in ("harbor", "Harbor"):
                    return child
            except Exception:
                pass
        time.sleep(0.2)
    return None


def find_frame(app, name, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for i in range(app.childCount):
            child = app.getChildAtIndex(i)
            if child is not None and child.getRole() == pyatspi.ROLE_FRAME and child.name == name:
                return child
        time.sleep(0.2)
    return None


def find_all(node, pred, depth=0, out=None):
    if out is None:
        out = []
    if node is None or depth > 40:
        return out
    try:
        if pred(node):
            out.append(node)
        for i in range(node.childCount):
            find_all(node.getChildAtIndex(i), pred, depth + 1, out)
    except Exception:
        pass
    return out


try:
    app = find_app()
    tap(app is not None, "harbor appears on the accessibility bus")
    frame = find_frame(app, "Harbor") if app is not None else None
    tap(frame is not None, "its accessible tree has a frame named Harbor")

    buttons = find_all(frame, lambda n: n.getRole() in (pyatspi.ROLE_PUSH_BUTTON,
                                                        pyatspi.ROLE_TOGGLE_BUTTON))
    unnamed = [b for b in buttons if not b.name]
    tap(frame is not None and len(buttons) > 0 and not unnamed,
        "every button of the window has an accessible name",
        "%d buttons, %d without a name" % (len(buttons), len(unnamed)))

    time.sleep(0.5)
    shot = os.path.join(shot_dir, "e2e-shell-main-window.png")
    rc = subprocess.call(["import", "-window", "root", shot],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tap(rc == 0 and os.path.getsize(shot) > 1000, "screenshot saved to " + shot)
finally:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()

sys.exit(0 if all(results) else 1)
