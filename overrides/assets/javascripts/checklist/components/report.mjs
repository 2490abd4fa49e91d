/**
 * The report page (overrides/crm/report.html): the checklist answers saved in this browser, laid
 * out for a steering meeting. Read-only: it reads storage and never writes. What it shows is
 * model/summary.mjs; the texts are the page's strings; data is shown with textContent only.
 */

import * as D from "../browser/dom.mjs";
import { onWindow } from "../browser/lifecycle.mjs";
import { read } from "../browser/storage.mjs";
import { KEY } from "../model/contract.mjs";
import { toICS } from "../model/formats.mjs";
import { overall } from "../model/score.mjs";
import { parse } from "../model/state.mjs";
import { list } from "../model/strings.mjs";
import { summarize } from "../model/summary.mjs";
import * as RiskChart from "./risk-chart.mjs";

/** @typedef {ReturnType<typeof summarize>} Summary */
/** @typedef {import("../model/summary.mjs").Where} Where */
/**
 * One report ([data-crm-report]): its parts, found by their data-crm-report-* names.
 * @typedef {D.Texts & {$root: HTMLElement, catalogue: import("../model/summary.mjs").Catalogue,
 *   data?: import("../model/state.mjs").Data, $fallback: HTMLElement, $status: HTMLElement,
 *   $tools: HTMLElement, $body: HTMLElement, $meta: HTMLElement, $printed: HTMLElement, $plan: HTMLElement,
 *   $verdict: HTMLElement, $chart: HTMLElement, $verdicts: HTMLElement, $steps: HTMLElement,
 *   $combined: HTMLElement, $split: HTMLElement, $notes: HTMLElement, $ics: HTMLButtonElement}} View
 */

/**
 * The element marked data-crm-report-<name> inside `$in` (typed by the View above).
 * @param {ParentNode} $in
 * @param {string} name
 * @returns {any}
 */
function find($in, name) {
  return $in.querySelector("[data-crm-report-" + name + "]");
}

/**
 * @param {D.Texts} view
 * @param {number} [time]
 */
function longDate(view, time) {
  return D.date(view, time, "long");
}

/**
 * A due date "YYYY-MM-DD" in the page's language (a calendar day: no time zone shift).
 * @param {D.Texts} view
 * @param {string} due
 */
function dueDate(view, due) {
  if (!due) return view.t.cl_report_no_date;
  var p = due.split("-");
  return new Date(+p[0], +p[1] - 1, +p[2]).toLocaleDateString(view.lang, { year: "numeric", month: "short", day: "numeric" });
}

/**
 * @param {D.Texts} view
 * @param {string} key
 */
function level(view, key) {
  return view.t["cl_level_" + key];
}

/**
 * Read what this browser saved; never writes, never throws.
 * @returns {{problem: string, data?: undefined}|{data: import("../model/state.mjs").Data, problem?: undefined}}
 */
function readSaved() {
  var raw = read(KEY);
  if (raw === undefined) return { problem: "cl_report_unavailable" };
  if (raw === null) return { problem: "cl_report_empty" };
  var result = parse(raw);
  if (!result.data) return { problem: result.error === "future" ? "cl_report_future" : "cl_report_garbage" };
  return { data: result.data };
}

/**
 * @param {View} view
 * @param {Summary} r
 */
function renderMeta(view, r) {
  var round = view.t.cl_report_round_current;
  if (r.round) round = r.roundMatches ? r.round.name : D.fmt(view, "cl_report_round_changed", { name: r.round.name, date: longDate(view, r.round.date) });
  var rows = [
    ["cl_report_project", r.title],
    ["cl_report_date", longDate(view, r.date)],
    ["cl_report_round", round],
    ["cl_report_participants", r.participants || list(view.t, r.members)],
  ];
  view.$meta.replaceChildren.apply(view.$meta, rows.filter(function (row) { return row[0] !== "cl_report_project" || row[1]; }).map(function (row) {
    return D.el("div", {}, [D.el("dt", { textContent: view.t[row[0]] }), D.el("dd", { textContent: row[1] || view.t.cl_report_not_recorded })]);
  }));
}

/**
 * @param {View} view
 * @param {Summary} r
 */
function renderPlan(view, r) {
  if (!r.actions.length) return view.$plan.replaceChildren(D.el("p", { textContent: view.t.cl_report_plan_none }));
  var head = ["cl_report_col_action", "cl_report_col_owner", "cl_report_col_due", "cl_report_col_status"].map(function (key) {
    return D.el("th", { scope: "col", textContent: view.t[key] });
  });
  // On a phone each row is stacked as a card (report.css), each cell labelled by data-label.
  // The explicit roles keep it a table for screen readers that drop a restyled table's role.
  /** @type {(key: string, props: Record<string, any>, children?: (Node|string)[]) => HTMLTableCellElement} */
  var cell = function (key, props, children) {
    return D.el("td", Object.assign({ role: "cell", "data-label": view.t[key] }, props), children);
  };
  var body = r.actions.map(function (action) {
    return D.el("tr", { className: "is-" + action.status, role: "row" }, [
      cell("cl_report_col_action", {}, [D.el("span", { className: "crm-report__action", textContent: action.text }), D.el("span", { className: "crm-report__pattern", textContent: action.group })]),
      cell("cl_report_col_owner", { textContent: action.owner || view.t.cl_report_not_recorded }),
      cell("cl_report_col_due", { className: "crm-report__due", textContent: dueDate(view, action.due) }),
      cell("cl_report_col_status", { className: "crm-report__status", textContent: view.t["cl_plan_status_" + action.status] }),
    ]);
  });
  head.forEach(function ($th) { $th.setAttribute("role", "columnheader"); });
  view.$plan.replaceChildren(D.el("table", { className: "crm-report__table crm-report__plan", role: "table" }, [
    D.el("thead", { role: "rowgroup" }, [D.el("tr", { role: "row" }, head)]), D.el("tbody", { role: "rowgroup" }, body),
  ]));
}

/**
 * The overall verdict, as the checklist words it.
 * @param {View} view
 * @param {Summary} r
 */
function verdict(view, r) {
  var said = overall(r.rows.map(function (row) { return { title: row.pattern.title, s: row.s }; }));
  return D.fmt(view, said.key, said.values);
}

/**
 * @param {View} view
 * @param {Summary} r
 */
function renderRisk(view, r) {
  view.$verdict.textContent = verdict(view, r);
  RiskChart.draw(view, view.$chart, null, r.ranked.map(function (row) {
    return { id: row.pattern.id, title: row.pattern.title, s: row.s };
  }));
  view.$verdicts.replaceChildren.apply(view.$verdicts, r.ranked.map(function (row) {
    var s = row.s;
    return D.el("tr", {}, [
      D.el("th", { scope: "row", textContent: row.pattern.title }),
      D.el("td", {}, [D.el("span", { className: "crm-report__level", "data-level": s.level, textContent: level(view, s.level) })]),
      D.el("td", { textContent: D.fmt(view, s.na ? "cl_report_score_na" : "cl_report_score", s) }),
    ]);
  }));
}

/**
 * The steps at risk in words, and marked on the diagram in shape, not colour alone.
 * @param {View} view
 * @param {Summary} r
 */
function renderSteps(view, r) {
  /** @type {Record<string, string>} */
  var risk = {};
  view.$steps.replaceChildren.apply(view.$steps, r.steps.length ? r.steps.map(function (step) {
    risk[step.step.id] = step.level;
    return D.el("li", { "data-level": step.level, textContent: D.fmt(view, "cl_report_step_row", {
      step: step.step.label, level: level(view, step.level),
      patterns: list(view.t, step.patterns.map(function (p) { return p.title; })),
    }) });
  }) : [D.el("li", { textContent: view.t.cl_report_steps_none })]);
  view.$root.querySelectorAll(".crm-cycle__node[data-step]").forEach(function ($node) {
    D.markStep($node, risk[/** @type {string} */ ($node.getAttribute("data-step"))] || "");
  });
  r.rows.forEach(function (row) {
    var $legend = view.$root.querySelector(".crm-cycle__legend li[data-pattern='" + row.pattern.id + "']");
    if (!$legend) return;
    var $tag = $legend.querySelector(".crm-cl__risk") || $legend.appendChild(D.el("strong", { className: "crm-cl__risk" }));
    $tag.textContent = D.aside(view, "", level(view, row.s.level));
  });
}

/**
 * A statement and, below it, its pattern (and more, e.g. the answer).
 * @param {Where} where
 * @param {string[]} [more]
 */
function statement(where, more) {
  return [
    D.el("span", { className: "crm-report__action", textContent: where.item.text }),
    D.el("span", { className: "crm-report__pattern", textContent: [where.pattern.title].concat(more || []).join(" · ") }),
  ];
}

/**
 * @param {View} view
 * @param {Summary} r
 */
function renderCombined(view, r) {
  view.$combined.hidden = !r.combined;
  if (!r.combined) return;
  find(view.$root, "combined-intro").textContent = D.fmt(view, "cl_report_combined_intro", {
    n: r.combined.members.length, date: longDate(view, r.combined.date), names: list(view.t, r.combined.members), split: r.split.length,
  });
  view.$split.replaceChildren.apply(view.$split, r.split.length
    ? r.split.map(function (where) { return D.el("li", {}, statement(where)); })
    : [D.el("li", { textContent: view.t.cl_report_combined_none })]);
}

/**
 * @param {View} view
 * @param {Summary} r
 */
function renderNotes(view, r) {
  view.$notes.replaceChildren.apply(view.$notes, r.notes.length ? r.notes.map(function (note) {
    return D.el("li", {}, statement(note, [view.t["cl_state_" + note.state]]).concat([
      D.el("span", { className: "crm-report__note", textContent: note.note }),
    ]));
  }) : [D.el("li", { textContent: view.t.cl_report_notes_none })]);
}

/**
 * Show one message (no answers, storage refused, unreadable) in place of the report.
 * @param {View} view
 * @param {string} key
 */
function problem(view, key) {
  view.$status.hidden = false;
  find(view.$status, "status-text").textContent = view.t[key];
  view.$body.hidden = view.$tools.hidden = true;
}

/**
 * Show what this browser saved, or why there is nothing to show.
 * @param {View} view
 */
function render(view) {
  view.$fallback.hidden = true;
  var stored = readSaved();
  if (!stored.data) return problem(view, stored.problem);
  var r = summarize(stored.data, view.catalogue);
  if (r.empty) return problem(view, "cl_report_empty");
  view.data = stored.data;
  view.$status.hidden = true;
  view.$body.hidden = view.$tools.hidden = false;
  view.$ics.hidden = !r.actions.some(function (action) { return action.due; });
  renderMeta(view, r);
  renderPlan(view, r);
  renderRisk(view, r);
  renderSteps(view, r);
  renderCombined(view, r);
  renderNotes(view, r);
  view.$printed.textContent = D.fmt(view, "cl_printed", { date: longDate(view) });
}

var PARTS = ["fallback", "status", "tools", "body", "meta", "printed", "plan", "verdict", "chart", "verdicts", "steps", "combined", "split", "notes", "ics"];

/**
 * Read a report's parts and data from its markup, and wire its buttons.
 * @param {HTMLElement} $root
 * @returns {View}
 */
function setup($root) {
  /** @type {Record<string, any>} */
  var parts = {};
  PARTS.forEach(function (name) { parts["$" + name] = find($root, name); });
  var view = /** @type {View} */ (/** @type {unknown} */ (Object.assign(parts, {
    $root: $root,
    lang: $root.dataset.lang || document.documentElement.lang,
    t: JSON.parse(/** @type {string} */ ($root.dataset.crmStrings)),
    catalogue: JSON.parse(/** @type {string} */ ($root.dataset.crmCatalogue)),
  })));
  find($root, "print").addEventListener("click", function () { window.print(); });
  view.$ics.addEventListener("click", function () {
    if (!view.data) return;
    var text = toICS(view.data, view.catalogue.patterns, view.t, { now: Date.now() });
    D.download("crm-action-plan-" + new Date().toISOString().slice(0, 10) + ".ics", "text/calendar", text, "ics");
  });
  return view;
}

/** @type {View[]} */
var views = [];
var wired = false;

function renderAll() {
  views.forEach(render);
}

function wire() {
  if (wired) return;
  wired = true;
  // Another tab changed the answers, or the page came back from the back/forward cache.
  onWindow("storage", function (event) {
    if (event.key === null || event.key === KEY) renderAll();
  });
  onWindow("pageshow", renderAll);
  onWindow("beforeprint", function () {
    views.forEach(function (view) { view.$printed.textContent = D.fmt(view, "cl_printed", { date: longDate(view) }); });
  });
}

/** The report component (browser/lifecycle.mjs). */
export var component = {
  name: "report",
  selector: "[data-crm-report]",
  /** @param {HTMLElement} $root */
  start: function ($root) {
    // A report inside a checklist is the checklist's business, not a report page.
    return $root.closest("[data-crm-root]") ? null : setup($root);
  },
};

/**
 * After the page's reports started: show each, current ones included (instant navigation).
 * @param {(View|null)[]} fresh
 */
export function ready(fresh) {
  views = views.filter(function (view) { return view.$root.isConnected; });
  fresh.forEach(function (view) { if (view) views.push(view); });
  renderAll();
  wire();
}
