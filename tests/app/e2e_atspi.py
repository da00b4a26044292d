# SPDX-License-Identifier: GPL-3.0-or-later
#
# e2e_atspi.py: what the end-to-end tests share: TAP output, and finding
# Harbor's widgets in the accessibility tree the way a screen reader does.
# Import it after require_desktop() (which skips the whole test when there
# is no display, session bus or pyatspi).

import os
import sys
import time

results = []
pyatspi = None


class Failure(Exception):
    pass


def tap(ok, name, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name), flush=True)
    if detail and not ok:
        for line in str(detail).splitlines():
            print("# " + line, flush=True)
    return ok


def skip_all(reason):
    print("1..0 # SKIP %s" % reason, flush=True)
    sys.exit(0)


def require_desktop():
    """Skips the test unless there is a display, a D-Bus session bus and
    pyatspi; returns the pyatspi module."""
    global pyatspi
    if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip_all("needs a display and a D-Bus session bus")
    try:
        import pyatspi as module
    except ImportError:
        skip_all("python3-pyatspi is not installed")
    pyatspi = module
    return module


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        n = node.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def showing(node):
    # GTK 4.8 sets no SHOWING state; what is not on screen has no size.
    try:
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def name_of(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def find_all(root, role=None, name=None, contains=None, visible=True):
    out = []
    for n in walk(root):
        try:
            if role is not None and n.getRole() != role:
                continue
        except Exception:
            continue
        nm = name_of(n)
        if name is not None and nm != name:
            continue
        if contains is not None and contains not in nm:
            continue
        if visible and not showing(n):
            continue
        out.append(n)
    return out


def wait_for(what, fn, timeout=30.0):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = fn()
        except Exception:
            last = None
        if last:
            return last
        time.sleep(0.2)
    raise Failure("timed out waiting for " + what)


def find_one(root, what, **kw):
    return wait_for(what, lambda: (find_all(root, **kw) or [None])[0])


def find_app():
    desk = pyatspi.Registry.getDesktop(0)
    for i in range(desk.childCount):
        c = desk.getChildAtIndex(i)
        if c is not None and name_of(c) in ("harbor", "Harbor"):
            return c
    return None


def page(root, type_name):
    """The subtree of one of Harbor's pages, which GTK 4.8 names by type.
    Hidden pages of a stack keep their size in the tree, so every search
    is scoped to the page that should be on screen."""
    return find_one(root, type_name, role=pyatspi.ROLE_FILLER, name=type_name, visible=False)


def set_text(node, text):
    node.queryEditableText().setTextContents(text)
