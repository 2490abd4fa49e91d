"""`python -m macros serve`: both languages on one local server, rebuilt on every edit.

A failed rebuild (a dataset mistake, say) prints its errors and keeps serving the last good site.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from macros.commands import build
from macros.content import dataset

WATCHED = ("docs", "overrides", "macros", "mkdocs.yml")


def serve(host: str, port: int, project: Path = build.ROOT) -> int:
    os.environ["SITE_URL"] = f"http://{host}:{port}/"
    with tempfile.TemporaryDirectory(prefix="crm-serve-") as tmp:
        site = Path(tmp) / "site"

        def rebuild() -> None:
            try:
                build.build_into(project, site)
                print(f"Serving http://{host}:{port}/ (Ctrl+C stops)", file=sys.stderr)
            except (dataset.ContentError, MkDocsException) as error:
                print(f"ERROR - {error}\nStill serving the last good build.", file=sys.stderr)

        rebuild()
        if not site.exists():
            print("Fix the errors above, then run the command again.", file=sys.stderr)
            return 1
        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site))
        for name in WATCHED:
            server.watch(str(project / name))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
        finally:
            server.shutdown()
    return 0
