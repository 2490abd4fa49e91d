/**
 * Scores, verdict levels and comparisons of sets of answers (pure functions, no DOM).
 */

import { own } from "./util.mjs";

/** @typedef {"done"|"open"|"na"} State */
/** @typedef {{state: State, note: string, updated: number}} Item */
/** @typedef {Record<string, Item>} Items */
/** @typedef {"high"|"mid"|"low"|"none"} Level */
/** @typedef {{done: number, open: number, na: number, total: number, level: Level}} Score */

/** Riskiest first: the order in which patterns are listed and worked on. */
export var RANK = { high: 0, mid: 1, low: 2, none: 3 };

/**
 * An item's answer; an item without one is open.
 * @param {Record<string, {state: State}>} items
 * @param {string} id
 * @returns {State}
 */
export function stateOf(items, id) {
  var item = own(items, id);
  return item ? item.state : "open";
}

/**
 * Exposure in plain terms: none (all excluded), low (all done), mid (≥ 60 %), high.
 * @param {{done: number, total: number}} s
 * @returns {Level}
 */
export function level(s) {
  if (!s.total) return "none";
  if (s.done === s.total) return "low";
  return s.done / s.total >= 0.6 ? "mid" : "high";
}

/**
 * Count answers for `ids`; items marked not applicable do not count towards the total.
 * @param {Record<string, {state: State}>} items
 * @param {string[]} ids
 * @returns {Score}
 */
export function score(items, ids) {
  var s = { done: 0, open: 0, na: 0, total: 0, level: /** @type {Level} */ ("none") };
  ids.forEach(function (id) { s[stateOf(items, id)]++; });
  s.total = s.done + s.open;
  s.level = level(s);
  return s;
}

/**
 * Share of applicable statements that hold, 0–100, or null when none applies.
 * @param {Score} s
 */
export function percent(s) {
  return s.total ? Math.round((100 * s.done) / s.total) : null;
}

/**
 * What changed from `before` to `after`: done → improved, lost done → slipped, n/a moves → changed.
 * @param {Record<string, {state: State}>} before
 * @param {Record<string, {state: State}>} after
 * @param {string[]} ids
 * @returns {{improved: string[], slipped: string[], changed: string[]}}
 */
export function compare(before, after, ids) {
  /** @type {{improved: string[], slipped: string[], changed: string[]}} */
  var out = { improved: [], slipped: [], changed: [] };
  ids.forEach(function (id) {
    var was = stateOf(before, id);
    var now = stateOf(after, id);
    if (was === now) return;
    if (now === "done") out.improved.push(id);
    else if (was === "done" && now === "open") out.slipped.push(id);
    else out.changed.push(id);
  });
  return out;
}

/**
 * Several people's answers: per item, how many chose each state; split if they disagree.
 * @param {Record<string, {state: State}>[]} itemMaps
 * @param {string[]} ids
 * @returns {Record<string, {done: number, open: number, na: number, split: boolean}>}
 */
export function combine(itemMaps, ids) {
  /** @type {Record<string, {done: number, open: number, na: number, split: boolean}>} */
  var rows = {};
  ids.forEach(function (id) {
    var row = { done: 0, open: 0, na: 0, split: false };
    itemMaps.forEach(function (items) { row[stateOf(items, id)]++; });
    row.split = row.done > 0 && row.open > 0;
    rows[id] = row;
  });
  return rows;
}

/**
 * Patterns, riskiest level first, then in their given order (a stable sort): the order of the
 * results, the chart and the report.
 * @template {{s: Score}} R
 * @param {R[]} rows
 * @returns {R[]}
 */
export function ranked(rows) {
  return rows.slice().sort(function (a, b) { return RANK[a.s.level] - RANK[b.s.level]; });
}

/**
 * The overall verdict over several patterns, as a string key and its values: the patterns at
 * high risk and the worst of them, else those at mid risk, else all is well.
 * @param {{title: string, s: Score}[]} rows
 * @returns {{key: string, values: Record<string, unknown>}}
 */
export function overall(rows) {
  var high = rows.filter(function (row) { return row.s.level === "high"; });
  var mid = rows.filter(function (row) { return row.s.level === "mid"; });
  if (high.length) {
    var worst = high.reduce(function (a, b) { return b.s.done / b.s.total < a.s.done / a.s.total ? b : a; });
    return { key: "cl_overall_high", values: { n: high.length, pattern: worst.title } };
  }
  return mid.length ? { key: "cl_overall_mid", values: { n: mid.length } } : { key: "cl_overall_low", values: {} };
}
