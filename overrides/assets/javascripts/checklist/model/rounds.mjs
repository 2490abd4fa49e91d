/**
 * Rounds (dated snapshots of the answers, one per PDCA cycle): rename, delete as a tombstone,
 * undo, merge, and the trend of every pattern's score over them (pure functions, no DOM).
 */

import { compare, percent, score } from "./score.mjs";
import { isObject, oneLine, time } from "./util.mjs";

/** @typedef {import("./score.mjs").Items} Items */
/** @typedef {{id: string, name: string, date: number, items: Items, updated: number, deleted: boolean}} Round */

export var LIMIT = { name: 80, rounds: 200 };

/** @param {unknown} value */
function name(value) {
  return oneLine(value, LIMIT.name);
}

/**
 * Valid rounds only; `cleanItems` checks each round's answers. A round without `updated` gets its date.
 * @param {unknown} raw
 * @param {(raw: unknown) => Items} cleanItems
 * @returns {Round[]}
 */
export function clean(raw, cleanItems) {
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

/**
 * United by id; for the same round the later change (rename, delete, undo) wins. In date order.
 * @param {Round[]} a
 * @param {Round[]} b
 * @returns {Round[]}
 */
export function merge(a, b) {
  /** @type {Record<string, Round>} */
  var byId = {};
  /** @type {string[]} */
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

/**
 * @param {Round[]} rounds
 * @param {string} id
 * @param {Partial<Round>} fields
 * @param {number} now
 * @returns {Round[]}
 */
function change(rounds, id, fields, now) {
  return rounds.map(function (round) {
    return round.id === id ? Object.assign({}, round, fields, { updated: now }) : round;
  });
}

/**
 * @param {Round[]} rounds
 * @param {string} id
 * @param {string} newName
 * @param {number} now
 */
export function rename(rounds, id, newName, now) {
  var clean = name(newName).trim();
  return clean ? change(rounds, id, { name: clean }, now) : rounds;
}

/**
 * @param {Round[]} rounds
 * @param {string} id
 * @param {number} now
 */
export function remove(rounds, id, now) {
  return change(rounds, id, { deleted: true }, now);
}

/**
 * @param {Round[]} rounds
 * @param {string} id
 * @param {number} now
 */
export function restore(rounds, id, now) {
  return change(rounds, id, { deleted: false }, now);
}

/** @param {Round[]} rounds */
export function visible(rounds) {
  return rounds.filter(function (round) { return !round.deleted; });
}

/**
 * Every pattern's score (percent, null if nothing applies) in each visible round and now.
 * `groups`: [{id, ids}] in dataset order.
 * @param {Round[]} rounds
 * @param {{id: string, ids: string[]}[]} groups
 * @param {Items} items
 * @returns {{rounds: Round[], rows: {id: string, values: (number|null)[]}[]}}
 */
export function trend(rounds, groups, items) {
  var shown = visible(rounds);
  var sets = shown.map(function (round) { return round.items; }).concat([items]);
  return {
    rounds: shown,
    rows: groups.map(function (group) {
      return { id: group.id, values: sets.map(function (set) { return percent(score(set, group.ids)); }) };
    }),
  };
}

/**
 * What improved and slipped since the last visible round (null when there is none).
 * @param {Round[]} rounds
 * @param {Items} items
 * @param {string[]} ids
 * @returns {{improved: string[], slipped: string[], changed: string[], round: Round}|null}
 */
export function sinceLast(rounds, items, ids) {
  var shown = visible(rounds);
  if (!shown.length) return null;
  var last = shown[shown.length - 1];
  return Object.assign(compare(last.items, items, ids), { round: last });
}
