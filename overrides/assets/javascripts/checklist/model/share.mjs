/**
 * The share link (`#cl=…`): the answers, and the action plan where the size allows, in the URL
 * fragment (pure functions).
 */

import * as Plan from "./plan.mjs";
import { LIMIT, cleanItems } from "./state.mjs";
import { isObject, time } from "./util.mjs";

// A link this long stays whole in mail and chat apps; past it the plan is left out (and the
// share dialog says so): the answers always travel.
export var PLAN_BUDGET = 2000;

/** @param {string} string */
function base64url(string) {
  var bytes = new TextEncoder().encode(string);
  var binary = "";
  for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} code */
function unbase64url(code) {
  var binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/**
 * The fragment `cl=…`: only answered items, as {id: [1 done | 2 n/a, note?]}, and the plan's
 * actions as {id: [status index, owner, due]} when the fragment stays within PLAN_BUDGET.
 * Still version 1: an older page reads the answers and ignores the plan.
 * @param {import("./score.mjs").Items} items
 * @param {Plan.Plan|null|undefined} plan
 * @param {number} now
 * @returns {{fragment: string, plan: boolean}} plan: whether the plan is in it
 */
export function encode(items, plan, now) {
  /** @type {Record<string, (number|string)[]>} */
  var compact = {};
  Object.keys(items).forEach(function (id) {
    var item = items[id];
    if (item.state === "open" && !item.note) return;
    /** @type {(number|string)[]} */
    var entry = [{ open: 0, done: 1, na: 2 }[item.state]];
    if (item.note) entry.push(item.note);
    compact[id] = entry;
  });
  /** @type {{v: number, t: number, i: typeof compact, p?: Record<string, (number|string)[]>}} */
  var value = { v: 1, t: now, i: compact };
  var bare = "cl=" + base64url(JSON.stringify(value));
  /** @type {Record<string, (number|string)[]>} */
  var actions = {};
  var active = plan || {};
  var ids = Object.keys(active).filter(function (id) { return Plan.isActive(active, id); });
  if (!ids.length) return { fragment: bare, plan: true };
  ids.forEach(function (id) {
    var a = active[id];
    actions[id] = [Plan.STATUSES.indexOf(a.status), a.owner, a.due];
  });
  value.p = actions;
  var full = "cl=" + base64url(JSON.stringify(value));
  return full.length <= PLAN_BUDGET ? { fragment: full, plan: true } : { fragment: bare, plan: false };
}

/**
 * Read a share-link fragment (with or without `#`). Anything tampered with is an error.
 * `plan` is null when the link carries none (the receiver's plan is then kept).
 * @param {string} fragment
 * @returns {{items: import("./score.mjs").Items|null, plan: Plan.Plan|null, date: number, error: null|"link"|"future"|"date"}}
 */
export function decode(fragment) {
  /** @type {{items: null, plan: null, date: number, error: "link"}} */
  var bad = { items: null, plan: null, date: 0, error: "link" };
  var code = fragment.replace(/^#?cl=/, "");
  if (code.length > LIMIT.link || !/^[\w-]*$/.test(code)) return bad;
  var value;
  try {
    value = JSON.parse(unbase64url(code));
  } catch {
    return bad;
  }
  if (!isObject(value) || !isObject(value.i) || typeof value.v !== "number") return bad;
  if (value.v > 1) return { items: null, plan: null, date: 0, error: "future" };
  var given = value.i;
  /** @type {Record<string, {state: string, note: unknown}>} */
  var raw = {};
  Object.keys(given).forEach(function (id) {
    var entry = given[id];
    if (Array.isArray(entry)) raw[id] = { state: ["open", "done", "na"][entry[0]], note: entry[1] };
  });
  var plan = null;
  if (isObject(value.p)) {
    var actions = value.p;
    /** @type {Record<string, {status: string, owner: unknown, due: unknown}>} */
    var rawPlan = {};
    Object.keys(actions).forEach(function (id) {
      var a = actions[id];
      if (Array.isArray(a)) rawPlan[id] = { status: Plan.STATUSES[a[0]], owner: a[1], due: a[2] };
    });
    if (Plan.badDates(rawPlan).length) return { items: null, plan: null, date: 0, error: "date" };
    plan = Plan.clean(rawPlan);
  }
  return { items: cleanItems(raw), plan: plan, date: time(value.t), error: null };
}
