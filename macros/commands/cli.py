"""Command line for maintainers: check the dataset, build or serve the site, write the schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from macros.content import dataset, revisions, schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "docs" / "data" / "schema"


def json_schemas() -> dict[str, dict[str, object]]:
    """JSON Schemas for editors, derived from the pydantic models (file name → schema)."""
    out: dict[str, dict[str, object]] = {}
    for name, model in (("patterns", schema.Dataset), ("ui", schema.Strings)):
        body = model.model_json_schema()
        body = {"$schema": "https://json-schema.org/draft/2020-12/schema", **body}
        out[f"{name}.schema.json"] = body
    return out


def cmd_check(args: argparse.Namespace) -> int:
    try:
        content = dataset.load(Path(args.data))
    except dataset.ContentError as error:
        print(error, file=sys.stderr)
        return 1
    data = Path(args.data)
    try:
        problems = revisions.drift(content, revisions.read_lock(data / revisions.LOCK_NAME))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    if problems:
        print(revisions.report(data, problems), file=sys.stderr)
        return 1
    patterns = content.dataset.patterns
    items = sum(len(p.checklist) for p in patterns)
    print(f"{args.data}: OK ({len(patterns)} patterns, {items} checklist items)")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    """Write the statements lock; refuse a reworded statement whose revision stayed the same."""
    data = Path(args.data)
    try:
        content = dataset.load(data)
        path = data / revisions.LOCK_NAME
        problems = revisions.drift(content, revisions.read_lock(path))
    except dataset.ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except ValueError:
        problems = []  # an unreadable lock is rewritten from the dataset
    unknown = set(args.same_meaning) - {item.id for item in revisions.statements(content)}
    if unknown:
        print(f"--same-meaning: no statement {', '.join(sorted(unknown))}", file=sys.stderr)
        return 1
    blocked = revisions.refused(problems, set(args.same_meaning))
    if blocked:
        print(revisions.report(data, blocked), file=sys.stderr)
        print(f"{path} was not changed.", file=sys.stderr)
        return 1
    path.write_text(revisions.lock_text(content), encoding="utf-8")
    print(f"wrote {path} ({len(revisions.statements(content))} statements)")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    drift = []
    for name, body in json_schemas().items():
        path = SCHEMA_DIR / name
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                drift.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in drift:
        print(f"{path.relative_to(ROOT)} is out of date: run `python -m macros schema`")
    return 1 if drift else 0


def cmd_build(args: argparse.Namespace) -> int:
    from macros.commands import build

    return build.build_site(Path(args.site_dir), strict=not args.no_strict, project=args.project)


def cmd_serve(args: argparse.Namespace) -> int:
    from macros.commands import serve

    return serve.serve(args.host, args.port, project=args.project)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the dataset (seconds, no build)")
    check.add_argument("data", nargs="?", default=str(dataset.DATA_DIR.relative_to(ROOT)))
    check.set_defaults(run=cmd_check)
    lock = sub.add_parser("lock", help="accept the checklist statements' texts and revisions")
    lock.add_argument("data", nargs="?", default=str(dataset.DATA_DIR.relative_to(ROOT)))
    lock.add_argument(
        "--same-meaning",
        nargs="+",
        default=[],
        metavar="ID",
        help="accept a new wording of these statements without a new revision",
    )
    lock.set_defaults(run=cmd_lock)
    sch = sub.add_parser("schema", help="write the JSON Schemas editors use")
    sch.add_argument("--check", action="store_true", help="exit 1 if they are out of date")
    sch.set_defaults(run=cmd_schema)
    build = sub.add_parser("build", help="build both languages into one site directory")
    build.add_argument("--site-dir", default=str(ROOT / "site"))
    build.add_argument("--no-strict", action="store_true", help="do not fail on warnings")
    build.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    build.set_defaults(run=cmd_build)
    serve = sub.add_parser("serve", help="serve both languages, rebuilding on every edit")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    serve.set_defaults(run=cmd_serve)
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status
