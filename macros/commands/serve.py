"""`python -m macros serve`: both languages on one local server, rebuilt on every edit.

A failed rebuild (a dataset mistake, say) prints its errors and keeps serving the last good site.
The worker processes that build the languages are kept from one rebuild to the next. Python
already imported is not read again, by them or by this process: after an edit to the build's
own code the command starts itself again (same process, same address), so that every rebuild
runs the code as it is on disk.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

import macros
from macros.commands import build
from macros.content import dataset

WATCHED = ("docs", "overrides", "macros", "mkdocs.yml")


def code_version(project: Path) -> tuple[tuple[str, int, int], ...]:
    """Every Python file of the build: this package, and the project's copy the hooks load."""
    folders = sorted({Path(macros.__file__).resolve().parent, (project / "macros").resolve()})
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for folder in folders
        for path in sorted(folder.rglob("*.py"))
        for stat in [path.stat()]
    )


def serve(host: str, port: int, project: Path = build.ROOT) -> int:
    os.environ["SITE_URL"] = f"http://{host}:{port}/"
    code = code_version(project)
    restart = False
    with tempfile.TemporaryDirectory(prefix="crm-serve-") as tmp, build.pool() as workers:
        site = Path(tmp) / "site"
        server: LiveReloadServer | None = None

        def rebuild() -> None:
            nonlocal restart
            if server is not None and code_version(project) != code:
                print("The build's Python code changed: restarting …", file=sys.stderr)
                restart = True
                server.shutdown()  # serve() returns once this rebuild is over
                return
            try:
                build.build_into(project, site, workers=workers)
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
    if restart:  # the temporary site and the workers are gone; the port is free again
        sys.stderr.flush()
        sys.stdout.flush()
        os.execv(sys.executable, sys.orig_argv)
    return 0
