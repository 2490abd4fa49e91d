"""Load and check the pattern dataset, reporting every problem with file, line and fix.

The check runs before MkDocs cleans the site directory, so a broken dataset leaves the last good
site as it was.

Two parsers, for speed: a file is read with libyaml's C parser (PyYAML's, through _FastLoader),
typed by the same YAML 1.2 rules as ruamel's, and checked. Only when something is wrong is it
read again by ruamel's round-trip parser, about ten times slower, which knows the line and
column of every node: the report comes from that second reading alone, so its messages do not
depend on the fast path.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.resolver import implicit_resolvers
from yaml._yaml import CParser  # libyaml, bundled with PyYAML's wheels
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode
from yaml.resolver import BaseResolver

from macros.content.schema import JINJA, LANGUAGES, Dataset, Strings

DATA_DIR = Path(__file__).resolve().parents[2] / "docs" / "data"

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    column: int  # 1-based
    where: str  # e.g. patterns[2].title.en
    what: str
    fix: str

    def format(self, path: Path) -> str:
        return f"{_display(path)}:{self.line}:{self.column}: {self.where}: {self.what} → {self.fix}"


class DatasetError(PluginError):
    """The dataset cannot be used; carries every problem found."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = sorted(problems, key=lambda p: (p.line, p.column))
        lines = [p.format(path) for p in self.problems]
        count = len(lines)
        noun = "problem" if count == 1 else "problems"
        head = f"{_display(path)}: {count} {noun} in the pattern dataset"
        super().__init__("\n".join([head, *lines]))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


Versions = tuple[tuple[int, int], ...]  # (mtime_ns, size) of each of FILES


@dataclass(frozen=True, eq=False)  # identity hash: one object per version of the files
class Content:
    """Everything the site is generated from."""

    dataset: Dataset
    ui: Strings
    source: tuple[Path, Versions]  # the data folder and the versions of its files it was read from


class ContentError(PluginError):
    """One or more data files are broken; the message lists every problem in every file."""

    def __init__(self, errors: list[DatasetError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def load(data_dir: Path = DATA_DIR) -> Content:
    """Return the checked content, or raise ContentError listing every problem in every file."""
    data_dir = Path(data_dir).resolve()
    versions = []
    for name in FILES:
        try:
            stat = (data_dir / name).stat()
            versions.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            versions.append((0, 0))
    source = (data_dir, tuple(versions))
    return _primed.get(source) or _load_content(*source)


FILES = ("patterns.yml", "ui.yml")
_primed: dict[tuple[Path, Versions], Content] = {}


def prime(content: Content) -> None:
    """Make `load` return `content`, read by another process, while its files are unchanged:
    the language builds run in worker processes and reuse the parent's reading."""
    _primed.clear()
    _primed[content.source] = content


@functools.lru_cache(maxsize=4)
def _load_content(data_dir: Path, versions: Versions) -> Content:
    errors: list[DatasetError] = []
    results: list[BaseModel] = []
    models: tuple[type[BaseModel], ...] = (Dataset, Strings)
    for name, model in zip(FILES, models, strict=True):
        try:
            results.append(load_file(data_dir / name, model))
        except DatasetError as error:
            errors.append(error)
    if errors:
        raise ContentError(errors)
    dataset, ui = results
    assert isinstance(dataset, Dataset)
    assert isinstance(ui, Strings)
    return Content(dataset, ui, (data_dir, versions))


def load_file(path: Path, model: type[BaseModel]) -> BaseModel:
    """Return the file checked against `model`, or raise DatasetError listing every problem."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatasetError(
            path, [Problem(1, 1, "file", "the file does not exist", "create it")]
        ) from None
    return _load_cached(path, model, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, model: type[BaseModel], _mtime: int, _size: int) -> BaseModel:
    return _load_fast(path, model) or _load_located(path, model)


class _Resolver(BaseResolver):
    """Plain scalars typed as ruamel's round-trip parser types them (YAML 1.2: `yes` and `0755`
    are text, `1e3` a number), so that both parsers read a file as the same data."""


for _versions, _tag, _regexp, _first in implicit_resolvers:
    if (1, 2) in _versions:
        _Resolver.add_implicit_resolver(_tag, _regexp, _first)


class _Constructor(SafeConstructor):
    """PyYAML's safe constructor, refusing a key given twice in a mapping, as ruamel does
    (PyYAML would keep the last value silently)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise ConstructorError(None, None, "duplicate key", key_node.start_mark)
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        return mapping


class _FastLoader(CParser, _Constructor, _Resolver):
    """libyaml's parser with the constructor and resolver above (the layout of yaml.CSafeLoader)."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def _load_fast(path: Path, model: type[BaseModel]) -> BaseModel | None:
    """The checked file, read with the C parser; None if anything is wrong with it."""
    try:
        loader = _FastLoader(path.read_text(encoding="utf-8"))
        try:
            raw = loader.get_single_data()
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):  # ValueError: not UTF-8
        return None
    if not isinstance(raw, dict) or any(_text_problems(raw)):
        return None
    if model is Dataset and any(_reference_problems(raw)):
        return None
    try:
        return model.model_validate(_plain(raw))
    except ValidationError:
        return None


def _load_located(path: Path, model: type[BaseModel]) -> BaseModel:
    """The checked file, read with the round-trip parser; raises DatasetError listing every
    problem with its line and column."""
    raw = _parse(path)
    problems = list(_text_problems(raw))
    if model is Dataset:
        problems += _reference_problems(raw)
    try:
        result = model.model_validate(_plain(raw))
    except ValidationError as error:
        problems.extend(_schema_problems(raw, error))
        raise DatasetError(path, problems) from None
    if problems:
        raise DatasetError(path, problems)
    return result


def _parse(path: Path) -> Any:
    yaml = YAML(typ="rt")
    try:
        with path.open(encoding="utf-8") as stream:
            raw = yaml.load(stream)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = f"YAML syntax: {error.problem or error.context}"
        fix = "fix the YAML at this place (indentation, a missing colon, or quote the text)"
        raise DatasetError(path, [Problem(line, col, "file", what, fix)]) from None
    except UnicodeDecodeError as error:
        raise DatasetError(
            path, [Problem(1, 1, "file", f"not UTF-8 ({error.reason})", "save it as UTF-8")]
        ) from None
    if not isinstance(raw, CommentedMap):
        raise DatasetError(
            path,
            [Problem(1, 1, "file", "the file is not a mapping", "start from the documented shape")],
        )
    return raw


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _where(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _position(raw: Any, loc: Loc) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node on `loc` that exists in the YAML."""
    node, line, col = raw, 0, 0
    for part in loc:
        try:
            if isinstance(node, CommentedMap) and part in node:
                line, col = node.lc.key(part)
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line, col = node.lc.item(part)
            else:
                break
            node = node[part]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line + 1, col + 1


_FIXES = {
    "missing": "add it",
    "extra_forbidden": "remove it, or check the spelling of the key",
    "string_too_short": "write the text (it may not be empty)",
    "string_pattern_mismatch": "use lower-case letters, digits and single hyphens (field-voice)",
    "string_type": "write plain text here",
    "list_type": "write a list (lines starting with '- ')",
    "dict_type": "write a mapping of keys to values",
    "model_type": "write a mapping of keys to values",
    "too_short": "add at least the required number of entries",
    "too_long": "remove the extra entries",
    "literal_error": "use one of the allowed values",
}


def _schema_problems(raw: Any, error: ValidationError) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        loc: Loc = tuple(item["loc"])
        kind = item["type"]
        fix = _FIXES.get(kind, "correct the value")
        if kind == "missing" and loc and loc[-1] in LANGUAGES:
            fix = f"add the {'Japanese' if loc[-1] == 'ja' else 'English'} text ({loc[-1]}: …)"
        elif kind == "missing":
            fix = f"add `{loc[-1]}:`"
        if kind == "literal_error":
            fix = f"use {item['ctx'].get('expected', 'an allowed value')}"
        line, col = _position(raw, loc)
        yield Problem(line, col, _where(loc), item["msg"], fix)


def _strings(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*loc, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index))
    elif isinstance(node, str):
        yield loc, node


def _ids(raw: Any, key: str) -> list[tuple[Loc, str]]:
    """(loc, id) of every mapping in the list raw[key] that has a string `id`."""
    items = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        return []
    return [
        ((key, i, "id"), entry["id"])
        for i, entry in enumerate(items)
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    ]


def _text_problems(raw: Any) -> Iterator[Problem]:
    """Every page is also a Jinja template, so text may not contain Jinja delimiters."""
    for loc, text in _strings(raw):
        if JINJA.search(text):
            line, col = _position(raw, loc)
            yield Problem(
                line,
                col,
                _where(loc),
                "text contains a Jinja delimiter ({{, }}, {%, %}, {# or #})",
                "rephrase, or put a space between the two characters",
            )


def _reference_problems(raw: Any) -> Iterator[Problem]:
    """Rules the per-field schema cannot state: unique ids and references that resolve."""

    def problem(loc: Loc, what: str, fix: str) -> Problem:
        line, col = _position(raw, loc)
        return Problem(line, col, _where(loc), what, fix)

    patterns = _ids(raw, "patterns")
    cycle = _ids(raw, "cycle")
    steps = {value for _, value in cycle}
    pattern_ids = {value for _, value in patterns}

    # Checklist item ids must be unique across the dataset: saved ticks are keyed by them.
    items: list[tuple[Loc, str]] = []
    for p_loc, _ in patterns:
        index = p_loc[1]
        pattern = raw["patterns"][index]
        items += [((*p_loc[:2], *loc), value) for loc, value in _ids(pattern, "checklist")]
    groups = [
        ("pattern", patterns),
        ("dream-cycle step", cycle),
        ("checklist item", items),
    ]
    for p_loc, _ in patterns:
        found = _ids(raw["patterns"][p_loc[1]], "countermeasures")
        groups.append(("countermeasure", [((*p_loc[:2], *loc), v) for loc, v in found]))
    for label, found in groups:
        seen: set[str] = set()
        for loc, value in found:
            if value in seen:
                yield problem(
                    loc,
                    f"{label} id '{value}' is already used above",
                    "give each one its own id (saved ticks and page addresses refer to ids)",
                )
            seen.add(value)

    for p_loc, pid in patterns:
        pattern = raw["patterns"][p_loc[1]]
        base = p_loc[:2]
        step = pattern.get("cycle_step")
        if isinstance(step, str) and steps and step not in steps:
            yield problem(
                (*base, "cycle_step"),
                f"cycle_step '{step}' is not a dream-cycle step",
                f"use one of: {', '.join(sorted(steps))}",
            )
        related = pattern.get("related")
        if isinstance(related, list):
            for i, ref in enumerate(related):
                if isinstance(ref, str) and (ref not in pattern_ids or ref == pid):
                    yield problem(
                        (*base, "related", i),
                        f"related pattern '{ref}' "
                        + ("is this pattern itself" if ref == pid else "does not exist"),
                        f"use another pattern's id: {', '.join(sorted(pattern_ids - {pid}))}",
                    )
        measures = {value for _, value in _ids(pattern, "countermeasures")}
        checklist = pattern.get("checklist")
        if isinstance(checklist, list):
            for i, entry in enumerate(checklist):
                ref = entry.get("countermeasure") if isinstance(entry, dict) else None
                if isinstance(ref, str) and ref not in measures:
                    yield problem(
                        (*base, "checklist", i, "countermeasure"),
                        f"countermeasure '{ref}' is not one of this pattern's countermeasures",
                        f"use one of: {', '.join(sorted(measures)) or '(add a countermeasure)'}",
                    )

    pdca = raw.get("pdca")
    if isinstance(pdca, list):
        ids = [e.get("id") for e in pdca if isinstance(e, dict)]
        if len(ids) == 4 and sorted(map(str, ids)) != sorted(["plan", "do", "check", "act"]):
            yield problem(("pdca",), "pdca must list plan, do, check and act once each", "fix ids")
