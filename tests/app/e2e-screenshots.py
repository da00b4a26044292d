#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# e2e-screenshots.py: the screenshots software centres show for Harbor, made
# from the real application. A vault is seeded with made-up clients through
# harbor-cli, Harbor is opened at 1200×800 and unlocked, and three screens
# are captured into the build directory's screenshots/ under stable names:
#
#   metainfo-clients.png      the client list with a client's overview open
#   metainfo-relief.png       that client's Relief tab with its pathways
#   metainfo-law-library.png  the law library showing one state
#
# build-aux/update-screenshots copies them into data/screenshots/, which the
# metainfo points at. Every client here is invented; the names say so.
#
# Needs a display and a D-Bus session bus (xvfb-run, dbus-run-session).

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # nothing written into the source tree
from e2e_atspi import (Failure, find_app, find_one, name_of, page,  # noqa: E402
                       require_desktop, results, set_text, skip_all, tap, wait_for)

PASSPHRASE = "copper lantern meadow violin"
WIDTH, HEIGHT = 1200, 800

# Invented people with invented records, one state or federal law each.
SEED = [
    ("Alex Example", "1994-05-02", ["sex"], "2014-01-01", "2020-01-01", [
        {"jurisdiction": "US-OH", "court": "adult", "disposition": "convicted",
         "offense": {"description": "Soliciting", "statute": "R.C. 2907.24",
                     "categories": ["prostitution_related"],
                     "class": "misdemeanor", "degree": "M3", "violent": False},
         "offense_date": "2016-04-02", "disposition_date": "2016-06-10",
         "result_of_trafficking": True},
        {"jurisdiction": "US-OH", "court": "adult", "disposition": "convicted",
         "offense": {"description": "Shoplifting", "categories": ["theft"],
                     "class": "misdemeanor", "degree": "M1",
                     "violent": False},
         "offense_date": "2017-08-14", "disposition_date": "2017-10-02",
         "result_of_trafficking": True},
    ]),
    ("Bea Sample", "1990-02-11", ["labor"], "2012-06-01", "2016-03-01", [
        {"jurisdiction": "US-NY", "court": "adult", "disposition": "convicted",
         "offense": {"description": "Petit larceny", "categories": ["theft"]},
         "offense_date": "2015-03-01",
         "result_of_trafficking": True},
    ]),
    ("Cam Placeholder", "1998-09-23", ["sex"], "2015-01-01", "2019-01-01", [
        {"jurisdiction": "US-VT", "court": "adult", "disposition": "convicted",
         "offense": {"description": "Retail theft", "categories": ["theft"],
                     "class": "misdemeanor", "violent": False, "child_victim": False},
         "offense_date": "2018-03-01", "disposition_date": "2018-04-01",
         "sentence_completed_on": "2019-01-01", "result_of_trafficking": True},
    ]),
    ("Dana Demo", "1992-12-05", ["sex", "labor"], "2013-05-01", "2018-07-01", [
        {"jurisdiction": "US-CA", "court": "adult", "disposition": "convicted",
         "offense": {"description": "Solicitation", "categories": ["prostitution"],
                     "class": "misdemeanor"},
         "offense_date": "2017-03-01", "disposition_date": "2017-05-01",
         "result_of_trafficking": True},
    ]),
    ("Eli Fictional", "1996-07-30", ["sex"], "2016-01-01", "2021-01-01", [
        {"jurisdiction": "US-TX", "court": "adult", "disposition": "convicted",
         "offense": {"description": "Prostitution", "categories": ["prostitution"],
                     "class": "misdemeanor", "violent": False, "child_victim": False},
         "offense_date": "2019-05-01", "disposition_date": "2019-07-01",
         "sentence_completed_on": "2025-11-28", "result_of_trafficking": True},
    ]),
]
FEATURED = SEED[0][0]


pyatspi = require_desktop()
if not shutil.which("import") or not shutil.which("xdotool"):
    skip_all("needs imagemagick and xdotool")

build_dir = os.environ.get("HARBOR_BUILD_DIR", ".")
shot_dir = os.path.join(build_dir, "screenshots")
os.makedirs(shot_dir, exist_ok=True)
home = tempfile.mkdtemp(prefix="harbor-shots-")

env = dict(os.environ)
env.pop("NO_AT_BRIDGE", None)
env["GTK_A11Y"] = "atspi"
env["XDG_DATA_HOME"] = os.path.join(home, "data")
env["XDG_CONFIG_HOME"] = os.path.join(home, "config")


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press", "toggle"):
            action.doAction(i)
            return
    if action.nActions > 0:
        action.doAction(0)
        return
    # GTK 4.8 gives list rows no action: click the middle of the row. The
    # window sits at the top left corner of the screen (see shoot()).
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    if e.width <= 0 or e.height <= 0:
        raise Failure("%s %r is not on screen" % (node.getRoleName(), name_of(node)))
    x, y = window_origin()
    subprocess.run(["xdotool", "mousemove", "--sync", str(x + e.x + e.width // 2),
                    str(y + e.y + e.height // 2), "click", "1"], check=True)


def x_window():
    ids = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Harbor$"],
                         capture_output=True, text=True).stdout.split()
    return ids[-1] if ids else None


def geometry(xid):
    out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                         capture_output=True, text=True).stdout
    pos = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(pos.get("WIDTH", 0)), int(pos.get("HEIGHT", 0))


def window_origin():
    xid = x_window()
    out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                         capture_output=True, text=True).stdout
    pos = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(pos["X"]), int(pos["Y"])


def settle():
    # Lets GTK finish its transitions and redraw before a capture.
    time.sleep(1.0)


def capture(xid, name):
    """Captures the Harbor window alone, then checks the file is a PNG of
    the window's size. Returns the path or None."""
    path = os.path.join(shot_dir, "metainfo-%s.png" % name)
    if os.path.exists(path):
        os.unlink(path)
    subprocess.run(["import", "-window", xid, "-strip", path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    size = None
    if os.path.exists(path):
        size = subprocess.run(["identify", "-format", "%m %w %h", path],
                              capture_output=True, text=True).stdout.split()
    ok = size == ["PNG", str(WIDTH), str(HEIGHT)]
    tap(ok, "screenshot %s is a %dx%d PNG" % (name, WIDTH, HEIGHT), repr(size))
    return path if ok else None


def seed_vault():
    cli = os.environ["HARBOR_CLI"]
    vault = os.path.join(env["XDG_DATA_HOME"], "harbor", "vault")
    os.makedirs(os.path.dirname(vault), mode=0o700, exist_ok=True)
    cli_env = dict(env)
    r = subprocess.run([cli, "vault", "create", vault], input=PASSPHRASE + "\n",
                       capture_output=True, text=True, env=cli_env)
    if r.returncode != 0:
        raise Failure("harbor-cli vault create: " + r.stderr)
    for i, (name, born, kinds, began, ended, records) in enumerate(SEED):
        case = {
            "format": "harbor-case/1",
            "client": {"name": name, "birth_date": born,
                       "trafficking": {"types": kinds, "began_on": began, "ended_on": ended}},
            "records": [dict(rec, id="r%d" % j) for j, rec in enumerate(records, 1)],
        }
        path = os.path.join(home, "case-%d.json" % i)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(case, f)
        r = subprocess.run([cli, "vault", "import", vault, path], input=PASSPHRASE + "\n",
                           capture_output=True, text=True, env=cli_env)
        if r.returncode != 0:
            raise Failure("harbor-cli vault import: " + r.stderr)
    tap(True, "a vault is seeded with %d made-up clients" % len(SEED))


def run():
    seed_vault()
    # The display answers before the application is started.
    wait_for("the X display", lambda: subprocess.run(
        ["xdotool", "getdisplaygeometry"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL).returncode == 0, timeout=10)
    proc = subprocess.Popen([os.environ["HARBOR_APP"]], env=env)
    try:
        shoot()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def shoot():
    app = wait_for("Harbor on the accessibility bus", find_app)
    win = wait_for("the Harbor window", lambda: next(
        (app.getChildAtIndex(i) for i in range(app.childCount)
         if name_of(app.getChildAtIndex(i)) == "Harbor"), None))
    xid = wait_for("Harbor's X window", x_window)
    subprocess.run(["xdotool", "windowmove", "--sync", xid, "0", "0"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["xdotool", "windowsize", "--sync", xid, str(WIDTH), str(HEIGHT)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tap(wait_for("the window at %dx%d" % (WIDTH, HEIGHT),
                 lambda: geometry(xid) == (WIDTH, HEIGHT), timeout=10),
        "the window is %dx%d" % (WIDTH, HEIGHT))

    unlock = page(win, "HarborUnlockPage")
    set_text(find_one(unlock, "passphrase", name="Passphrase"), PASSPHRASE)
    click(find_one(unlock, "Unlock", role=pyatspi.ROLE_PUSH_BUTTON, contains="Unlock"))

    clients = page(win, "HarborClientsView")
    for name, *_ in SEED:
        find_one(clients, "the client " + name, contains=name)
    tap(True, "every seeded client is in the list")
    click(find_one(clients, "the featured client", role=pyatspi.ROLE_LIST_ITEM, contains=FEATURED))
    client = page(clients, "HarborClientPage")
    find_one(client, "the client's name", contains=FEATURED)
    find_one(client, "the client's trafficking history", contains="2014-01-01")
    settle()
    capture(xid, "clients")

    click(find_one(client, "Relief tab", role=pyatspi.ROLE_PAGE_TAB, contains="Relief"))
    relief = page(client, "HarborReliefView")
    find_one(relief, "an available Ohio pathway", contains="Available · Ohio Rev. Code")
    # The first pathway open, with its reasons and its checklist button.
    click(find_one(relief, "the first pathway", role=pyatspi.ROLE_LIST_ITEM,
                   contains="Expungement of any conviction after a prostitution-related conviction"))
    find_one(relief, "Start checklist", role=pyatspi.ROLE_PUSH_BUTTON, contains="Start checklist")
    settle()
    capture(xid, "relief")

    click(find_one(win, "Law Library", contains="Law Library"))
    library = page(win, "HarborLawLibrary")
    set_text(find_one(library, "the filter", name="Find a jurisdiction"), "Ohio")
    click(find_one(library, "Ohio", role=pyatspi.ROLE_LIST_ITEM, contains="Ohio"))
    find_one(library, "an Ohio pathway", contains="Ohio Rev. Code § 2953.36(A)(1)")
    settle()
    capture(xid, "law-library")


try:
    run()
except Failure as e:
    tap(False, "the screenshots were made", str(e))
finally:
    shutil.rmtree(home, ignore_errors=True)
print("1..%d" % len(results), flush=True)
sys.exit(0 if results and all(results) else 1)
