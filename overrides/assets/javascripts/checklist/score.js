/**
 * Scores, verdict levels and comparisons of sets of answers (pure functions, no DOM).
 * Browser: window.CrmChecklistScore; Node: module.exports (tests/js/).
 */
(function (root) {
  "use strict";

  /** Riskiest first: the order in which patterns are listed and worked on. */
  var RANK = { high: 0, mid: 1, low: 2, none: 3 };

  function stateOf(items, id) {
    // Own entries only: an id such as "constructor" must not find Object's prototype.
    var item = Object.prototype.hasOwnProperty.call(items, id) ? items[id] : null;
    return item ? item.state : "open";
  }

  /** Exposure in plain terms: none (all excluded), low (all done), mid (≥ 60 %), high. */
  function level(s) {
    if (!s.total) return "none";
    if (s.done === s.total) return "low";
    return s.done / s.total >= 0.6 ? "mid" : "high";
  }

  /**
   * Count answers for `ids`; items marked not applicable do not count towards the total.
   * @returns {{done: number, open: number, na: number, total: number, level: string}}
   */
  function score(items, ids) {
    var s = { done: 0, open: 0, na: 0 };
    ids.forEach(function (id) { s[stateOf(items, id)]++; });
    s.total = s.done + s.open;
    s.level = level(s);
    return s;
  }

  /** Share of applicable statements that hold, 0–100, or null when none applies. */
  function percent(s) {
    return s.total ? Math.round((100 * s.done) / s.total) : null;
  }

  /** What changed from `before` to `after`: done → improved, lost done → slipped, n/a moves → changed. */
  function compare(before, after, ids) {
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

  /** Several people's answers: per item, how many chose each state; split if they disagree. */
  function combine(itemMaps, ids) {
    var rows = {};
    ids.forEach(function (id) {
      var row = { done: 0, open: 0, na: 0 };
      itemMaps.forEach(function (items) { row[stateOf(items, id)]++; });
      row.split = row.done > 0 && row.open > 0;
      rows[id] = row;
    });
    return rows;
  }

  var api = { RANK: RANK, stateOf: stateOf, level: level, score: score, percent: percent, compare: compare, combine: combine };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CrmChecklistScore = api;
})(this);
