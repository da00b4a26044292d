#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-screenshots.py SOURCE_ROOT: every screenshot the metainfo shows is a
# file under data/screenshots/ in this tree (where its URL points once
# published), a real PNG of a sensible size, no more than 1 MB, with a
# caption; and no picture in data/screenshots/ is left unused. Prints TAP.

import os
import struct
import sys
import xml.etree.ElementTree as ET

URL_BASE = "https://raw.githubusercontent.com/harborapp/harbor/main/"
MAX_BYTES = 1024 * 1024
MIN_W, MIN_H = 620, 400
MAX_W, MAX_H = 2560, 1600

results = []


def tap(ok, name, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    if detail and not ok:
        print("# " + str(detail))
    return ok


def png_size(path):
    """The width and height of a PNG, or None when it is not one."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


root_dir = sys.argv[1]
shots_dir = os.path.join(root_dir, "data", "screenshots")
metainfo = os.path.join(root_dir, "data", "org.harborapp.Harbor.metainfo.xml.in")
component = ET.parse(metainfo).getroot()
screenshots = component.findall("./screenshots/screenshot")

tap(len(screenshots) >= 2, "the metainfo shows at least two screenshots", len(screenshots))
defaults = [s for s in screenshots if s.get("type") == "default"]
tap(len(defaults) == 1, "exactly one screenshot is the default", len(defaults))

used = set()
for shot in screenshots:
    images = shot.findall("image")
    url = images[0].text.strip() if len(images) == 1 and images[0].text else ""
    rel = url[len(URL_BASE):] if url.startswith(URL_BASE) else None
    name = os.path.basename(rel) if rel else url
    tap(rel is not None and os.path.dirname(rel) == "data/screenshots" and rel.endswith(".png"),
        "%s: its URL points into data/screenshots/ of the repository" % name, url)
    caption = shot.find("caption")
    tap(caption is not None and bool((caption.text or "").strip()),
        "%s: has a caption" % name)
    if rel is None:
        continue
    path = os.path.join(root_dir, rel)
    used.add(os.path.basename(rel))
    if not tap(os.path.isfile(path), "%s: the file exists" % name, path):
        continue
    size = png_size(path)
    tap(size is not None, "%s: is a PNG" % name)
    if size is not None:
        w, h = size
        tap(MIN_W <= w <= MAX_W and MIN_H <= h <= MAX_H and w >= h,
            "%s: is a sensible size (%dx%d)" % (name, w, h), "%dx%d" % (w, h))
    nbytes = os.path.getsize(path)
    tap(nbytes <= MAX_BYTES, "%s: is no more than 1 MB (%d bytes)" % (name, nbytes), nbytes)

present = set(f for f in os.listdir(shots_dir) if not f.startswith(".")) if os.path.isdir(shots_dir) else set()
tap(present == used, "every picture in data/screenshots/ is shown by the metainfo",
    "unused: %s" % ", ".join(sorted(present - used)))

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
