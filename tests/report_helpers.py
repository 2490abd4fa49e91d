"""A realistic, hostile saved state (format version 2) for the report and export tests.

Every statement answered, notes on several, a plan of five actions (and one removed), two rounds
(one deleted), meta and a combination of members' files. The texts a team types carry markup,
spreadsheet formulas, iCalendar separators, line breaks, emoji and Japanese.
"""

from __future__ import annotations

import json
from typing import Any

from macros.content import contract, dataset, pages
from tests.conftest import ROOT

KEY: str = contract.load()["storage"]["key"]  # the checklist's (contract.json)
HOSTILE = "<script>window.pwned=1</script> =cmd|' /C calc'!A0, a; b\\c\n二行目 🚀"
CONTENT = dataset.load(ROOT / "docs" / "data")
PATTERNS = CONTENT.dataset.patterns
IDS = [item.id for pattern in PATTERNS for item in pattern.checklist]
DAY = 86_400_000
NOW = 1_764_547_200_000  # 2025-12-01 00:00 UTC

# (pattern index, item index) → state; every other statement holds.
OPEN = [(0, 0), (0, 2), (0, 3), (1, 1), (1, 2), (2, 0), (2, 3), (3, 1), (4, 0), (4, 2), (4, 3)]
NA = [(3, 4), (1, 4)]
NOTES = {
    "ja": [
        "営業部の5人にだけ聞いた。サポート部門とマーケティング部門にはまだ話を聞いていない。",
        "入力項目は42個。うち半分は過去3か月で一度も使われていない。次回の見直しで削る候補を洗い出す。",
        "経営会議では「売上の見える化」としか決まっていない。数値目標がない。",
        "現場の入力は週末にまとめて行われている。外出先から入力できる画面がない。",
        "四半期ごとの振り返りの場が年初に一度開かれただけ。",
    ],
    "en": [
        "We only asked five sales reps. Support and marketing have not been heard yet.",
        "42 fields, half of them unused in the last three months. List what to cut next review.",
        "The board only agreed on 'visible sales'. There is no number to aim for.",
        "Reps enter everything on Friday afternoon; there is no screen for use on the road.",
        "The quarterly review met once, in January, and never again.",
    ],
}
OWNERS = ["佐藤（営業企画）", "Suzuki, IT", HOSTILE, "田中", ""]
DUES = ["2025-12-19", "2026-01-16", "2025-12-05", "", "2026-02-27"]
STATUSES = ["doing", "planned", "planned", "planned", "done"]


def item_id(pattern: int, item: int) -> str:
    return PATTERNS[pattern].checklist[item].id


def state(lang: str = "en") -> dict[str, Any]:
    """The stored object (version 2) a team has after a full session."""
    items = {i: {"state": "done", "note": "", "updated": NOW - DAY} for i in IDS}
    for p, i in OPEN:
        items[item_id(p, i)]["state"] = "open"
    for p, i in NA:
        items[item_id(p, i)]["state"] = "na"
    noted = [(0, 0), (0, 2), (2, 0), (3, 1), (4, 0)]
    for (p, i), note in zip(noted, NOTES[lang], strict=True):
        items[item_id(p, i)]["note"] = note
    items[item_id(4, 2)]["note"] = HOSTILE
    actions = [item_id(p, i) for p, i in [(0, 0), (2, 0), (3, 1), (4, 0), (4, 2)]]
    plan: dict[str, Any] = {
        id_: {"owner": o, "due": d, "status": s, "updated": NOW - DAY, "removed": False}
        for id_, o, d, s in zip(actions, OWNERS, DUES, STATUSES, strict=True)
    }
    plan[item_id(1, 1)] = {
        "owner": "gone",
        "due": "2025-12-24",
        "status": "planned",
        "updated": NOW,
        "removed": True,
    }
    round_items = {i: {"state": "open", "note": "", "updated": 0} for i in IDS[:10]}
    rounds = [
        {"id": "rq3", "name": "Q3 <b>review</b>", "date": NOW - 90 * DAY, "items": round_items},
        {"id": "rold", "name": "deleted round", "date": NOW - 10 * DAY, "items": {}},
    ]
    for round_ in rounds:
        round_["updated"] = round_["date"]
        round_["deleted"] = round_["id"] == "rold"
    return {
        "version": 2,
        "items": items,
        "plan": plan,
        "rounds": rounds,
        "meta": {
            "title": "Project <img src=x onerror=window.pwned=2> 全社CRM",
            "participants": "Sato, Suzuki, <i>Tanaka</i>, 営業部",
            "updated": NOW - DAY,
        },
        "combined": {
            "date": NOW - 2 * DAY,
            "members": ["Sales", "IT", "=cmd|' /C calc'!A0"],
            "split": [item_id(0, 1), item_id(2, 3), item_id(4, 1)],
            "updated": NOW - 2 * DAY,
        },
    }


def catalogue(lang: str) -> dict[str, Any]:
    """The catalogue the report page carries (what checklist.js's catalog() reads, plus steps)."""
    return pages.catalogue(pages.view(CONTENT, lang))


def strings(lang: str) -> dict[str, str]:
    """The page's cl_* strings."""
    ui = pages.view(CONTENT, lang)["ui"]
    return {key: value for key, value in ui.items() if key.startswith("cl_")}


def seed_script(data: dict[str, Any]) -> str:
    """An init script that stores `data` before the page's own scripts run."""
    return store_script(json.dumps(data))


def store_script(raw: str) -> str:
    """An init script that stores `raw` (on the site's pages: about:blank has no storage)."""
    store = f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(raw)});"
    return f"if (location.origin !== 'null') {store}"
