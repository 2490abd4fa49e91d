/**
 * The action plan (pure functions, no DOM): entries keyed by checklist item id, each with an
 * owner, a due date and a status; removal is a tombstone so that two tabs merge per entry.
 * Format: STORAGE.md. Browser: window.CrmChecklistPlan; Node: module.exports.
 */
(function (root) {
  "use strict";

  var Score = typeof module === "object" && module.exports ? require("./score.js") : root.CrmChecklistScore;

  var STATUSES = ["planned", "doing", "done"];
  var LIMIT = { owner: 80, entries: 2000, proposal: 5 };
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function own(map, id) {
    return Object.prototype.hasOwnProperty.call(map, id) ? map[id] : undefined;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
  function validDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
    if (!m) return false;
    var date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return date.getUTCFullYear() === +m[1] && date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3];
  }

  /** One entry as stored, or null when it is not an entry at all. An invalid date is dropped. */
  function cleanEntry(raw) {
    if (!isObject(raw)) return null;
    return {
      owner: typeof raw.owner === "string" ? raw.owner.replace(/[\r\n]+/g, " ").slice(0, LIMIT.owner) : "",
      due: validDate(raw.due) ? raw.due : "",
      status: STATUSES.indexOf(raw.status) >= 0 ? raw.status : "planned",
      updated: typeof raw.updated === "number" && isFinite(raw.updated) && raw.updated > 0 ? raw.updated : 0,
      removed: raw.removed === true,
    };
  }

  /** The valid entries of a plan map (bad ids and shapes dropped one by one). */
  function clean(raw) {
    var plan = {};
    if (!isObject(raw)) return plan;
    Object.keys(raw).slice(0, LIMIT.entries).forEach(function (id) {
      var entry = ID.test(id) && id.length <= 60 ? cleanEntry(raw[id]) : null;
      if (entry) plan[id] = entry;
    });
    return plan;
  }

  /** Ids whose due date is given but is not a real date (an import with any is refused). */
  function badDates(raw) {
    if (!isObject(raw)) return [];
    return Object.keys(raw).filter(function (id) {
      var due = isObject(raw[id]) ? raw[id].due : "";
      return due !== undefined && due !== "" && !validDate(due);
    });
  }

  /** Per entry, the later change wins (removals included). */
  function merge(a, b) {
    var plan = {};
    Object.keys(a).concat(Object.keys(b)).forEach(function (id) {
      var x = own(a, id);
      var y = own(b, id);
      plan[id] = !x || (y && y.updated > x.updated) ? y : x;
    });
    return plan;
  }

  /** Add or change an action (`change`: owner, due, status); a removed one comes back. */
  function set(plan, id, change, now) {
    var old = own(plan, id);
    var base = old && !old.removed ? old : { owner: "", due: "", status: "planned" };
    var next = Object.assign({}, plan);
    next[id] = cleanEntry({
      owner: "owner" in change ? change.owner : base.owner,
      due: "due" in change ? change.due : base.due,
      status: "status" in change ? change.status : base.status,
      updated: now,
    });
    return next;
  }

  /** Take an action off the plan (a tombstone, so another tab's older copy cannot bring it back). */
  function remove(plan, id, now) {
    var old = own(plan, id);
    if (!old || old.removed) return plan;
    var next = Object.assign({}, plan);
    next[id] = Object.assign({}, old, { removed: true, updated: now });
    return next;
  }

  /** Make `entries` the plan, dated `now`: other actions are removed. */
  function replace(plan, entries, now) {
    var next = {};
    Object.keys(plan).forEach(function (id) {
      next[id] = plan[id].removed ? plan[id] : Object.assign({}, plan[id], { removed: true, updated: now });
    });
    Object.keys(entries).forEach(function (id) {
      if (!entries[id].removed) next[id] = Object.assign({}, entries[id], { removed: false, updated: now });
    });
    return next;
  }

  function isActive(plan, id) {
    var entry = own(plan, id);
    return !!entry && !entry.removed;
  }

  /**
   * The actions among `ids` (the page's items in dataset order), as shown: open work first (in
   * progress, then planned), by due date (undated last), then dataset order; done ones at the end.
   */
  function ordered(plan, ids) {
    var rank = { doing: 0, planned: 1, done: 2 };
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
   */
  function propose(items, groups, plan, max) {
    var order = groups.map(function (group, index) {
      return { group: group, index: index, rank: Score.RANK[Score.score(items, group.ids).level] };
    });
    order.sort(function (a, b) {
      return a.rank - b.rank || a.group.step - b.group.step || a.index - b.index;
    });
    var picked = [];
    order.forEach(function (row) {
      row.group.ids.forEach(function (id) {
        if (Score.stateOf(items, id) === "open" && !isActive(plan, id)) picked.push(id);
      });
    });
    return picked.slice(0, max || LIMIT.proposal);
  }

  var api = {
    STATUSES: STATUSES, LIMIT: LIMIT, validDate: validDate, clean: clean, badDates: badDates,
    merge: merge, set: set, remove: remove, replace: replace, isActive: isActive, ordered: ordered,
    propose: propose,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CrmChecklistPlan = api;
})(this);
