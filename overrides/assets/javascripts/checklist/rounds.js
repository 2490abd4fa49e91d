/**
 * Rounds (dated snapshots of the answers, one per PDCA cycle): rename, delete as a tombstone,
 * undo, merge, and the trend of every pattern's score over them (pure functions, no DOM).
 * Browser: window.CrmChecklistRounds; Node: module.exports.
 */
(function (root) {
  "use strict";

  var Score = typeof module === "object" && module.exports ? require("./score.js") : root.CrmChecklistScore;

  var LIMIT = { name: 80, rounds: 200 };

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function time(value) {
    return typeof value === "number" && isFinite(value) && value > 0 ? value : 0;
  }

  function name(value) {
    return typeof value === "string" ? value.replace(/[\r\n]+/g, " ").slice(0, LIMIT.name) : "";
  }

  /** Valid rounds only; `cleanItems` checks each round's answers. A round without `updated` gets its date. */
  function clean(raw, cleanItems) {
    if (!Array.isArray(raw)) return [];
    return raw.slice(-LIMIT.rounds).filter(function (round) {
      return isObject(round) && typeof round.id === "string" && /^[\w-]{1,40}$/.test(round.id);
    }).map(function (round) {
      var date = time(round.date);
      return {
        id: round.id, name: name(round.name), date: date, items: cleanItems(round.items),
        updated: time(round.updated) || date, deleted: round.deleted === true,
      };
    });
  }

  /** United by id; for the same round the later change (rename, delete, undo) wins. In date order. */
  function merge(a, b) {
    var byId = {};
    var ids = [];
    a.concat(b).forEach(function (round) {
      var old = byId["#" + round.id];
      if (!old) ids.push(round.id);
      if (!old || round.updated > old.updated) byId["#" + round.id] = round;
    });
    var rounds = ids.map(function (id) { return byId["#" + id]; });
    rounds.sort(function (x, y) { return x.date - y.date; });
    return rounds;
  }

  function change(rounds, id, fields, now) {
    return rounds.map(function (round) {
      return round.id === id ? Object.assign({}, round, fields, { updated: now }) : round;
    });
  }

  function rename(rounds, id, newName, now) {
    var clean = name(newName).trim();
    return clean ? change(rounds, id, { name: clean }, now) : rounds;
  }

  function remove(rounds, id, now) {
    return change(rounds, id, { deleted: true }, now);
  }

  function restore(rounds, id, now) {
    return change(rounds, id, { deleted: false }, now);
  }

  function visible(rounds) {
    return rounds.filter(function (round) { return !round.deleted; });
  }

  /**
   * Every pattern's score (percent, null if nothing applies) in each visible round and now.
   * `groups`: [{id, ids}] in dataset order. @returns {{rounds: Object[], rows: {id, values}[]}}
   */
  function trend(rounds, groups, items) {
    var shown = visible(rounds);
    var sets = shown.map(function (round) { return round.items; }).concat([items]);
    return {
      rounds: shown,
      rows: groups.map(function (group) {
        return { id: group.id, values: sets.map(function (set) { return Score.percent(Score.score(set, group.ids)); }) };
      }),
    };
  }

  /** What improved and slipped since the last visible round (null when there is none). */
  function sinceLast(rounds, items, ids) {
    var shown = visible(rounds);
    if (!shown.length) return null;
    var last = shown[shown.length - 1];
    var diff = Score.compare(last.items, items, ids);
    diff.round = last;
    return diff;
  }

  var api = {
    LIMIT: LIMIT, clean: clean, merge: merge, rename: rename, remove: remove, restore: restore,
    visible: visible, trend: trend, sinceLast: sinceLast,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CrmChecklistRounds = api;
})(this);
