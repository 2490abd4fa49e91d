/**
 * What the checklists of a page share: the one store, the views that show it, the notice with
 * its Undo, and replacing every answer at once. One per script run (instant navigation keeps
 * it): the views of a page that is gone are dropped when the next page starts.
 */

import * as Store from "../browser/store.mjs";
import * as Plan from "../model/plan.mjs";
import * as S from "../model/state.mjs";

/**
 * One statement of a checklist, as its markup gives it.
 * @typedef {object} ItemView
 * @property {HTMLLIElement} $li
 * @property {HTMLInputElement} $box
 * @property {HTMLInputElement} $na
 * @property {HTMLTextAreaElement} $note
 * @property {HTMLButtonElement} $toggle
 * @property {HTMLElement} $print
 * @property {HTMLAnchorElement} $measure
 * @property {GroupView} group
 * @property {string} text
 * @property {string} measure
 * @property {S.Item|{state: "open", note: string}|null} [shown]
 * @property {HTMLLIElement} [$next]
 * @property {HTMLButtonElement} [$add]
 */
/**
 * One pattern of a checklist.
 * @typedef {object} GroupView
 * @property {string} id
 * @property {string} title
 * @property {string} step
 * @property {number} stepOrder
 * @property {HTMLElement} $score
 * @property {string[]} ids
 * @property {HTMLElement|null} $legend
 * @property {string} [key]
 * @property {string|null} [legendLevel]
 * @property {import("./risk-chart.mjs").ChartRow} [chart]
 */
/**
 * One checklist ([data-crm-root]) and what its views keep between renders.
 * @typedef {import("../browser/dialog.mjs").DialogView & {
 *   $root: HTMLElement, all: boolean, groups: GroupView[], items: Record<string, ItemView>, ids: string[],
 *   catalogue: import("../model/formats.mjs").Catalogue,
 *   $saved: HTMLElement, $savedAt: HTMLElement, $meter: HTMLElement, $progress: HTMLElement,
 *   $notice: HTMLElement, $undo: HTMLButtonElement, $printed: HTMLElement, $verdict: HTMLElement,
 *   $chart: HTMLElement|null, $next: HTMLElement, $live: HTMLElement, $nodes: NodeListOf<HTMLElement & {crmLevel?: string}>,
 *   $none?: HTMLLIElement, nextOrder?: string, nextShown?: unknown, chart?: import("./risk-chart.mjs").Chart,
 *   liveTimer?: number, noteTimer?: number,
 *   $plan?: HTMLElement|null, $planList?: HTMLElement, $planEmpty?: HTMLElement, $planSummary?: HTMLElement,
 *   $title?: HTMLInputElement|null, $participants?: HTMLInputElement|null, planRows?: Record<string, any>, planKey?: string,
 *   $trend?: HTMLElement|null, $trendBody?: HTMLElement, trendCaptionId?: string, trendKey?: string
 * }} View
 */

export var app = {
  /** @type {View[]} */
  views: [],
  /** @type {(() => void)|null} */
  undo: null,
  /** @type {string|null} a message said before any checklist could show it */
  pending: null,
  store: Store.create(function (key) { notify(key); }),
};

/**
 * A visible message (a ui.yml key or a text) on every checklist; `undo` offers Undo.
 * @param {string} key
 * @param {() => void} [undo]
 */
export function notify(key, undo) {
  app.views.forEach(function (view) {
    view.$notice.textContent = view.t[key] || key;
    view.$undo.hidden = !undo;
  });
  app.undo = undo || null;
  app.pending = app.views.length ? null : key;
}

/** Run the last Undo offered. */
export function undo() {
  var run = app.undo;
  if (!run) return;
  app.undo = null;
  run();
  notify("cl_undone");
}

/**
 * Replace every answer (and the plan, when given) with undo: import, share link, reset, new
 * round. `base` is the data to start from when the change brings more than answers (an
 * import's rounds, a new round's snapshot): it is committed with the answers, in one change.
 * @param {Record<string, {state?: string, note?: string}>} items
 * @param {string} message
 * @param {Plan.Plan|null} [plan]
 * @param {S.Data} [base]
 */
export function replace(items, message, plan, base) {
  var before = base || app.store.data;
  var now = app.store.now();
  var data = S.replace(before, items, now);
  if (plan) data = Object.assign({}, data, { plan: Plan.replace(before.plan, plan, now) });
  app.store.commit(data);
  notify(message, function () {
    var later = app.store.now();
    var back = S.replace(app.store.data, before.items, later);
    if (plan) back = Object.assign({}, back, { plan: Plan.replace(app.store.data.plan, before.plan, later) });
    app.store.commit(back);
  });
}

/**
 * A change to the answers of some items, committed.
 * @param {Record<string, {state?: string, note?: string}>} changes
 */
export function change(changes) {
  app.store.commit(S.update(app.store.data, changes, app.store.now()));
}

