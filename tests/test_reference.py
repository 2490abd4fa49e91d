"""The benchmark's reference (benchmarks/reference.py) is plain Material on the same pages: the
side-by-side figures mean something only if it builds and carries nothing of ours."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.reference import build_reference

from .conftest import parse


def test_the_reference_is_plain_material_with_the_same_pages(
    tmp_path: Path, site_dir: Path
) -> None:
    build_reference(tmp_path / "project", tmp_path / "reference")
    for lang in ("ja", "en"):
        ours = sorted(p.relative_to(site_dir / lang) for p in (site_dir / lang).rglob("*.html"))
        theirs = tmp_path / "reference" / lang
        assert sorted(p.relative_to(theirs) for p in theirs.rglob("*.html")) == ours
        home = parse(theirs / "index.html")
        assert home.select_one("script[data-crm-scripts]") is None
        assert home.select_one('meta[http-equiv="Content-Security-Policy"]') is None
        bundle = home.select_one('script[src*="bundle."]')
        assert bundle is not None
        assert not bundle.has_attr("defer")  # as Material ships it
        sheets = [str(s["href"]) for s in home.select('link[rel="stylesheet"]')]
        assert any("/main." in f"/{h}" for h in sheets)
        assert not any("site." in h for h in sheets)
        index = json.loads((theirs / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]  # stock search, no rewrite
        assert "text_keys" not in json.dumps(index["docs"][:3])
