#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-translations.py SOURCE_DIR: the translations are complete.
#
#  1. Every source file with translatable strings is listed in
#     po/POTFILES.in, and every listed file exists.
#  2. Every language in po/LINGUAS translates every current string, with
#     nothing fuzzy: the strings are extracted afresh from the sources, the
#     way `meson compile harbor-pot` does, and merged with each .po file.
#
# Prints TAP.

import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1]
po_dir = os.path.join(top, "po")
results = []


def tap(ok, name, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    if detail and not ok:
        for line in detail.splitlines():
            print("# " + line)


listed = []
with open(os.path.join(po_dir, "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.append(line)

marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext)\s*\(|translatable="yes"')
found = []
for sub in ("src", "ui", "data"):
    for root, dirs, files in os.walk(os.path.join(top, sub)):
        dirs[:] = [d for d in dirs if d != "rules"]
        for name in files:
            if not name.endswith((".c", ".ui", ".in", ".gschema.xml")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if marker.search(text) or name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                found.append(rel)

missing = sorted(set(found) - set(listed))
stale = sorted(p for p in listed if not os.path.exists(os.path.join(top, p)))
tap(not missing, "every file with translatable strings is in po/POTFILES.in",
    "missing: " + ", ".join(missing))
tap(not stale, "every file in po/POTFILES.in exists", "stale: " + ", ".join(stale))
tap(listed == sorted(listed), "po/POTFILES.in is sorted")

xgettext_args = [
    "xgettext", "--from-code=UTF-8", "--add-comments", "--package-name=harbor",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format", "--flag=printf:1:c-format",
    "--flag=fprintf:2:c-format",
]

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "harbor.pot")
    proc = subprocess.run(xgettext_args + ["-D", top, "-o", pot] + listed,
                          capture_output=True, text=True)
    tap(proc.returncode == 0, "the strings can be extracted", proc.stderr)

    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        linguas = [w for line in f for w in line.split() if not line.startswith("#")]

    for lang in linguas:
        po = os.path.join(po_dir, lang + ".po")
        merged = os.path.join(tmp, lang + ".po")
        proc = subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", po, pot, "-o", merged],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            tap(False, lang + ".po merges with the current strings", proc.stderr)
            continue
        untranslated = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged],
                                      capture_output=True, text=True).stdout
        fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged],
                               capture_output=True, text=True).stdout
        ids = re.findall(r'^msgid "(.+)"$', untranslated + fuzzy, re.M)
        tap(not ids, lang + ".po translates every string",
            "%d untranslated or fuzzy, e.g.:\n%s" % (len(ids), "\n".join(ids[:20])))
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, po],
                               capture_output=True, text=True)
        tap(check.returncode == 0, lang + ".po passes msgfmt --check", check.stderr)

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
