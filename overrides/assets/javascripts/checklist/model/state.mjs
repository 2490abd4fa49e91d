/**
 * The stored format (STORAGE.md) as pure functions, no DOM and no storage: check, upgrade and
 * merge stored or imported data, change answers. Functions return new objects, so an old value
 * can be kept for undo.
 */

import { KEY } from "./contract.mjs";
import * as Plan from "./plan.mjs";
import * as Rounds from "./rounds.mjs";
import { isObject, line, own, text, time } from "./util.mjs";

export { KEY };
export { combine, compare, score } from "./score.mjs";

/** @typedef {import("./score.mjs").State} State */
/** @typedef {import("./score.mjs").Item} Item */
/** @typedef {import("./score.mjs").Items} Items */
/** @typedef {{title: string, participants: string, updated: number}} Meta */
/** @typedef {{date: number, members: string[], split: string[], updated: number}} Combined */
/**
 * @typedef {{version: number, items: Items, plan: import("./plan.mjs").Plan,
 *   rounds: import("./rounds.mjs").Round[], meta: Meta, combined: Combined|null}} Data
 */
/** @typedef {{data: Data|null, error: null|string}} Result */
/** @typedef {Result & {name: string, hasPlan?: boolean}} ImportResult */

export var VERSION = 2;
export var FORMAT = "crm-failure-patterns/checklist";
var STATES = { done: 1, open: 1, na: 1 };
var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export var LIMIT = { note: 500, name: 80, title: 120, participants: 200, rounds: 200, items: 20000, file: 2000000, link: 100000 };

/**
 * @param {unknown} state
 * @returns {state is State}
 */
function isState(state) {
  return typeof state === "string" && own(STATES, state) === 1;
}

/**
 * Upgrades, by the version they start from. Kept forever (STORAGE.md).
 * @type {Record<number, (old: Record<string, any>) => Record<string, any>>}
 */
export var MIGRATIONS = {
  // 0: a bare {id: true} map of ticks.
  0: function (old) {
    var ids = Object.keys(old);
    /** @type {Record<string, {state: State}>} */
    var items = {};
    ids.forEach(function (id) { items[id] = { state: old[id] ? "done" : "open" }; });
    // Any other unversioned object is not ours.
    var ticks = ids.length && ids.every(function (id) { return typeof old[id] === "boolean"; });
    return ticks ? { version: 1, items: items } : {};
  },
  // 1 → 2: the action plan, the title and participants, the last combination, and rounds that
  // can be renamed and deleted. Only fields are added: every answer and round stays as it was.
  1: function (old) {
    var rounds = Array.isArray(old.rounds) ? old.rounds.map(function (round) {
      return isObject(round) ? Object.assign({}, round, { updated: round.date, deleted: false }) : round;
    }) : [];
    return Object.assign({}, old, {
      version: 2, plan: {}, rounds: rounds, meta: { title: "", participants: "", updated: 0 }, combined: null,
    });
  },
};

/** @returns {Data} */
export function empty() {
  return { version: VERSION, items: {}, plan: {}, rounds: [], meta: { title: "", participants: "", updated: 0 }, combined: null };
}

/**
 * Valid entries of an items map; anything else (bad id, state, type) is dropped.
 * @param {unknown} raw
 * @returns {Items}
 */
export function cleanItems(raw) {
  /** @type {Items} */
  var items = {};
  if (!isObject(raw)) return items;
  Object.keys(raw).slice(0, LIMIT.items).forEach(function (id) {
    var item = raw[id];
    if (!ID.test(id) || id.length > 60 || !isObject(item) || !isState(item.state)) return;
    items[id] = { state: item.state, note: text(item.note, LIMIT.note), updated: time(item.updated) };
  });
  return items;
}

/**
 * @param {unknown} raw
 * @returns {Meta}
 */
function cleanMeta(raw) {
  var meta = isObject(raw) ? raw : {};
  return { title: line(meta.title, LIMIT.title), participants: line(meta.participants, LIMIT.participants), updated: time(meta.updated) };
}

/**
 * @param {unknown} raw
 * @returns {Combined|null}
 */
function cleanCombined(raw) {
  if (!isObject(raw)) return null;
  var members = Array.isArray(raw.members) ? raw.members.slice(0, 100).map(function (m) { return line(m, LIMIT.name); }) : [];
  var split = Array.isArray(raw.split) ? raw.split.filter(function (id) { return typeof id === "string" && ID.test(id); }) : [];
  return { date: time(raw.date), members: members, split: split.slice(0, LIMIT.items), updated: time(raw.updated) };
}

/**
 * Data of this version with the given fields replaced.
 * @param {Data} data
 * @param {Partial<Data>} fields
 * @returns {Data}
 */
function withFields(data, fields) {
  return Object.assign({}, data, fields, { version: VERSION });
}

/**
 * Check and upgrade any value claiming to be checklist data (stored or imported).
 * @param {unknown} raw
 * @returns {Result} error: null, "shape" or "future"
 */
export function normalize(raw) {
  if (!isObject(raw)) return { data: null, error: "shape" };
  var value = raw;
  var version = "version" in value ? value.version : 0;
  if (typeof version !== "number" || version % 1 || version < 0) return { data: null, error: "shape" };
  if (version > VERSION) return { data: null, error: "future" };
  while (version < VERSION) {
    value = MIGRATIONS[version](value);
    version = value.version;
  }
  if (!isObject(value.items)) return { data: null, error: "shape" };
  return {
    data: {
      version: VERSION, items: cleanItems(value.items), plan: Plan.clean(value.plan),
      rounds: Rounds.clean(value.rounds, cleanItems), meta: cleanMeta(value.meta), combined: cleanCombined(value.combined),
    },
    error: null,
  };
}

/**
 * Read what localStorage holds (nothing is an empty checklist).
 * @param {string|null|undefined} raw
 * @returns {Result} error: null, "shape", "future" or "garbage"
 */
export function parse(raw) {
  if (raw === null || raw === undefined) return { data: empty(), error: null };
  try {
    return normalize(JSON.parse(raw));
  } catch {
    return { data: null, error: "garbage" };
  }
}

/**
 * Read an import file's text: its size, JSON, format, version and plan dates are checked.
 * @param {string} source
 * @returns {ImportResult} error: null, "huge", "notjson", "shape", "future" or "date"
 */
export function readImport(source) {
  if (source.length > LIMIT.file) return { data: null, error: "huge", name: "" };
  var value;
  try {
    value = JSON.parse(source);
  } catch {
    return { data: null, error: "notjson", name: "" };
  }
  if (isObject(value) && "format" in value && value.format !== FORMAT) return { data: null, error: "shape", name: "" };
  if (isObject(value) && Plan.badDates(value.plan).length) return { data: null, error: "date", name: "" };
  /** @type {ImportResult} */
  var result = Object.assign(normalize(value), { name: "" });
  result.name = result.data ? line(value.name, LIMIT.name) : "";
  // A file from before the plan (version 1) says nothing about it: loading it keeps ours.
  result.hasPlan = !!result.data && isObject(value.plan);
  return result;
}

/**
 * The later of two changes (by `updated`); either may be missing.
 * @template {{updated: number}} T
 * @param {T|null|undefined} a
 * @param {T|null|undefined} b
 * @returns {T|null|undefined}
 */
function later(a, b) {
  if (!a) return b;
  return b && b.updated > a.updated ? b : a;
}

/**
 * Merge two copies (two tabs; storage and page): per item and per plan entry the later change
 * wins, rounds are united by id (later rename or delete wins), meta and combined: the later.
 * @param {Data} a
 * @param {{items: Items, plan?: import("./plan.mjs").Plan, rounds?: import("./rounds.mjs").Round[], meta?: Meta|null, combined?: Combined|null}} b
 * @returns {Data}
 */
export function merge(a, b) {
  /** @type {Items} */
  var items = {};
  Object.keys(a.items).concat(Object.keys(b.items)).forEach(function (id) {
    items[id] = /** @type {Item} */ (later(own(a.items, id), own(b.items, id)));
  });
  return {
    version: VERSION, items: items, plan: Plan.merge(a.plan || {}, b.plan || {}),
    rounds: Rounds.merge(a.rounds || [], b.rounds || []), meta: later(a.meta, b.meta) || cleanMeta(null),
    combined: later(a.combined, b.combined) || null,
  };
}

/**
 * Set some items; `now` is the change's time, which merge() compares.
 * @param {Data} data
 * @param {Record<string, {state?: string, note?: string}>} changes
 * @param {number} now
 * @returns {Data}
 */
export function update(data, changes, now) {
  var items = Object.assign({}, data.items);
  Object.keys(changes).forEach(function (id) {
    var old = own(items, id) || { state: "open", note: "" };
    var change = changes[id];
    items[id] = {
      state: isState(change.state) ? change.state : /** @type {State} */ (old.state),
      note: "note" in change ? text(change.note, LIMIT.note) : old.note,
      updated: now,
    };
  });
  return withFields(data, { items: items });
}

/**
 * Make `items` (e.g. from an import or undo) the current answers, dated `now`; other stored ids become open.
 * @param {Data} data
 * @param {Record<string, {state?: string, note?: string}>} items
 * @param {number} now
 */
export function replace(data, items, now) {
  /** @type {Record<string, {state?: string, note?: string}>} */
  var changes = {};
  Object.keys(data.items).forEach(function (id) { changes[id] = { state: "open", note: "" }; });
  Object.keys(items).forEach(function (id) { changes[id] = items[id]; });
  return update(data, changes, now);
}

/**
 * @param {Data} data
 * @param {Partial<Meta>} fields
 * @param {number} now
 */
export function setMeta(data, fields, now) {
  var meta = cleanMeta(Object.assign({}, data.meta, fields));
  meta.updated = now;
  return withFields(data, { meta: meta });
}

/**
 * Remember a combination of members' files: who, and where they disagree.
 * @param {Data} data
 * @param {string[]} members
 * @param {string[]} split
 * @param {number} now
 */
export function setCombined(data, members, split, now) {
  return withFields(data, { combined: cleanCombined({ date: now, members: members, split: split, updated: now }) });
}

/**
 * A round: a dated, named copy of the current answers, without change times.
 * @param {Data} data
 * @param {string} name
 * @param {number} now
 */
export function snapshot(data, name, now) {
  /** @type {Items} */
  var items = {};
  Object.keys(data.items).forEach(function (id) {
    var item = data.items[id];
    items[id] = { state: item.state, note: item.note, updated: 0 };
  });
  var round = { id: "r" + now.toString(36), name: line(name, LIMIT.name), date: now, items: items, updated: now, deleted: false };
  return withFields(data, { rounds: data.rounds.concat([round]) });
}

/**
 * The full-fidelity export; `name` says whose answers they are (for combining).
 * @param {Data} data
 * @param {string} name
 * @param {number} now
 */
export function toJSON(data, name, now) {
  /** @type {Record<string, unknown>} */
  var out = { format: FORMAT, version: VERSION, exported: new Date(now).toISOString(), name: line(name, LIMIT.name) };
  /** @type {(keyof Data)[]} */ (["items", "plan", "rounds", "meta", "combined"]).forEach(function (key) { out[key] = data[key]; });
  return JSON.stringify(out, null, 1);
}
