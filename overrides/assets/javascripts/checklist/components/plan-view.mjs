/**
 * The action plan in the results of the full checklist: the team's actions (owner, due date,
 * status), a focused proposal to start from, and an "add to the plan" button on every next step.
 */

import * as Dialog from "../browser/dialog.mjs";
import * as D from "../browser/dom.mjs";
import * as Plan from "../model/plan.mjs";
import * as S from "../model/state.mjs";
import { app, notify } from "./app.mjs";

/** @typedef {import("./app.mjs").View} View */
/**
 * One action's row, kept between renders so that typing is never interrupted.
 * @typedef {{$li: HTMLLIElement, $owner: HTMLInputElement, $due: HTMLInputElement, $status: HTMLSelectElement,
 *   $error: HTMLParagraphElement, shown: Plan.Entry|null}} Row
 */

function data() {
  return app.store.data;
}

/**
 * @param {string} id
 * @param {{owner?: string, due?: string, status?: string}} fields
 */
function change(id, fields) {
  app.store.commit(Object.assign({}, data(), { plan: Plan.set(data().plan, id, fields, app.store.now()) }));
}

/**
 * @param {View} view
 * @param {string[]} ids
 */
function add(view, ids) {
  var now = app.store.now();
  var plan = data().plan;
  ids.forEach(function (id) { plan = Plan.set(plan, id, {}, now); });
  app.store.commit(Object.assign({}, data(), { plan: plan }));
  notify(D.fmt(view, "cl_plan_added", { n: ids.length }));
}

/**
 * @param {View} view
 * @param {string} id
 */
function remove(view, id) {
  var entry = data().plan[id];
  app.store.commit(Object.assign({}, data(), { plan: Plan.remove(data().plan, id, app.store.now()) }));
  notify(D.fmt(view, "cl_plan_removed", { item: view.items[id].text }), function () {
    change(id, { owner: entry.owner, due: entry.due, status: entry.status });
  });
}

/**
 * The button on a next step that adds its statement to the plan or takes it off.
 * @param {View} view
 * @param {string} id
 * @returns {HTMLButtonElement & {crmActive?: boolean}}
 */
export function addButton(view, id) {
  return D.el("button", {
    type: "button", className: "crm-cl__add", "aria-describedby": "crm-text-" + id,
    onclick: function () {
      if (Plan.isActive(data().plan, id)) remove(view, id);
      else add(view, [id]);
    },
  });
}

/**
 * @param {View} view
 * @param {string} id
 * @param {HTMLButtonElement & {crmActive?: boolean}} $button
 */
export function markAdd(view, id, $button) {
  var active = Plan.isActive(data().plan, id);
  if ($button.crmActive === active) return;
  $button.crmActive = active;
  $button.textContent = view.t[active ? "cl_plan_remove_step" : "cl_plan_add"];
}

/**
 * Groups of the page for the proposal: ids and the position of the pattern's cycle step.
 * @param {View} view
 */
function groups(view) {
  return view.groups.map(function (group) { return { ids: group.ids, step: group.stepOrder }; });
}

/**
 * Propose a few statements to start the plan with (the "propose" action).
 * @param {View} view
 */
export function propose(view) {
  var ids = Plan.propose(data().items, groups(view), data().plan, Plan.LIMIT.proposal);
  if (!ids.length) {
    return Dialog.open(view, view.t.cl_plan_propose_title, [D.el("p", { textContent: view.t.cl_plan_propose_none })]);
  }
  var $list = D.el("ol", { className: "crm-cl__proposal" }, ids.map(function (id) {
    return D.el("li", {}, [view.items[id].text, D.el("span", { className: "crm-cl__pattern", textContent: view.items[id].group.title })]);
  }));
  Dialog.open(view, view.t.cl_plan_propose_title, [D.el("p", { textContent: view.t.cl_plan_propose_intro }), $list], [
    [D.fmt(view, "cl_plan_propose_add", { n: ids.length }), function () { add(view, ids); }],
  ], "cl_cancel");
}

/**
 * Save a text field while typing (not on every key stroke) and when it is left.
 * @param {HTMLInputElement} $input
 * @param {() => void} save
 */
function saveWhileTyping($input, save) {
  /** @type {number|undefined} */
  var timer;
  var run = function () {
    clearTimeout(timer);
    save();
  };
  $input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 400); });
  $input.addEventListener("change", run);
}

/**
 * An action's fields: owner, due date and status, each labelled and described by its statement.
 * @param {View} view
 * @param {string} id
 */
function fields(view, id) {
  var describe = { "aria-describedby": "crm-plan-text-" + id };
  var $owner = D.field(view, "cl_plan_owner", Object.assign({ id: "crm-owner-" + id, type: "text", maxLength: Plan.LIMIT.owner, autocomplete: "off" }, describe));
  var $due = D.field(view, "cl_plan_due", Object.assign({ id: "crm-due-" + id, type: "date" }, describe));
  var $status = D.field(view, "cl_plan_status", Object.assign({ id: "crm-status-" + id }, describe), "select");
  Plan.STATUSES.forEach(function (status) {
    $status[1].append(D.el("option", { value: status, textContent: view.t["cl_plan_status_" + status] }));
  });
  return { $owner: $owner, $due: $due, $status: $status };
}

/**
 * Wire an action's fields to the plan.
 * @param {View} view
 * @param {string} id
 * @param {ReturnType<typeof fields>} f
 * @param {HTMLElement} $error
 */
function wire(view, id, f, $error) {
  var $due = f.$due[1];
  var $status = f.$status[1];
  saveWhileTyping(f.$owner[1], function () {
    if (data().plan[id].owner !== f.$owner[1].value) change(id, { owner: f.$owner[1].value });
  });
  $due.addEventListener("change", function () {
    var value = $due.value.trim();
    // A browser without a date picker gives a text field: what is typed there is checked.
    if ((value && !Plan.validDate(value)) || (!value && $due.validity && $due.validity.badInput)) {
      $error.textContent = view.t.cl_err_date;
      return;
    }
    $error.textContent = "";
    change(id, { due: value });
  });
  $status.addEventListener("change", function () { change(id, { status: $status.value }); });
}

/**
 * One action: its statement, then owner, due date, status and Remove.
 * @param {View} view
 * @param {string} id
 * @returns {Row}
 */
function row(view, id) {
  var item = view.items[id];
  var $error = D.el("p", { className: "crm-cl__error", role: "alert" });
  var f = fields(view, id);
  wire(view, id, f, $error);
  var $li = D.el("li", { className: "crm-cl__action" }, [
    D.el("p", { className: "crm-cl__action-text", id: "crm-plan-text-" + id }, [
      item.text, D.el("span", { className: "crm-cl__pattern", textContent: item.group.title }),
    ]),
    D.el("div", { className: "crm-cl__action-fields" }, [
      D.el("span", { className: "crm-cl__field" }, f.$owner),
      D.el("span", { className: "crm-cl__field" }, f.$due),
      D.el("span", { className: "crm-cl__field" }, f.$status),
      D.button(view.t.cl_plan_remove, function () { remove(view, id); }, { className: "md-button crm-cl__remove", "aria-describedby": "crm-plan-text-" + id }),
    ]),
    $error,
  ]);
  return { $li: $li, $owner: f.$owner[1], $due: f.$due[1], $status: f.$status[1], $error: $error, shown: null };
}

/**
 * @param {HTMLInputElement|HTMLSelectElement} input
 * @param {string} value
 */
function fill(input, value) {
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

/**
 * The summary line: how many actions, how many done.
 * @param {View} view
 * @param {string[]} ids
 * @param {Plan.Plan} plan
 */
function summary(view, ids, plan) {
  var done = ids.filter(function (id) { return plan[id].status === "done"; }).length;
  return ids.length ? D.fmt(view, "cl_plan_summary", { n: ids.length, done: done }) : "";
}

/**
 * The plan as it is now: rows kept between renders, so typing is never interrupted.
 * @param {View} view
 */
export function render(view) {
  if (!view.$plan) return;
  var plan = data().plan;
  var ids = Plan.ordered(plan, view.ids);
  /** @type {Record<string, Row>} */
  var rows = (view.planRows = view.planRows || {});
  ids.forEach(function (id) {
    var r = rows[id] || (rows[id] = row(view, id));
    var entry = plan[id];
    if (r.shown === entry) return;
    r.shown = entry;
    fill(r.$owner, entry.owner);
    fill(r.$due, entry.due);
    fill(r.$status, entry.status);
    r.$li.classList.toggle("is-done", entry.status === "done");
  });
  var $list = /** @type {HTMLElement} */ (view.$planList);
  var key = ids.join();
  if (view.planKey !== key) {
    view.planKey = key;
    var $focus = $list.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement) : null;
    $list.replaceChildren.apply($list, ids.map(function (id) { return rows[id].$li; }));
    if ($focus && $focus.isConnected) $focus.focus();
    /** @type {HTMLElement} */ (view.$planEmpty).hidden = ids.length > 0;
  }
  D.text(/** @type {HTMLElement} */ (view.$planSummary), summary(view, ids, plan));
  renderMeta(view);
}

/** @param {View} view */
function renderMeta(view) {
  if (!view.$title || !view.$participants) return;
  var meta = data().meta;
  fill(view.$title, meta.title);
  fill(view.$participants, meta.participants);
}

/**
 * Wire the plan's part of a checklist (once, at setup), and the title and participants fields.
 * @param {View} view
 */
export function setup(view) {
  view.$plan = D.find(view.$root, "plan");
  if (!view.$plan) return;
  view.$planList = D.find(view.$plan, "planList");
  view.$planEmpty = D.find(view.$plan, "planEmpty");
  view.$planSummary = D.find(view.$plan, "planSummary");
  view.$title = D.find(view.$root, "metaTitle");
  view.$participants = D.find(view.$root, "metaParticipants");
  /** @type {[HTMLInputElement|null|undefined, "title"|"participants"][]} */
  var pairs = [[view.$title, "title"], [view.$participants, "participants"]];
  pairs.forEach(function (pair) {
    var name = pair[1];
    if (!pair[0]) return;
    var $input = pair[0];
    saveWhileTyping($input, function () {
      if (data().meta[name] === $input.value) return;
      /** @type {Partial<S.Meta>} */
      var fields = {};
      fields[name] = $input.value;
      app.store.commit(S.setMeta(data(), fields, app.store.now()));
    });
  });
}
