/**
 * The share link (`#cl=…`): the answers, and the action plan where the size allows, in the URL
 * fragment (pure functions). Browser: window.CrmChecklistShare; Node: module.exports.
 */
(function (root) {
  "use strict";

  var node = typeof module === "object" && module.exports;
  var S = node ? require("./state.js") : root.CrmChecklistState;
  var Plan = node ? require("./plan.js") : root.CrmChecklistPlan;

  // A link this long stays whole in mail and chat apps; past it the plan is left out (and the
  // share dialog says so): the answers always travel.
  var PLAN_BUDGET = 2000;

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

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /**
   * The fragment `cl=…`: only answered items, as {id: [1 done | 2 n/a, note?]}, and the plan's
   * actions as {id: [status index, owner, due]} when the fragment stays within PLAN_BUDGET.
   * Still version 1: an older page reads the answers and ignores the plan.
   * @returns {{fragment: string, plan: boolean}} plan: whether the plan is in it
   */
  function encode(items, plan, now) {
    var compact = {};
    Object.keys(items).forEach(function (id) {
      var item = items[id];
      if (item.state === "open" && !item.note) return;
      var entry = [{ open: 0, done: 1, na: 2 }[item.state]];
      if (item.note) entry.push(item.note);
      compact[id] = entry;
    });
    var value = { v: 1, t: now, i: compact };
    var bare = "cl=" + base64url(JSON.stringify(value));
    var actions = {};
    var ids = Object.keys(plan || {}).filter(function (id) { return Plan.isActive(plan, id); });
    if (!ids.length) return { fragment: bare, plan: true };
    ids.forEach(function (id) {
      var a = plan[id];
      actions[id] = [Plan.STATUSES.indexOf(a.status), a.owner, a.due];
    });
    value.p = actions;
    var full = "cl=" + base64url(JSON.stringify(value));
    return full.length <= PLAN_BUDGET ? { fragment: full, plan: true } : { fragment: bare, plan: false };
  }

  /**
   * Read a share-link fragment (with or without `#`). Anything tampered with is an error.
   * `plan` is null when the link carries none (the receiver's plan is then kept).
   * @returns {{items: Object|null, plan: Object|null, date: number, error: null|"link"|"future"|"date"}}
   */
  function decode(fragment) {
    var bad = { items: null, plan: null, date: 0, error: "link" };
    var code = fragment.replace(/^#?cl=/, "");
    if (code.length > S.LIMIT.link || !/^[\w-]*$/.test(code)) return bad;
    var value;
    try {
      value = JSON.parse(unbase64url(code));
    } catch (e) {
      return bad;
    }
    if (!isObject(value) || !isObject(value.i) || typeof value.v !== "number") return bad;
    if (value.v > 1) return { items: null, plan: null, date: 0, error: "future" };
    var raw = {};
    Object.keys(value.i).forEach(function (id) {
      var entry = value.i[id];
      if (Array.isArray(entry)) raw[id] = { state: ["open", "done", "na"][entry[0]], note: entry[1] };
    });
    var plan = null;
    if (isObject(value.p)) {
      var rawPlan = {};
      Object.keys(value.p).forEach(function (id) {
        var a = value.p[id];
        if (Array.isArray(a)) rawPlan[id] = { status: Plan.STATUSES[a[0]], owner: a[1], due: a[2] };
      });
      if (Plan.badDates(rawPlan).length) return { items: null, plan: null, date: 0, error: "date" };
      plan = Plan.clean(rawPlan);
    }
    var date = typeof value.t === "number" && isFinite(value.t) && value.t > 0 ? value.t : 0;
    return { items: S.cleanItems(raw), plan: plan, date: date, error: null };
  }

  var api = { PLAN_BUDGET: PLAN_BUDGET, encode: encode, decode: decode };
  if (node) module.exports = api;
  else root.CrmChecklistShare = api;
})(this);
