// Unit tests of the export formats (overrides/assets/javascripts/checklist/model/formats.mjs): JSON,
// Markdown, CSV and iCalendar, each with the text a team may type (markup, formulas, separators,
// line breaks, emoji, Japanese). Run with `node --test tests/js/`.
import test from "node:test";
import assert from "node:assert/strict";
import * as S from "../../overrides/assets/javascripts/checklist/model/state.mjs";
import * as F from "../../overrides/assets/javascripts/checklist/model/formats.mjs";

const HOSTILE = "<script>alert(1)</script> =cmd|' /C calc'!A0, a; b\\c\nline two 🚀 日本語";
const item = (state, updated = 1, note = "") => ({ state, note, updated });
const action = (owner, due, status, extra = {}) => ({ owner, due, status, updated: 5, removed: false, ...extra });
const v2 = (items, plan = {}, meta = { title: "", participants: "", updated: 0 }) => ({ version: 2, items, rounds: [], plan, meta, combined: null });
const catalog = [
  {
    title: "1. Over-specified",
    items: [
      { id: "a-one", text: "First *statement*", measure: "Interview reps" },
      { id: "a-two", text: "Second", measure: "Fewer fields" },
      { id: "a-three", text: "Third", measure: "=HYPERLINK(1)" },
    ],
  },
  { title: "2. Silos", items: [{ id: "b-one", text: "Shared goal", measure: "One KPI" }] },
];
const strings = {
  cl_md_title: "Checklist ({date})",
  cl_na: "N/A",
  cl_note: "Note",
  cl_level_high: "High risk",
  cl_level_mid: "Medium risk",
  cl_level_low: "Low risk",
  cl_level_none: "Not applicable",
  cl_verdict_high: "Exposed: {open} open.",
  cl_verdict_mid: "Partly exposed: {open} open.",
  cl_verdict_low: "Protected.",
  cl_verdict_none: "All excluded.",
  cl_csv_columns: "Pattern,Id,Statement,Answer,Note,Countermeasure",
  cl_report_csv_plan_columns: "Owner,Due date,Action status",
  cl_state_done: "Holds",
  cl_state_open: "Not yet",
  cl_state_na: "N/A",
  cl_report_plan: "Action plan",
  cl_report_project: "Project",
  cl_report_participants: "Participants",
  cl_report_col_owner: "Owner",
  cl_report_col_due: "Due",
  cl_report_col_status: "Status",
  cl_report_col_pattern: "Pattern",
  cl_next_measure: "Countermeasure",
  cl_report_not_recorded: "Not recorded",
  cl_report_no_date: "No date",
  cl_plan_status_planned: "Planned",
  cl_plan_status_doing: "In progress",
  cl_plan_status_done: "Done",
  cl_report_ics_calendar: "Action plan",
  cl_labelled: "{label}: {value}",
};
const options = { date: "1 Dec 2025", now: Date.UTC(2025, 11, 1, 9, 30) };

/** iCalendar content lines, unfolded (RFC 5545 §3.1). */
const unfold = (ics) => ics.replace(/\r\n /g, "").split("\r\n");

test("the JSON export of migrated version-1 data imports back with full fidelity", () => {
  const stored = JSON.stringify({ version: 1, items: { "a-one": item("done", 4, "<b>note</b>"), "a-two": item("na", 5) }, rounds: [] });
  const d = S.snapshot(S.parse(stored).data, "Q1", 99);
  const text = F.toJSON(d, "Sales", Date.UTC(2025, 0, 2));
  assert.deepEqual(Object.keys(JSON.parse(text)), ["format", "version", "exported", "name", "items", "plan", "rounds", "meta", "combined"]);
  const back = S.readImport(text);
  assert.equal(back.error, null);
  assert.equal(back.name, "Sales");
  assert.deepEqual(back.data, d);
});

test("the JSON export carries version 2's plan, meta and combination as they are", () => {
  const d = v2({ "a-one": item("open", 3, HOSTILE) }, { "a-one": action(HOSTILE, "2026-01-31", "doing") }, { title: HOSTILE, participants: "A, B", updated: 7 });
  d.combined = { date: 9, members: ["A", HOSTILE], split: ["a-one"], updated: 9 };
  const out = JSON.parse(F.toJSON(d, HOSTILE, 0));
  assert.equal(out.version, 2);
  assert.deepEqual(out.plan, d.plan);
  assert.deepEqual(out.meta, d.meta);
  assert.deepEqual(out.combined, d.combined);
  assert.equal(out.exported, "1970-01-01T00:00:00.000Z");
});

test("Markdown export is a GitHub task list whose notes cannot inject markup", () => {
  const items = { "a-one": item("done", 1, "<img src=x onerror=alert(1)> [link](http://x)"), "a-two": item("na") };
  const lines = F.toMarkdown({ version: 1, items, rounds: [] }, catalog, strings, options).split("\n");
  assert.equal(lines[0], "# Checklist (1 Dec 2025)");
  assert.ok(!lines.includes("## Action plan"), "no plan section without a plan");
  assert.ok(lines.includes("## 1. Over-specified"));
  assert.ok(lines.includes("_High risk: Exposed: 1 open._"));
  assert.ok(lines.includes("- [x] First \\*statement\\*"));
  assert.ok(lines.includes("- [ ] ~~Second~~ (N/A)"));
  assert.ok(lines.includes("- [ ] Third"));
  assert.ok(lines.includes("  - Note: \\<img src=x onerror=alert(1)\\> \\[link\\](http://x)"));
});

test("Markdown puts the plan first, as tasks with owner, date and status, hostile text inert", () => {
  const plan = {
    "b-one": action(HOSTILE, "", "planned"),
    "a-three": action("佐藤", "2026-03-01", "done"),
    "a-two": action("Suzuki", "2026-01-15", "doing"),
    "a-one": action("gone", "2026-01-01", "planned", { removed: true }),
  };
  const md = F.toMarkdown(v2({}, plan, { title: "Project <b>X</b>", participants: "A | B", updated: 1 }), catalog, strings, options);
  const lines = md.split("\n");
  assert.equal(lines[2], "Project: Project \\<b\\>X\\</b\\>  ");
  assert.equal(lines[3], "Participants: A \\| B  ");
  const start = lines.indexOf("## Action plan");
  assert.ok(start > 0 && start < lines.indexOf("## 1. Over-specified"));
  // By due date, undated last; a removed action is gone.
  assert.deepEqual(lines.slice(start + 2, start + 5), [
    "- [ ] Second — Owner: Suzuki · Due: 2026-01-15 · Status: In progress",
    "- [x] Third — Owner: 佐藤 · Due: 2026-03-01 · Status: Done",
    "- [ ] Shared goal — Owner: \\<script\\>alert(1)\\</script\\> =cmd\\|' /C calc'!A0, a; b\\\\c line two 🚀 日本語 · Due: No date · Status: Planned",
  ]);
  assert.equal(lines[start + 5], "");
  assert.ok(!md.includes("gone"));
});

test("CSV export quotes fields, neutralises formulas and starts with a BOM", () => {
  const csv = F.toCSV({ version: 1, items: { "a-one": item("done", 1, 'say "hi",\nthen go') }, rounds: [] }, catalog, strings, options);
  assert.ok(csv.startsWith("\ufeffPattern,Id,Statement,Answer,Note,Countermeasure,Owner,Due date,Action status\r\n"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines[1], '1. Over-specified,a-one,First *statement*,Holds,"say ""hi"",\nthen go",Interview reps,,,');
  assert.equal(lines[3], "1. Over-specified,a-three,Third,Not yet,,'=HYPERLINK(1),,,");
});

test("CSV gives each planned statement its owner, due date and status; hostile owners stay text", () => {
  const plan = { "a-two": action("=cmd|' /C calc'!A0", "2026-01-15", "doing"), "b-one": action("@SUM(1)", "2026-02-30", "weird") };
  const lines = F.toCSV(v2({}, plan), catalog, strings, options).slice(1).split("\r\n");
  assert.equal(lines[2], "1. Over-specified,a-two,Second,Not yet,,Fewer fields,'=cmd|' /C calc'!A0,2026-01-15,In progress");
  // Not a real date: no due date. Unknown status: planned.
  assert.equal(lines[4], "2. Silos,b-one,Shared goal,Not yet,,One KPI,'@SUM(1),,Planned");
});

test("only real calendar days are due dates", () => {
  assert.equal(F.day("2024-02-29"), "2024-02-29");
  for (const bad of ["2025-02-29", "2025-13-01", "2025-1-01", "20250101", "", null, 20250101, "2025-01-01T00:00"]) {
    assert.equal(F.day(bad), "", String(bad));
  }
});

test("iCalendar: one all-day event per dated action, CRLF, required properties", () => {
  const plan = {
    "a-two": action("Suzuki", "2026-01-15", "doing"),
    "b-one": action("田中", "", "planned"),
    "a-three": action("佐藤", "2025-12-31", "done"),
    "a-one": action("gone", "2026-01-01", "planned", { removed: true }),
  };
  const ics = F.toICS(v2({ "a-three": item("open", 2, "memo") }, plan), catalog, strings, options);
  assert.ok(ics.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(ics), "every line ends with CRLF");
  const lines = unfold(ics);
  assert.equal(lines[0], "BEGIN:VCALENDAR");
  assert.ok(lines.includes("VERSION:2.0"));
  assert.ok(lines.some((l) => l.startsWith("PRODID:")));
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, 2, "the undated and the removed action are left out");
  const starts = lines.filter((l) => l.startsWith("DTSTART"));
  assert.deepEqual(starts, ["DTSTART;VALUE=DATE:20251231", "DTSTART;VALUE=DATE:20260115"]);
  assert.deepEqual(lines.filter((l) => l.startsWith("DTEND")), ["DTEND;VALUE=DATE:20260101", "DTEND;VALUE=DATE:20260116"]);
  assert.equal(lines.filter((l) => l === "DTSTAMP:20251201T093000Z").length, 2);
  assert.ok(lines.includes("SUMMARY:Third"));
  assert.ok(lines.includes("DESCRIPTION:Owner: 佐藤\\nDue: 2025-12-31\\nStatus: Done\\nPattern: 1. Over-specified\\nCountermeasure: =HYPERLINK(1)\\nNote: memo"));
  assert.equal(lines[lines.length - 2], "END:VCALENDAR");
});

test("iCalendar UIDs are stable across exports and differ between projects", () => {
  const plan = { "a-two": action("Suzuki", "2026-01-15", "doing") };
  const uid = (title, now) => unfold(F.toICS(v2({}, plan, { title, participants: "", updated: 0 }), catalog, strings, { now })).find((l) => l.startsWith("UID:"));
  assert.equal(uid("Project A", 1), uid("Project A", 999999));
  assert.notEqual(uid("Project A", 1), uid("Project B", 1));
  assert.match(uid("Project A", 1), /^UID:a-two\.[0-9a-z]+@crm-failure-patterns$/);
});

test("iCalendar text escapes backslash, semicolon, comma and line breaks, and drops control characters", () => {
  assert.equal(F.icsText("a\\b;c,d\ne\r\nf\rg\u0007h\ti"), "a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\ti");
  const plan = { "a-one": action(HOSTILE, "2026-01-15", "planned") };
  const lines = unfold(F.toICS(v2({}, plan, { title: "A;B", participants: "", updated: 0 }), catalog, strings, options));
  const description = lines.find((l) => l.startsWith("DESCRIPTION:"));
  assert.ok(description.startsWith("DESCRIPTION:Project: A\\;B\\nOwner: <script>alert(1)</script> =cmd|' /C calc'!A0\\, a\\; b\\\\c\\nline two 🚀 日本語\\n"));
  assert.ok(lines.includes("X-WR-CALNAME:A\\;B — Action plan"));
  // No raw separator or line break is left to start a property of its own.
  assert.ok(lines.every((l) => /^[A-Z-]+[;:]/.test(l) || l === ""), lines.join("\n"));
});

test("iCalendar folds lines at 75 octets without splitting a UTF-8 character", () => {
  const long = "営業部🚀" + "あ".repeat(60) + "x".repeat(80) + "👍🏽".repeat(20);
  const plan = { "a-one": action(long, "2026-01-15", "planned") };
  const ics = F.toICS(v2({ "a-one": item("open", 1, long) }, plan), catalog, strings, options);
  const physical = ics.split("\r\n");
  for (const line of physical) {
    assert.ok(Buffer.byteLength(line, "utf8") <= 75, `${Buffer.byteLength(line, "utf8")} octets: ${line}`);
    assert.ok(!line.includes("\ufffd"));
    // A lone surrogate would mean a character was cut in two.
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(line), line);
  }
  assert.ok(physical.some((l) => l.startsWith(" ")), "long lines are folded");
  const description = unfold(ics).find((l) => l.startsWith("DESCRIPTION:"));
  assert.ok(description.includes("Owner: " + long + "\\n"));
  assert.equal(F.fold("x".repeat(75)), "x".repeat(75));
  assert.equal(F.fold("x".repeat(76)), "x".repeat(75) + "\r\n x");
  // 24 three-octet characters are 72 octets; the 25th (75 octets) still fits; the 26th does not.
  assert.equal(F.fold("あ".repeat(26)), "あ".repeat(25) + "\r\n あ");
});

test("without a dated action the calendar has no event (pages offer no download then)", () => {
  const lines = unfold(F.toICS({ version: 1, items: {}, rounds: [] }, catalog, strings, options));
  assert.ok(!lines.includes("BEGIN:VEVENT"));
  assert.deepEqual(lines.slice(-2), ["END:VCALENDAR", ""]);
});
