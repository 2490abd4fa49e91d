/**
 * Checklist state as pure functions (no DOM, no storage); format: STORAGE.md. Functions return
 * new objects, so an old value can be kept for undo. Browser: window.CrmChecklistState; Node:
 * module.exports (tests/js/).
 */
(function (root) {
  "use strict";

  var VERSION = 1;
  var FORMAT = "crm-failure-patterns/checklist";
  var STATES = { done: 1, open: 1, na: 1 };
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var LIMIT = { note: 500, name: 80, rounds: 200, items: 20000, file: 2000000, link: 100000 };

  /** @typedef {{state: "done"|"open"|"na", note: string, updated: number}} Item */
  /** @typedef {{id: string, name: string, date: number, items: Object<string, Item>}} Round */
  /** @typedef {{version: number, items: Object<string, Item>, rounds: Round[]}} Data */

  /** Upgrades, by the version they start from (0: a bare {id: true} map of ticks). */
  var MIGRATIONS = {
    0: function (old) {
      var ids = Object.keys(old);
      var items = {};
      ids.forEach(function (id) { items[id] = { state: old[id] ? "done" : "open" }; });
      // Any other unversioned object is not ours.
      var ticks = ids.length && ids.every(function (id) { return typeof old[id] === "boolean"; });
      return ticks ? { version: 1, items: items } : {};
    },
  };

  /** @returns {Data} */
  function empty() {
    return { version: VERSION, items: {}, rounds: [] };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function text(value, max) {
    return typeof value === "string" ? value.slice(0, max) : "";
  }

  /** An own entry only: an id such as "constructor" must not find Object's prototype. */
  function own(map, id) {
    return Object.prototype.hasOwnProperty.call(map, id) ? map[id] : undefined;
  }

  function time(value) {
    return typeof value === "number" && isFinite(value) && value > 0 ? value : 0;
  }

  /** Valid entries of an items map; anything else (bad id, state, type) is dropped. */
  function cleanItems(raw) {
    var items = {};
    if (!isObject(raw)) return items;
    Object.keys(raw).slice(0, LIMIT.items).forEach(function (id) {
      var item = raw[id];
      if (!ID.test(id) || id.length > 60 || !isObject(item) || !STATES[item.state]) return;
      items[id] = { state: item.state, note: text(item.note, LIMIT.note), updated: time(item.updated) };
    });
    return items;
  }

  function cleanRounds(raw) {
    if (!Array.isArray(raw)) return [];
    return raw.slice(-LIMIT.rounds).filter(function (round) {
      return isObject(round) && typeof round.id === "string" && /^[\w-]{1,40}$/.test(round.id);
    }).map(function (round) {
      return { id: round.id, name: text(round.name, LIMIT.name), date: time(round.date), items: cleanItems(round.items) };
    });
  }

  /**
   * Check and upgrade any value claiming to be checklist data (stored or imported).
   * @returns {{data: Data|null, error: null|"shape"|"future"}}
   */
  function normalize(value) {
    if (!isObject(value)) return { data: null, error: "shape" };
    var version = "version" in value ? value.version : 0;
    if (typeof version !== "number" || version % 1 || version < 0) return { data: null, error: "shape" };
    if (version > VERSION) return { data: null, error: "future" };
    while (version < VERSION) {
      value = MIGRATIONS[version](value);
      version = value.version;
    }
    if (!isObject(value.items)) return { data: null, error: "shape" };
    return { data: { version: VERSION, items: cleanItems(value.items), rounds: cleanRounds(value.rounds) }, error: null };
  }

  /** Read what localStorage holds (nothing is an empty checklist). @param {string|null} raw */
  function parse(raw) {
    if (raw === null || raw === undefined) return { data: empty(), error: null };
    try {
      return normalize(JSON.parse(raw));
    } catch (e) {
      return { data: null, error: "garbage" };
    }
  }

  /**
   * Read an import file's text: its size, JSON, shape and version are checked.
   * @returns {{data: Data|null, error: null|"huge"|"notjson"|"shape"|"future", name: string}}
   */
  function readImport(source) {
    if (source.length > LIMIT.file) return { data: null, error: "huge", name: "" };
    var value;
    try {
      value = JSON.parse(source);
    } catch (e) {
      return { data: null, error: "notjson", name: "" };
    }
    if (isObject(value) && "format" in value && value.format !== FORMAT) return { data: null, error: "shape", name: "" };
    var result = normalize(value);
    result.name = result.data ? text(value.name, LIMIT.name) : "";
    return result;
  }

  function pick(a, b) {
    if (!a) return b;
    return b && b.updated > a.updated ? b : a;
  }

  /**
   * Merge two copies (two tabs; storage and page): per item the later change wins, rounds are
   * united by id. @param {Data} a @param {Data} b @returns {Data}
   */
  function merge(a, b) {
    var items = {};
    Object.keys(a.items).concat(Object.keys(b.items)).forEach(function (id) {
      items[id] = pick(own(a.items, id), own(b.items, id));
    });
    var seen = {};
    var rounds = a.rounds.concat(b.rounds).filter(function (round) {
      return seen[round.id] ? false : (seen[round.id] = true);
    });
    rounds.sort(function (x, y) { return x.date - y.date; });
    return { version: VERSION, items: items, rounds: rounds };
  }

  /**
   * Set some items; `now` is the change's time, which merge() compares.
   * @param {Data} data @param {Object<string, {state?: string, note?: string}>} changes
   */
  function update(data, changes, now) {
    var items = Object.assign({}, data.items);
    Object.keys(changes).forEach(function (id) {
      var old = own(items, id) || { state: "open", note: "" };
      var change = changes[id];
      items[id] = {
        state: STATES[change.state] ? change.state : old.state,
        note: "note" in change ? text(change.note, LIMIT.note) : old.note,
        updated: now,
      };
    });
    return { version: VERSION, items: items, rounds: data.rounds };
  }

  /** Make `items` (e.g. from an import or undo) the current answers, dated `now`; other stored ids become open. */
  function replace(data, items, now) {
    var changes = {};
    Object.keys(data.items).forEach(function (id) { changes[id] = { state: "open", note: "" }; });
    Object.keys(items).forEach(function (id) { changes[id] = items[id]; });
    return update(data, changes, now);
  }

  function stateOf(items, id) {
    var item = own(items, id);
    return item ? item.state : "open";
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

  /** Exposure in plain terms: none (all excluded), low (all done), mid (≥ 60 %), high. */
  function level(s) {
    if (!s.total) return "none";
    if (s.done === s.total) return "low";
    return s.done / s.total >= 0.6 ? "mid" : "high";
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

  /** A round: a dated, named copy of the current answers, without change times. */
  function snapshot(data, name, now) {
    var items = {};
    Object.keys(data.items).forEach(function (id) {
      var item = data.items[id];
      items[id] = { state: item.state, note: item.note, updated: 0 };
    });
    var round = { id: "r" + now.toString(36), name: text(name, LIMIT.name), date: now, items: items };
    return { version: VERSION, items: data.items, rounds: data.rounds.concat([round]) };
  }

  function base64url(string) {
    var bytes = new TextEncoder().encode(string);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function unbase64url(code) {
    var binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }

  /** The share-link fragment (`cl=…`): only answered items, as {id: [1 done | 2 n/a, note?]}. */
  function encodeShare(items, now) {
    var compact = {};
    Object.keys(items).forEach(function (id) {
      var item = items[id];
      if (item.state === "open" && !item.note) return;
      var entry = [{ open: 0, done: 1, na: 2 }[item.state]];
      if (item.note) entry.push(item.note);
      compact[id] = entry;
    });
    return "cl=" + base64url(JSON.stringify({ v: 1, t: now, i: compact }));
  }

  /**
   * Read a share-link fragment (with or without `#`). Anything tampered with is an error.
   * @returns {{items: Object<string, Item>|null, date: number, error: null|"link"|"future"}}
   */
  function decodeShare(fragment) {
    var bad = { items: null, date: 0, error: "link" };
    var code = fragment.replace(/^#?cl=/, "");
    if (code.length > LIMIT.link || !/^[\w-]*$/.test(code)) return bad;
    var value;
    try {
      value = JSON.parse(unbase64url(code));
    } catch (e) {
      return bad;
    }
    if (!isObject(value) || !isObject(value.i) || typeof value.v !== "number") return bad;
    if (value.v > 1) return { items: null, date: 0, error: "future" };
    var raw = {};
    Object.keys(value.i).forEach(function (id) {
      var entry = value.i[id];
      if (Array.isArray(entry)) raw[id] = { state: ["open", "done", "na"][entry[0]], note: entry[1] };
    });
    return { items: cleanItems(raw), date: time(value.t), error: null };
  }

  var api = {
    VERSION: VERSION, FORMAT: FORMAT, LIMIT: LIMIT, KEY: "crm-failure-patterns:checklist",
    empty: empty, parse: parse, normalize: normalize, readImport: readImport, merge: merge,
    update: update, replace: replace, score: score, compare: compare, combine: combine,
    snapshot: snapshot,
    encodeShare: encodeShare, decodeShare: decodeShare,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CrmChecklistState = api;
})(this);
