"""Ask V8 to compile the scripts a page runs on load in the background, as they download.

V8 (Chrome, Edge, Android's WebView) compiles a function body the first time it is called, on
the main thread, while the page waits. Material's bundle and the checklist call most of theirs
on load, so that compiling lands in their long tasks, which a tap has to wait for. A file whose
first line is the magic comment below has every function compiled while it streams in, off the
main thread (https://v8.dev/blog/explicit-compile-hints). Other engines read a comment. The
benchmark in benchmarks/lighthouse.py shows the effect on total blocking time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

HINT = "//# allFunctionsCalledOnLoad\n"
MAP_URL = re.compile(r"^//# sourceMappingURL=(\S+)\s*$", re.M)


def mark(site_dir: Path, paths: Iterable[str]) -> None:
    """Put the hint on each script of `paths` (relative to `site_dir`). A source map beside a
    script gets one empty line in front, so it still points right."""
    for relative in paths:
        path = site_dir / relative
        text = path.read_text(encoding="utf-8")
        if text.startswith(HINT):  # a rebuild that kept the file
            continue
        path.write_text(HINT + text, encoding="utf-8")
        found = MAP_URL.search(text)
        source_map = path.parent / found[1] if found else None
        if source_map is not None and source_map.is_file():
            data = json.loads(source_map.read_text(encoding="utf-8"))
            data["mappings"] = ";" + data["mappings"]  # ";" starts a generated line
            source_map.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
