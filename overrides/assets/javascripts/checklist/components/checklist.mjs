/**
 * The interactive checklist: enhances a [data-crm-root] (overrides/crm/checklist.html) with
 * storage, scores, the action plan, rounds and sharing, each in its own module of this folder.
 * Texts come from the page's strings ([data-crm-strings]), the statements from its catalogue
 * ([data-crm-catalogue]); the markup gives only the elements to enhance.
 */

import * as Dialog from "../browser/dialog.mjs";
import * as D from "../browser/dom.mjs";
import { onWindow } from "../browser/lifecycle.mjs";
import { KEY } from "../model/contract.mjs";
import { app, change, notify, replace, undo } from "./app.mjs";
import * as PlanView from "./plan-view.mjs";
import { entryOf, render, toggleNote } from "./render.mjs";
import * as RoundsView from "./rounds-view.mjs";
import * as Sharing from "./sharing.mjs";

/** @typedef {import("./app.mjs").View} View */
/** @typedef {import("./app.mjs").GroupView} GroupView */

var LARGE = 200; // statements from which the page renders only what is on screen (checklist.css)

/** @type {Record<string, (view: View) => void>} */
var ACTIONS = {
  rounds: RoundsView.open,
  plan: PlanView.propose,
  share: Sharing.share,
  import: Sharing.importDialog,
  combine: Sharing.combineDialog,
  print: function () {
    printDate();
    window.print();
  },
  reset: function (view) {
    Dialog.confirm(view, "cl_reset_title", "cl_reset_confirm", "cl_reset", function () { replace({}, "cl_reset_done"); });
  },
};

function renderAll() {
  app.views.forEach(function (view) { render(view, app.store); });
}

/** Tell screen readers the new progress once the ticking pauses, not on every tick. @param {View} view */
function announceLater(view) {
  clearTimeout(view.liveTimer);
  view.liveTimer = setTimeout(function () {
    view.$live.textContent = view.$progress.textContent + ". " + view.$verdict.textContent;
  }, 1500);
}

/** The date on a printout (also for the browser's own print command). */
function printDate() {
  app.views.forEach(function (view) { view.$printed.textContent = D.fmt(view, "cl_printed", { date: D.date(view) }); });
}

/**
 * @param {string} id
 * @param {{state?: string, note?: string}} value
 */
function single(id, value) {
  /** @type {Record<string, {state?: string, note?: string}>} */
  var changes = {};
  changes[id] = value;
  return changes;
}

/**
 * @param {View} view
 * @param {HTMLTextAreaElement} $input
 * @param {string} id
 */
function saveNote(view, $input, id) {
  clearTimeout(view.noteTimer);
  if (entryOf(app.store.data.items, id).note !== $input.value) change(single(id, { note: $input.value }));
}

/**
 * @param {View} view
 * @param {HTMLInputElement|HTMLTextAreaElement} $input
 */
function onChange(view, $input) {
  var $li = /** @type {HTMLElement|null} */ ($input.closest("li[data-item]"));
  if (!$li) return;
  var id = /** @type {string} */ ($li.dataset.item);
  var checked = /** @type {HTMLInputElement} */ ($input).checked;
  if ($input.matches(".crm-checklist__box")) change(single(id, { state: checked ? "done" : "open" }));
  else if ($input.matches("[data-crm-na]")) change(single(id, { state: checked ? "na" : "open" }));
  else if ($input.matches("[data-crm-note]")) saveNote(view, /** @type {HTMLTextAreaElement} */ ($input), id);
}

/**
 * Notes save while typing, but not on every key stroke.
 * @param {View} view
 * @param {HTMLTextAreaElement} $input
 */
function onNoteInput(view, $input) {
  if (!$input.matches("[data-crm-note]")) return;
  clearTimeout(view.noteTimer);
  view.noteTimer = setTimeout(function () {
    saveNote(view, $input, /** @type {string} */ (/** @type {HTMLElement} */ ($input.closest("li")).dataset.item));
  }, 400);
}

/**
 * The page's patterns and statements, in its language ([data-crm-catalogue], written by the
 * template from the dataset): what exports and every list of statements show.
 * @param {HTMLElement} $root
 * @returns {import("../model/formats.mjs").Catalogue}
 */
function catalogue($root) {
  var json = $root.dataset.crmCatalogue;
  if (!json) throw new Error("no [data-crm-catalogue] on the checklist");
  return JSON.parse(json);
}

/**
 * Patterns and statements: the elements from the markup, the words from the catalogue.
 * @param {View} view
 * @param {HTMLFormElement} $form
 */
function readGroups(view, $form) {
  /** @type {Record<string, import("../model/formats.mjs").Statement>} */
  var words = {};
  view.catalogue.forEach(function (group) { group.items.forEach(function (item) { words[item.id] = item; }); });
  /** @type {Record<string, HTMLElement>} */
  var legends = {};
  view.$root.querySelectorAll(".crm-cycle__legend li[data-pattern]").forEach(function ($li) {
    legends[/** @type {string} */ (/** @type {HTMLElement} */ ($li).dataset.pattern)] = /** @type {HTMLElement} */ ($li);
  });
  $form.querySelectorAll("fieldset[data-pattern]").forEach(function (node) {
    var $group = /** @type {HTMLElement} */ (node);
    var id = /** @type {string} */ ($group.dataset.pattern);
    /** @type {GroupView} */
    var group = {
      id: id, title: /** @type {string} */ ($group.dataset.title), step: /** @type {string} */ ($group.dataset.step),
      stepOrder: +($group.dataset.stepOrder || 0) || 0, $score: D.find($group, "score"), ids: [],
      $legend: legends[id] || null, // looked up once: searching a big page on every tick is slow
    };
    $group.querySelectorAll("li[data-item]").forEach(function (li) {
      var $li = /** @type {HTMLLIElement} */ (li);
      var item = /** @type {string} */ ($li.dataset.item);
      var said = words[item];
      if (!said) throw new Error("statement " + item + " is not in the checklist's catalogue");
      view.items[item] = {
        $li: $li, $box: D.find($li, "box"), $na: D.find($li, "na"), $note: D.find($li, "note"),
        $toggle: D.find($li, "noteToggle"), $print: D.find($li, "notePrint"), $measure: D.find($li, "measure"), group: group,
        text: said.text, measure: said.measure,
      };
      group.ids.push(item);
      view.ids.push(item);
    });
    view.groups.push(group);
  });
}

/**
 * The form's and the tools' events.
 * @param {View} view
 * @param {HTMLFormElement} $form
 */
function listen(view, $form) {
  $form.addEventListener("change", function (event) { onChange(view, /** @type {HTMLInputElement} */ (event.target)); });
  $form.addEventListener("input", function (event) { onNoteInput(view, /** @type {HTMLTextAreaElement} */ (event.target)); });
  $form.addEventListener("click", function (event) {
    var $toggle = /** @type {Element} */ (event.target);
    var open = $toggle.getAttribute("aria-expanded") !== "true";
    if ($toggle.matches("[data-crm-note-toggle]")) toggleNote($toggle, open, open);
  });
  $form.addEventListener("submit", function (event) { event.preventDefault(); });
  view.$root.addEventListener("click", function (event) {
    var $button = /** @type {HTMLElement|null} */ (/** @type {Element} */ (event.target).closest("[data-crm-action]"));
    if ($button) ACTIONS[/** @type {string} */ ($button.dataset.crmAction)](view);
  });
  view.$undo.addEventListener("click", undo);
}

var PARTS = ["saved", "savedAt", "meter", "progress", "notice", "undo", "printed", "verdict", "chart", "next", "live", "dialog", "dialogTitle", "dialogBody", "dialogActions"];

/**
 * Read a checklist's structure from its markup and wire its events. Throws when the markup
 * lacks what the checklist needs: the root then stays the plain form (lifecycle.mjs).
 * @param {HTMLElement} $root
 * @returns {View}
 */
function setup($root) {
  var $form = /** @type {HTMLFormElement} */ ($root.querySelector("[data-crm-checklist]"));
  /** @type {Record<string, any>} */
  var parts = {};
  PARTS.forEach(function (name) { parts["$" + name] = D.find($root, name); });
  var view = /** @type {View} */ (/** @type {unknown} */ (Object.assign(parts, {
    $root: $root,
    lang: $form.dataset.lang || document.documentElement.lang,
    t: JSON.parse(/** @type {string} */ ($root.dataset.crmStrings)),
    all: $root.dataset.scope === "all",
    catalogue: catalogue($root),
    groups: [],
    items: {},
    ids: [],
  })));
  readGroups(view, $form);
  listen(view, $form);
  Dialog.setup(view);
  PlanView.setup(view);
  RoundsView.setup(view);
  view.$nodes = $root.querySelectorAll(".crm-cycle__node[data-step]");
  $root.classList.toggle("crm-cl--large", view.ids.length > LARGE);
  $root.querySelectorAll("[data-crm-js]").forEach(function ($el) { /** @type {HTMLElement} */ ($el).hidden = false; });
  $root.dataset.crmReady = "";
  return view;
}

/**
 * Boxes a reader ticked in the plain form before this code arrived: answers to keep, not
 * to overwrite with the stored ones (null if none).
 * @param {View[]} views
 */
function earlyTicks(views) {
  /** @type {Record<string, {state: string}>|null} */
  var changes = null;
  views.forEach(function (view) {
    view.ids.forEach(function (id) {
      var $box = view.items[id].$box;
      if (!$box.checked || $box.defaultChecked) return;
      if (entryOf(app.store.data.items, id).state === "done") return;
      changes = changes || {};
      changes[id] = { state: "done" };
    });
  });
  return changes;
}

/**
 * Show what the store holds, in every checklist of the page; after a commit, when it was saved.
 * @param {import("../browser/store.mjs").Change} change
 */
function onStoreChange(change) {
  renderAll();
  if (change.saved === undefined) return;
  app.views.forEach(function (view) {
    var time = new Date().toLocaleTimeString(view.lang, { hour: "2-digit", minute: "2-digit" });
    view.$savedAt.textContent = change.saved ? D.fmt(view, "cl_saved_at", { time: time }) : "";
    announceLater(view);
  });
}

var wired = false;

/** The store and window events, once per script run (instant navigation keeps them). */
function wire() {
  if (wired) return;
  wired = true;
  app.store.subscribe(onStoreChange);
  onWindow("storage", function (event) {
    if (event.key === KEY && event.newValue) app.store.take(event.newValue);
  });
  // Back/forward cache: the page may show answers older than the storage.
  onWindow("pageshow", function () {
    app.store.load();
    renderAll();
  });
  onWindow("hashchange", Sharing.checkLink);
  onWindow("beforeprint", printDate);
}

/**
 * The checklist component (browser/lifecycle.mjs): `start` sets one root up, `ready` runs once
 * the page's roots are set up, with the views that are new.
 */
export var component = {
  name: "checklist",
  selector: "[data-crm-root]",
  start: setup,
  /** A checklist that failed says so at its top; its plain form stays usable and printable. */
  notice: function (/** @type {HTMLElement} */ $root) {
    var strings = JSON.parse($root.dataset.crmStrings || "{}");
    var $notice = D.el("p", { className: "crm-cl__failed", role: "status", textContent: strings.cl_err_script || "", hidden: true });
    $root.prepend($notice);
    return $notice;
  },
};

/**
 * After the page's checklists started: take the store in, keep early ticks, show it all.
 * @param {View[]} fresh the checklists started on this page
 */
export function ready(fresh) {
  app.views = app.views.filter(function (view) { return view.$root.isConnected; }).concat(fresh);
  if (!app.views.length) return;
  wire();
  app.store.load();
  var early = earlyTicks(fresh);
  if (early) change(early);
  else renderAll();
  if (app.pending) notify(app.pending);
  Sharing.checkLink();
}
