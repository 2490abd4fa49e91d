"""The export formats as other programs read them: the iCalendar file parsed back by the
`icalendar` library, the CSV by Python's csv module, the Markdown rendered by Python-Markdown.
The files are made by Node from the real catalogue and a full, hostile saved state."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess
from typing import Any

import icalendar
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tests import report_helpers as R
from tests.conftest import ROOT

FORMATS = ROOT / "overrides" / "assets" / "javascripts" / "checklist" / "model" / "formats.mjs"
NOW = 1_764_579_600_000  # 2025-12-01 09:00 UTC
# Node reads {kind, data, catalogue, strings} on stdin and prints the file (the module is ESM).
SCRIPT = """
import { pathToFileURL } from "node:url";
const F = await import(pathToFileURL(process.argv[1]).href);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { kind, data, catalogue, strings, options } = JSON.parse(input);
  process.stdout.write(F[kind](data, catalogue, strings, options));
});
"""


def export(kind: str, lang: str, data: dict[str, Any] | None = None) -> str:
    """The file `kind` (toICS, toCSV, toMarkdown) for the fixture state, in `lang`."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing (Node.js 20+ is a requirement, see README)")
    body = {
        "kind": kind,
        "data": data or R.state(lang),
        "catalogue": R.catalogue(lang)["patterns"],
        "strings": R.strings(lang),
        "options": {"date": "2025-12-01", "now": NOW},
    }
    result = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT, str(FORMATS)],
        input=json.dumps(body).encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=30,
    )
    return result.stdout.decode("utf-8")  # bytes: text mode would turn CRLF into LF


def statements(lang: str) -> dict[str, dict[str, str]]:
    """Each statement of the catalogue with its pattern title, by id."""
    return {
        item["id"]: {**item, "pattern": pattern["title"]}
        for pattern in R.catalogue(lang)["patterns"]
        for item in pattern["items"]
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_icalendar_file_parses_back_with_every_event_intact(lang: str) -> None:
    """icalendar reads one all-day event per dated action: date, summary, description verbatim."""
    text = export("toICS", lang)
    raw = text.encode("utf-8")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"", "the file ends with CRLF"
    too_long = [line for line in lines if len(line) > 75]
    assert not too_long, f"lines over 75 octets: {too_long}"
    assert b"\n" not in raw.replace(b"\r\n", b""), "only CRLF line ends"

    calendar = icalendar.Calendar.from_ical(text)
    state = R.state(lang)
    texts = statements(lang)
    ui = R.strings(lang)
    dated = {
        id_: entry for id_, entry in state["plan"].items() if entry["due"] and not entry["removed"]
    }
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(dated) == 4
    assert len({str(event["UID"]) for event in events}) == 4
    for event in events:
        id_ = str(event["UID"]).split(".")[0]
        entry = dated[id_]
        start = event.decoded("DTSTART")
        assert isinstance(start, datetime.date)
        assert not isinstance(start, datetime.datetime), "an all-day event"
        assert start.isoformat() == entry["due"]
        assert event.decoded("DTEND") == start + datetime.timedelta(days=1)
        assert event.decoded("DTSTAMP") == datetime.datetime(2025, 12, 1, 9, tzinfo=datetime.UTC)
        assert str(event["SUMMARY"]) == texts[id_]["text"]
        owner = entry["owner"] or ui["cl_report_not_recorded"]

        def line(key: str, value: str) -> str:
            """ "label: value" as the language writes it (a full-width colon in Japanese)."""
            return ui["cl_labelled"].replace("{label}", ui[key]).replace("{value}", value)

        expected = [
            line("cl_report_project", state["meta"]["title"]),
            line("cl_report_col_owner", owner),
            line("cl_report_col_due", entry["due"]),
            line("cl_report_col_status", ui["cl_plan_status_" + entry["status"]]),
            line("cl_report_col_pattern", texts[id_]["pattern"]),
            line("cl_next_measure", texts[id_]["measure"]),
        ]
        note = state["items"][id_]["note"]
        if note:
            expected.append(line("cl_note", note))
        assert str(event["DESCRIPTION"]) == "\n".join(expected)
    owners = [str(event["DESCRIPTION"]) for event in events]
    assert any(R.HOSTILE in description for description in owners), "hostile owner intact"


def test_csv_reads_back_as_plain_cells() -> None:
    """Python's csv module reads the plan's columns; formula-like cells start with a quote."""
    text = export("toCSV", "en")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    header, body = rows[0], rows[1:]
    assert header[-3:] == ["Owner", "Due date", "Status"]
    assert len(body) == len(R.IDS)
    by_id = {row[1]: row for row in body}
    hostile = by_id[R.item_id(3, 1)]
    assert hostile[6] == R.HOSTILE, "an owner that does not start like a formula stays as typed"
    assert hostile[7:] == ["2025-12-05", "Planned"]
    assert by_id[R.item_id(4, 2)][4] == R.HOSTILE, "the note, line break and all"
    assert by_id[R.item_id(1, 1)][6:] == ["", "", ""], "a removed action is not in the plan"
    data = R.state("en")
    data["plan"][R.item_id(0, 0)]["owner"] = "=cmd|' /C calc'!A0"
    cell = {row[1]: row for row in csv.reader(io.StringIO(export("toCSV", "en", data)[1:]))}
    assert cell[R.item_id(0, 0)][6] == "'=cmd|' /C calc'!A0"


def test_markdown_renders_hostile_text_as_text() -> None:
    """Rendered as CommonMark (as GitHub does), typed text is text; the plan comes first."""
    text = export("toMarkdown", "ja")
    lines = text.split("\n")
    assert lines.index("## アクションプラン") < lines.index(
        f"## {R.catalogue('ja')['patterns'][0]['title']}"
    )
    html = MarkdownIt("commonmark").render(text)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all(["script", "img", "b", "i"]) == []
    assert R.HOSTILE.replace("\n", " ") in soup.get_text()
    assert "Project <img src=x onerror=window.pwned=2> 全社CRM" in soup.get_text()
    tasks = [li for li in soup.find_all("li") if "担当者：" in li.get_text()]
    assert len(tasks) == 5
