/**
 * What the report page shows (overrides/crm/report.html), from the checklist answers saved in
 * this browser and the page's catalogue: pure functions, the page's part is
 * components/report.mjs.
 */

import { actions as planActions } from "./formats.mjs";
import { ranked as rankedRows, score } from "./score.mjs";
import { own } from "./util.mjs";

/** @typedef {import("./formats.mjs").Statement} Statement */
/** @typedef {{id: string, title: string, step: string, items: Statement[]}} Pattern */
/** @typedef {{steps: {id: string, label: string}[], patterns: Pattern[]}} Catalogue */
/** @typedef {{item: Statement, pattern: Pattern}} Where */
/** @typedef {import("./rounds.mjs").Round} Round */
/**
 * Normalized data, version 2; version-1 data has no plan, meta or combined.
 * @typedef {{items?: import("./score.mjs").Items, meta?: Partial<import("./state.mjs").Meta>,
 *   plan?: import("./plan.mjs").Plan, combined?: import("./state.mjs").Combined|null, rounds?: Round[]}} Saved
 */

/** @type {{state: "open", note: string, updated?: number}} */
var OPEN = { state: "open", note: "" };

/** @param {Pattern} pattern */
function ids(pattern) {
  return pattern.items.map(function (item) { return item.id; });
}

/** @param {unknown[]} values */
function latest(values) {
  return values.reduce(function (/** @type {number} */ max, value) { return typeof value === "number" && value > max ? value : max; }, 0);
}

/**
 * Did the current answers stay as they were when `round` was saved?
 * @param {Round} round
 * @param {import("./score.mjs").Items} items
 * @param {string[]} all
 */
function same(round, items, all) {
  return all.every(function (id) {
    var a = own(round.items, id) || OPEN;
    var b = own(items, id) || OPEN;
    return a.state === b.state && (a.note || "") === (b.note || "");
  });
}

/**
 * What the report shows, from normalized data (version 2; version-1 data has no plan, meta or
 * combined, which read as empty) and the page's catalogue ({steps, patterns}).
 * @param {Saved} data
 * @param {Catalogue} catalogue
 */
export function summarize(data, catalogue) {
  var items = data.items || {};
  var meta = data.meta || {};
  var plan = data.plan || {};
  /** @type {string[]} */
  var all = [];
  /** @type {Record<string, Where>} */
  var where = {};
  catalogue.patterns.forEach(function (pattern) {
    pattern.items.forEach(function (item) {
      all.push(item.id);
      where[item.id] = { item: item, pattern: pattern };
    });
  });
  var rows = catalogue.patterns.map(function (pattern) { return { pattern: pattern, s: score(items, ids(pattern)) }; });
  // Riskiest first, then dataset order (sort is stable), as the checklist's results do.
  var ranked = rankedRows(rows);
  var steps = catalogue.steps.map(function (step) {
    var here = rows.filter(function (row) { return row.pattern.step === step.id && (row.s.level === "high" || row.s.level === "mid"); });
    var high = here.some(function (row) { return row.s.level === "high"; });
    return { step: step, level: high ? "high" : "mid", patterns: here.map(function (row) { return row.pattern; }) };
  }).filter(function (step) { return step.patterns.length; });
  var actions = planActions({ items: items, plan: plan }, catalogue.patterns);
  var notes = all.filter(function (id) { return (own(items, id) || OPEN).note; }).map(function (id) {
    return { item: where[id].item, pattern: where[id].pattern, state: items[id].state, note: items[id].note };
  });
  var combined = data.combined && Array.isArray(data.combined.members) ? data.combined : null;
  var split = combined && Array.isArray(combined.split)
    ? combined.split.filter(function (id) { return own(where, id); }).map(function (id) { return where[id]; })
    : [];
  var rounds = (data.rounds || []).filter(function (round) { return !round.deleted; });
  var round = rounds.reduce(function (/** @type {Round|null} */ last, r) { return !last || r.date >= last.date ? r : last; }, null);
  var answered = all.some(function (id) {
    var entry = own(items, id) || OPEN;
    return entry.state !== "open" || entry.note;
  });
  var changed = latest(all.map(function (id) { return (own(items, id) || {}).updated; })
    .concat(Object.keys(plan).map(function (id) { return plan[id] && plan[id].updated; }), [meta.updated]));
  var matched = round && same(round, items, all);
  return {
    empty: !answered && !actions.length && !combined,
    title: typeof meta.title === "string" ? meta.title : "",
    // The participants as typed; else the combined members, joined by the page in its language.
    participants: typeof meta.participants === "string" ? meta.participants : "",
    members: !meta.participants && combined ? combined.members.slice() : [],
    round: round, roundMatches: !!matched,
    date: matched && round ? round.date : changed,
    rows: rows, ranked: ranked, total: score(items, all), steps: steps,
    actions: actions, notes: notes, combined: combined, split: split,
  };
}
