#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-manifest.py MANIFEST: the Flatpak manifest parses, pins every
# source it downloads, and asks for no network and no broad file access.
# Prints TAP.

import json
import re
import sys

HEX40 = re.compile(r"^[0-9a-f]{40}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")

results = []


def tap(ok, name, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    if detail and not ok:
        print("# " + detail)


path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    tap(True, "the manifest is valid JSON")
except (OSError, ValueError) as e:
    tap(False, "the manifest is valid JSON", str(e))
    print("1..%d" % len(results))
    sys.exit(1)

tap(manifest.get("id") == "org.harborapp.Harbor", "the application id is org.harborapp.Harbor",
    repr(manifest.get("id")))
tap(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
    "it builds on the GNOME runtime")
version = str(manifest.get("runtime-version", ""))
tap(version not in ("", "master") and version.replace(".", "").isdigit(),
    "the runtime version is a pinned stable release", version)

args = manifest.get("finish-args", [])
broad = {"--filesystem=home", "--filesystem=host", "--filesystem=host-os", "--filesystem=host-etc",
         "--filesystem=xdg-documents", "--filesystem=xdg-download"}
tap("--share=network" not in args, "no network access", " ".join(args))
tap(not [a for a in args if a in broad or a.startswith("--filesystem=home") or a.startswith("--filesystem=host")],
    "no home-folder or host file access (files go through portals)", " ".join(args))
tap("--socket=wayland" in args and "--socket=fallback-x11" in args and "--device=dri" in args,
    "Wayland with fallback X11 and DRI", " ".join(args))
tap(not [a for a in args if a.startswith("--talk-name=org.freedesktop.Flatpak") or a == "--socket=system-bus"],
    "no sandbox escapes", " ".join(args))

unpinned = []


def walk(modules):
    for module in modules:
        if isinstance(module, str):
            unpinned.append("%s: an external module file" % module)
            continue
        for source in module.get("sources", []):
            kind = source.get("type")
            if kind in ("archive", "file") and "path" not in source and not HEX64.match(str(source.get("sha256", ""))):
                unpinned.append("%s: %s without a sha256" % (module.get("name"), source.get("url")))
            elif kind == "git" and not HEX40.match(str(source.get("commit", ""))):
                unpinned.append("%s: git without a full 40-hex commit" % module.get("name"))
            elif kind == "dir" and module.get("name") != "harbor":
                unpinned.append("%s: a local folder" % module.get("name"))
            elif kind not in ("archive", "file", "git", "dir", "patch", "shell"):
                unpinned.append("%s: source type %s" % (module.get("name"), kind))
        walk(module.get("modules", []))


walk(manifest.get("modules", []))
tap(not unpinned, "every downloaded source is pinned by checksum or commit", "; ".join(unpinned))
names = [m.get("name") for m in manifest.get("modules", []) if isinstance(m, dict)]
tap(names and names[-1] == "harbor", "Harbor is built last, over its dependencies", repr(names))
tap("libsodium" in names, "libsodium, which the runtime lacks, is built", repr(names))
tap("zxcvbn-c" in names, "zxcvbn-c, which the runtime lacks, is built", repr(names))
libraries = [n for n in names if n != "harbor"]
tap(libraries and names.count("harbor") == 1 and names.index("harbor") == len(names) - 1,
    "every library module comes before harbor", repr(names))

zxcvbn = next((m for m in manifest.get("modules", []) if isinstance(m, dict) and m.get("name") == "zxcvbn-c"), {})
commands = " ; ".join(zxcvbn.get("build-commands", []))
tap("/include/zxcvbn.h" in commands and "/lib/libzxcvbn.so" in commands,
    "zxcvbn-c installs its header and shared library into the app prefix", commands)
harbor = next((m for m in manifest.get("modules", []) if isinstance(m, dict) and m.get("name") == "harbor"), {})
options = harbor.get("build-options", {})
tap("-I/app/include" in options.get("cppflags", "") and "-L/app/lib" in options.get("ldflags", ""),
    "Harbor's build looks for headers and libraries in the app prefix (zxcvbn has no .pc file)",
    repr(options))

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
