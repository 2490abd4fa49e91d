/**
 * The action plan (pure functions, no DOM): entries keyed by checklist item id, each with an
 * owner, a due date and a status; removal is a tombstone so that two tabs merge per entry.
 * Format: STORAGE.md.
 */

import { RANK, score, stateOf } from "./score.mjs";
import { isObject, oneLine, own, time, validDate } from "./util.mjs";

export { validDate };

/** @typedef {"planned"|"doing"|"done"} Status */
/** @typedef {{owner: string, due: string, status: Status, updated: number, removed: boolean}} Entry */
/** @typedef {Record<string, Entry>} Plan */

/** @type {Status[]} */
export var STATUSES = ["planned", "doing", "done"];
export var LIMIT = { owner: 80, entries: 2000, proposal: 5 };
var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * One entry as stored, or null when it is not an entry at all. An invalid date is dropped.
 * @param {unknown} raw
 * @returns {Entry|null}
 */
function cleanEntry(raw) {
  if (!isObject(raw)) return null;
  return {
    owner: oneLine(raw.owner, LIMIT.owner),
    due: validDate(raw.due) ? raw.due : "",
    status: STATUSES.indexOf(raw.status) >= 0 ? raw.status : "planned",
    updated: time(raw.updated),
    removed: raw.removed === true,
  };
}

/**
 * The valid entries of a plan map (bad ids and shapes dropped one by one).
 * @param {unknown} raw
 * @returns {Plan}
 */
export function clean(raw) {
  /** @type {Plan} */
  var plan = {};
  if (!isObject(raw)) return plan;
  Object.keys(raw).slice(0, LIMIT.entries).forEach(function (id) {
    var entry = ID.test(id) && id.length <= 60 ? cleanEntry(raw[id]) : null;
    if (entry) plan[id] = entry;
  });
  return plan;
}

/**
 * Ids whose due date is given but is not a real date (an import with any is refused).
 * @param {unknown} raw
 * @returns {string[]}
 */
export function badDates(raw) {
  if (!isObject(raw)) return [];
  return Object.keys(raw).filter(function (id) {
    var due = isObject(raw[id]) ? raw[id].due : "";
    return due !== undefined && due !== "" && !validDate(due);
  });
}

/**
 * Per entry, the later change wins (removals included).
 * @param {Plan} a
 * @param {Plan} b
 * @returns {Plan}
 */
export function merge(a, b) {
  /** @type {Plan} */
  var plan = {};
  Object.keys(a).concat(Object.keys(b)).forEach(function (id) {
    var x = own(a, id);
    var y = own(b, id);
    plan[id] = /** @type {Entry} */ (!x || (y && y.updated > x.updated) ? y : x);
  });
  return plan;
}

/**
 * Add or change an action (`change`: owner, due, status); a removed one comes back.
 * @param {Plan} plan
 * @param {string} id
 * @param {{owner?: string, due?: string, status?: string}} change
 * @param {number} now
 * @returns {Plan}
 */
export function set(plan, id, change, now) {
  var old = own(plan, id);
  var base = old && !old.removed ? old : { owner: "", due: "", status: "planned" };
  var next = Object.assign({}, plan);
  next[id] = /** @type {Entry} */ (cleanEntry({
    owner: "owner" in change ? change.owner : base.owner,
    due: "due" in change ? change.due : base.due,
    status: "status" in change ? change.status : base.status,
    updated: now,
  }));
  return next;
}

/**
 * Take an action off the plan (a tombstone, so another tab's older copy cannot bring it back).
 * @param {Plan} plan
 * @param {string} id
 * @param {number} now
 * @returns {Plan}
 */
export function remove(plan, id, now) {
  var old = own(plan, id);
  if (!old || old.removed) return plan;
  var next = Object.assign({}, plan);
  next[id] = Object.assign({}, old, { removed: true, updated: now });
  return next;
}

/**
 * Make `entries` the plan, dated `now`: other actions are removed.
 * @param {Plan} plan
 * @param {Plan} entries
 * @param {number} now
 * @returns {Plan}
 */
export function replace(plan, entries, now) {
  /** @type {Plan} */
  var next = {};
  Object.keys(plan).forEach(function (id) {
    next[id] = plan[id].removed ? plan[id] : Object.assign({}, plan[id], { removed: true, updated: now });
  });
  Object.keys(entries).forEach(function (id) {
    if (!entries[id].removed) next[id] = Object.assign({}, entries[id], { removed: false, updated: now });
  });
  return next;
}

/**
 * @param {Plan} plan
 * @param {string} id
 */
export function isActive(plan, id) {
  var entry = own(plan, id);
  return !!entry && !entry.removed;
}

/**
 * The actions among `ids` (the page's items in dataset order), as shown: open work first (in
 * progress, then planned), by due date (undated last), then dataset order; done ones at the end.
 * @param {Plan} plan
 * @param {string[]} ids
 * @returns {string[]}
 */
export function ordered(plan, ids) {
  var rank = { doing: 0, planned: 1, done: 2 };
  /** @type {Record<string, number>} */
  var index = {};
  ids.forEach(function (id, i) { index[id] = i; });
  return ids.filter(function (id) { return isActive(plan, id); }).sort(function (a, b) {
    var x = plan[a];
    var y = plan[b];
    if (rank[x.status] !== rank[y.status]) return rank[x.status] - rank[y.status];
    if (x.due !== y.due) return !x.due ? 1 : !y.due ? -1 : x.due < y.due ? -1 : 1;
    return index[a] - index[b];
  });
}

/**
 * A focused proposal: at most `max` open statements not yet in the plan, from the riskiest
 * pattern first, then by the dream-cycle order of the pattern's step, then dataset order.
 * `groups`: [{ids, step}] in dataset order, `step` being the step's position in the cycle.
 * @param {import("./score.mjs").Items} items
 * @param {{ids: string[], step: number}[]} groups
 * @param {Plan} plan
 * @param {number} [max]
 * @returns {string[]}
 */
export function propose(items, groups, plan, max) {
  var order = groups.map(function (group, index) {
    return { group: group, index: index, rank: RANK[score(items, group.ids).level] };
  });
  order.sort(function (a, b) {
    return a.rank - b.rank || a.group.step - b.group.step || a.index - b.index;
  });
  /** @type {string[]} */
  var picked = [];
  order.forEach(function (row) {
    row.group.ids.forEach(function (id) {
      if (stateOf(items, id) === "open" && !isActive(plan, id)) picked.push(id);
    });
  });
  return picked.slice(0, max || LIMIT.proposal);
}
