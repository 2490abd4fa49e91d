"""Build both languages into one site directory, replacing it only when everything succeeded."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from macros.content import dataset, pages
from macros.content.render import render
from macros.content.schema import LANGUAGES
from macros.content.site import site_root
from macros.postbuild import csp, sitemap

ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("mkdocs")


def _configure_logging() -> None:
    """Show MkDocs warnings and errors as `WARNING - …` lines; keep its INFO chatter quiet."""
    if not any(getattr(h, "_crm", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._crm = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.WARNING)
        log.propagate = False


def build_language(project: Path, lang: str, site_dir: Path, *, strict: bool) -> None:
    config = load_config(
        config_file=str(project / "docs" / f"{lang}.yml"), site_dir=str(site_dir), strict=strict
    )
    mkdocs_build(config)


def pool() -> ProcessPoolExecutor:
    """One process per language, up to the number of cores: the languages build in parallel.
    `serve` keeps one for all its rebuilds; `build_into` makes its own unless given one.

    forkserver, not fork: the caller may have threads (a test server, a browser driver).
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["macros.commands.build"]
    )  # later forks start with MkDocs imported
    workers = max(1, min(len(LANGUAGES), os.cpu_count() or 1))
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _build_job(
    project: Path, lang: str, site_dir: Path, strict: bool, content: dataset.Content
) -> tuple[str, float, int]:
    """Build one language in a worker: (error as text, exceptions may not pickle; seconds;
    the worker's process id).

    `content` is the parent's reading of the dataset: the hooks use it instead of parsing the
    YAML again (dataset.prime), unless the files changed since."""
    _configure_logging()
    dataset.prime(content)
    started = time.perf_counter()
    try:
        build_language(project, lang, site_dir, strict=strict)
    except MkDocsException as error:
        return str(error) or type(error).__name__, 0.0, os.getpid()
    return "", time.perf_counter() - started, os.getpid()


def write_root(project: Path, site_dir: Path) -> None:
    """Root pages: index.html sends a visitor to their language (plain links when JS is off);
    404.html, which static hosts serve for any missing address, links both languages' homes."""
    content = dataset.load(project / "docs" / "data")
    views = {lang: pages.view(content, lang) for lang in LANGUAGES}
    templates = project / "overrides" / "crm"
    for template, name in (("root.html", "index.html"), ("root-404.html", "404.html")):
        html = render(templates, template, views=views, languages=LANGUAGES, root=site_root())
        (site_dir / name).write_text(html, encoding="utf-8")
    csp.protect(site_dir, [site_dir / "index.html", site_dir / "404.html"])
    sitemap.write_index(site_dir, site_root(), LANGUAGES)  # root sitemap index + robots.txt


def build_into(
    project: Path,
    target: Path,
    *,
    strict: bool = True,
    quiet: bool = False,
    workers: ProcessPoolExecutor | None = None,
) -> dict[str, int]:
    """Build every language into `target`, which is replaced only if all of it succeeded, in
    `workers` (a pool of its own if None). Returns the process id that built each language.

    Raises ContentError (dataset) or MkDocsException (anything else) and leaves `target` as is.
    """
    _configure_logging()

    def say(message: str) -> None:
        if not quiet:
            print(message, file=sys.stderr, flush=True)

    content = dataset.load(project / "docs" / "data")  # every problem at once, before any build
    staging = target.with_name(f".{target.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        say(f"Building {', '.join(LANGUAGES)} …")
        with contextlib.ExitStack() as stack:
            executor = workers or stack.enter_context(pool())
            jobs = {
                executor.submit(_build_job, project, lang, staging / lang, strict, content): lang
                for lang in LANGUAGES
            }
            errors = []
            built = {}
            for job in as_completed(jobs):
                error, seconds, built[jobs[job]] = job.result()
                if error:
                    errors.append(f"[{jobs[job]}] {error}")
                else:
                    say(f"Built {jobs[job]} in {seconds:.1f} s")
        if errors:
            raise MkDocsException("\n".join(errors))
        write_root(project, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return built


def build_site(site_dir: Path, *, strict: bool = True, project: Path = ROOT) -> int:
    """`python -m macros build`: exit status 0 on success, 1 with a message on failure."""
    started = time.perf_counter()
    try:
        build_into(project, site_dir.resolve(), strict=strict)
    except dataset.ContentError as error:
        print(f"ERROR - {error}\nThe site was not built; {site_dir} is unchanged.", file=sys.stderr)
        return 1
    except MkDocsException as error:
        print(f"ERROR - {error}\nThe site was not built; {site_dir} is unchanged.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"Site built in {site_dir} ({elapsed:.1f} s): open {site_dir / 'index.html'}")
    return 0
