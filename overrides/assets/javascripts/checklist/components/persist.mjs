/**
 * Answers that survive the browser: asks for persistent storage after the first saved change,
 * says next to "saved in this browser" whether the browser may delete the answers on its own,
 * offers a one-click backup file (the JSON export, which the checklist's Import reads back) and
 * reminds the team, without blocking, when changes of a few days are in no backup yet.
 * Enhances every [data-crm-root] that has a [data-crm-persist] block (overrides/crm/checklist.html);
 * when to remind is model/backup.mjs.
 */

import * as D from "../browser/dom.mjs";
import { onWindow } from "../browser/lifecycle.mjs";
import { read, storage, write } from "../browser/storage.mjs";
import { BACKUP_KEY, KEY, backupName, backupRecord, lastChange, readBackup, reminder, statusKey } from "../model/backup.mjs";
import { toJSON } from "../model/formats.mjs";
import { parse } from "../model/state.mjs";

/**
 * @typedef {D.Texts & {$root: HTMLElement, $line: HTMLElement, $status: HTMLElement,
 *   $remind: HTMLElement, $backup: HTMLButtonElement}} View
 */

/** @type {View[]} */
var views = [];
var asked = false; // persist() is asked once per page view, after a saved change

/** What the checklist saved (parsed), or null. @param {Storage} $ls */
function stored($ls) {
  try {
    return JSON.parse(/** @type {string} */ ($ls.getItem(KEY)));
  } catch {
    return null;
  }
}

function manager() {
  var s = navigator.storage;
  return s && typeof s.persisted === "function" && typeof s.persist === "function" ? s : null;
}

/**
 * Whether the browser keeps this site's storage for good (false when it cannot say).
 * @returns {Promise<boolean>}
 */
function persisted() {
  var s = manager();
  if (!s) return Promise.resolve(false);
  try {
    return s.persisted().then(Boolean, function () { return false; });
  } catch {
    return Promise.resolve(false);
  }
}

/**
 * Ask once for persistent storage, unless it is granted already.
 * @returns {Promise<unknown>}
 */
function ask() {
  var s = manager();
  if (asked || !s) return Promise.resolve();
  asked = true;
  var granted = s;
  return persisted().then(function (yes) {
    if (yes) return;
    try {
      return granted.persist().then(null, function () {});
    } catch {
      return undefined;
    }
  });
}

/**
 * Say, in one checklist, what the browser does with the answers and whether to back up.
 * @param {View} view
 * @param {{yes: boolean, backupAt: number, any: boolean, due: ReturnType<typeof reminder>}} state
 */
function show(view, state) {
  // A reader who only browses has nothing to lose: nothing is said until there are answers.
  var text = D.fmt(view, statusKey(state.yes));
  // Japanese runs sentences on without a space.
  if (state.backupAt) text += (/^ja\b/.test(view.lang) ? "" : " ") + D.fmt(view, "cl_backup_last", { date: D.date(view, state.backupAt) });
  view.$status.textContent = state.any ? text : "";
  view.$line.hidden = !state.any;
  var due = state.due;
  if (due) view.$remind.textContent = D.fmt(view, due.never ? "cl_backup_remind_none" : "cl_backup_remind", { days: due.days });
  if (due || !("done" in view.$remind.dataset)) view.$remind.hidden = !due;
}

/** Show, in every checklist, what the browser does with the answers and whether to back up. */
function refresh() {
  var $ls = storage();
  // Storage refused: the checklist's own line says the answers will not be kept; add nothing.
  if (!$ls) return Promise.resolve();
  var data = stored($ls);
  var backupAt = readBackup($ls.getItem(BACKUP_KEY));
  var any = lastChange(data) > 0;
  var due = reminder(data, backupAt, Date.now());
  return persisted().then(function (yes) {
    views.forEach(function (view) { show(view, { yes: yes, backupAt: backupAt, any: any, due: due }); });
  });
}

/**
 * Save the answers as the JSON export (it imports back); the export event records when.
 * @param {View} view
 */
function backup(view) {
  var raw = read(KEY);
  if (raw === undefined) return;
  var parsed = parse(raw);
  if (!parsed.data) return;
  var now = Date.now();
  var name = backupName(now);
  D.download(name, "application/json", toJSON(parsed.data, "", now), "json");
  views.forEach(function (v) {
    v.$remind.textContent = D.fmt(v, "cl_backup_done", { file: name });
    v.$remind.dataset.done = "";
    v.$remind.hidden = false;
  });
  if (view.$backup.isConnected) view.$backup.focus();
}

/**
 * A JSON export or a backup was written: it holds every change so far.
 * @param {Event} event
 */
function onExported(event) {
  var detail = /** @type {CustomEvent} */ (event).detail;
  if (!detail || detail.format !== "json") return; // Markdown and CSV do not import
  if (write(BACKUP_KEY, backupRecord(Date.now()))) refresh();
}

/** The checklist saved a change: ask to keep storage (first time), then say where it stands. */
function onSaved() {
  if (!storage()) return;
  views.forEach(function (view) {
    // "Backup saved" no longer holds once the answers change again.
    if (!("done" in view.$remind.dataset)) return;
    delete view.$remind.dataset.done;
    view.$remind.hidden = true;
  });
  // Firefox asks the reader, and its promise waits for the answer: say where things stand now.
  refresh();
  ask().then(refresh);
}

/**
 * Set up one checklist's persistence block (none: nothing to do for this root).
 * @param {HTMLElement} $root
 * @returns {View|null}
 */
function setup($root) {
  var $box = D.find($root, "persist");
  if (!$box) return null;
  /** @type {View} */
  var view = {
    $root: $root,
    t: JSON.parse($root.dataset.crmStrings || "{}"),
    lang: document.documentElement.lang || "en",
    $line: D.find($box, "persistLine"),
    $status: D.find($box, "persistStatus"),
    $remind: D.find($box, "persistRemind"),
    $backup: D.find($box, "backup"),
  };
  view.$backup.addEventListener("click", function () { backup(view); });
  return view;
}

var wired = false;

function wire() {
  if (wired) return;
  wired = true;
  document.addEventListener("crm-checklist:saved", onSaved);
  document.addEventListener("crm-checklist:exported", onExported);
  onWindow("storage", function (event) {
    if (event.key === KEY || event.key === BACKUP_KEY) refresh();
  });
}

/** The persistence component (browser/lifecycle.mjs). */
export var component = { name: "persist", selector: "[data-crm-root]", start: setup };

/**
 * After the page's checklists started.
 * @param {(View|null)[]} fresh
 */
export function ready(fresh) {
  views = views.filter(function (view) { return view.$root.isConnected; });
  fresh.forEach(function (view) { if (view) views.push(view); });
  if (!views.length) return;
  refresh();
  wire();
}
