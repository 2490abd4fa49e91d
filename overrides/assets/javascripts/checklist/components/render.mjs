/**
 * Show the store's answers in one checklist: boxes, scores, verdicts, next steps, risk chart and
 * the dream-cycle steps at risk, then the plan's and the rounds' parts. Only what changed is
 * touched, so a tick stays fast on a page of thousands of statements.
 */

import * as D from "../browser/dom.mjs";
import { overall, ranked, score } from "../model/score.mjs";
import { own } from "../model/util.mjs";
import * as PlanView from "./plan-view.mjs";
import * as RiskChart from "./risk-chart.mjs";
import * as RoundsView from "./rounds-view.mjs";

/** @typedef {import("./app.mjs").View} View */
/** @typedef {import("./app.mjs").GroupView} GroupView */
/** @typedef {{group: GroupView, s: import("../model/score.mjs").Score}} Row */

var OPEN = { state: /** @type {"open"} */ ("open"), note: "" };

/**
 * An item's answer; an item without one is open with no note.
 * @param {import("../model/score.mjs").Items} items
 * @param {string} id
 */
export function entryOf(items, id) {
  return own(items, id) || OPEN;
}

/**
 * Show or hide an item's note field (it stays shown while it holds a note).
 * @param {Element} $button
 * @param {boolean} open
 * @param {boolean} focus
 */
export function toggleNote($button, open, focus) {
  var $box = /** @type {HTMLElement} */ (document.getElementById(/** @type {string} */ ($button.getAttribute("aria-controls"))));
  $box.hidden = !open;
  $button.setAttribute("aria-expanded", String(open));
  if (focus) /** @type {HTMLTextAreaElement} */ ($box.querySelector("textarea")).focus();
}

/**
 * @param {View} view
 * @param {import("../model/state.mjs").Data} data
 */
function items(view, data) {
  Object.keys(view.items).forEach(function (id) {
    var item = view.items[id];
    var entry = entryOf(data.items, id);
    // Entries are replaced, never changed, on a change: an unchanged one needs no work, unless
    // something else (the browser restoring a form on back/forward) changed the boxes.
    if (item.shown === entry && item.$box.checked === (entry.state === "done") && item.$na.checked === (entry.state === "na")) return;
    item.shown = entry;
    item.$box.checked = entry.state === "done";
    item.$box.disabled = item.$na.checked = entry.state === "na";
    item.$li.classList.toggle("is-na", entry.state === "na");
    item.$li.classList.toggle("is-done", entry.state === "done");
    if (document.activeElement !== item.$note) item.$note.value = entry.note;
    if (entry.note) toggleNote(item.$toggle, true, false);
    item.$print.textContent = entry.note;
  });
}

/**
 * @param {View} view
 * @param {import("../model/state.mjs").Data} data
 * @returns {Row[]}
 */
function scores(view, data) {
  return view.groups.map(function (group) {
    var s = score(data.items, group.ids);
    var key = s.done + "/" + s.open + "/" + s.na;
    if (group.key !== key) {
      group.key = key;
      group.$score.textContent = D.fmt(view, "cl_score", { level: view.t["cl_level_" + s.level], done: s.done, total: s.total });
      group.$score.dataset.level = s.level;
    }
    return { group: group, s: s };
  });
}

/**
 * The overall verdict in plain words (one pattern's, on a pattern page).
 * @param {View} view
 * @param {Row[]} rows
 */
function verdict(view, rows) {
  if (!view.all) return D.fmt(view, "cl_verdict_" + rows[0].s.level, rows[0].s);
  var said = overall(rows.map(function (row) { return { title: row.group.title, s: row.s }; }));
  return D.fmt(view, said.key, said.values);
}

/**
 * The list of next steps, rebuilt only when the patterns' order changes.
 * @param {View} view
 * @param {Row[]} rows
 * @param {boolean} plan whether every step gets an "add to plan" button
 */
function nextList(view, rows, plan) {
  view.$none = D.el("li", { textContent: view.t.cl_next_none });
  /** @type {HTMLLIElement[]} */
  var $items = [];
  rows.forEach(function (row) {
    row.group.ids.forEach(function (id) {
      var item = view.items[id];
      var $link = D.el("a", { href: item.$measure.getAttribute("href"), textContent: D.labelled(view, view.t.cl_next_measure, item.measure) });
      /** @type {(Node|string)[]} */
      var parts = [item.text + " ", $link];
      if (plan) parts.push(" ", (item.$add = PlanView.addButton(view, id)));
      $items.push((item.$next = D.el("li", {}, parts)));
    });
  });
  view.$next.replaceChildren.apply(view.$next, /** @type {Node[]} */ ($items).concat(view.$none));
  view.nextShown = null;
}

/**
 * What to do next: every open item, riskiest pattern first, with its countermeasure.
 * @param {View} view
 * @param {Row[]} rows
 * @param {import("../model/state.mjs").Data} data
 * @param {boolean} plan
 */
function next(view, rows, data, plan) {
  var key = rows.map(function (row) { return row.group.id; }).join();
  // The list is rebuilt only when the patterns' order changes; a tick just hides or shows.
  if (view.nextOrder !== key) {
    view.nextOrder = key;
    nextList(view, rows, plan);
  }
  var open = 0;
  view.ids.forEach(function (id) {
    var item = view.items[id];
    var $next = /** @type {HTMLLIElement} */ (item.$next);
    var hide = entryOf(data.items, id).state !== "open";
    if (!hide) open++;
    if ($next.hidden !== hide) $next.hidden = hide;
    if (plan) PlanView.markAdd(view, id, /** @type {HTMLButtonElement} */ (item.$add));
  });
  /** @type {HTMLLIElement} */ (view.$none).hidden = open > 0;
}

/**
 * Mark the dream-cycle steps where a pattern is at risk, in shape and words, not colour alone.
 * @param {View} view
 * @param {Row[]} rows
 */
function cycle(view, rows) {
  /** @type {Record<string, string>} */
  var risk = {};
  rows.forEach(function (row) {
    var level = row.s.level;
    var $legend = row.group.$legend;
    if (level === "high" || level === "mid") risk[row.group.step] = risk[row.group.step] === "high" ? "high" : level;
    if (!$legend || row.group.legendLevel === level) return;
    row.group.legendLevel = level;
    var $tag = $legend.querySelector(".crm-cl__risk") || $legend.appendChild(D.el("strong", { className: "crm-cl__risk" }));
    $tag.textContent = D.aside(view, "", view.t["cl_level_" + level]);
  });
  view.$nodes.forEach(function ($node) {
    var level = risk[/** @type {string} */ ($node.dataset.step)] || "";
    if ($node.crmLevel === level) return;
    $node.crmLevel = level;
    D.markStep($node, level);
  });
}

/**
 * Show the store's answers in `view` (a checklist), its plan and its rounds included.
 * @param {View} view
 * @param {import("../browser/store.mjs").Store} store
 */
export function render(view, store) {
  var data = store.data;
  items(view, data);
  var rows = scores(view, data);
  var total = score(data.items, view.ids);
  view.$meter.style.width = (total.total ? (100 * total.done) / total.total : 0) + "%";
  D.text(view.$progress, D.fmt(view, total.na ? "cl_progress_na" : "cl_progress", total));
  D.text(view.$saved, view.t[store.problem || "cl_saved_locally"]);
  /** @type {HTMLElement} */ (view.$saved.parentNode).classList.toggle("is-warning", !store.writable);
  D.text(view.$verdict, verdict(view, rows));
  // Riskiest level first, then dataset order (a stable sort): the order, and so the list of
  // next steps, changes only when a level does.
  rows = ranked(rows);
  next(view, rows, data, view.all);
  if (view.$chart) {
    view.chart = RiskChart.draw(view, view.$chart, view.chart, rows.map(function (row) {
      return { id: row.group.id, title: row.group.title, s: row.s };
    }));
  }
  cycle(view, rows);
  PlanView.render(view);
  RoundsView.render(view);
}
