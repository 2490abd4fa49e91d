/**
 * Sharing without a server: the share dialog (link and file exports), import, comparing two sets
 * of answers, combining members' files, and opening a share link.
 */

import * as Dialog from "../browser/dialog.mjs";
import * as D from "../browser/dom.mjs";
import { SHARE_FRAGMENT } from "../model/contract.mjs";
import * as F from "../model/formats.mjs";
import * as Score from "../model/score.mjs";
import * as Share from "../model/share.mjs";
import * as S from "../model/state.mjs";
import { app, notify, replace } from "./app.mjs";

/** @typedef {import("./app.mjs").View} View */
/** @typedef {"json"|"md"|"csv"|"ics"} Kind */
/**
 * Answers from elsewhere (a file or a share link), before they are loaded.
 * @typedef {{items: S.Items, plan: import("../model/plan.mjs").Plan|null, date: number,
 *   rounds?: S.Data["rounds"], meta?: S.Meta, combined?: S.Combined|null}} Incoming
 */
/** @typedef {S.ImportResult | {error: string, data?: undefined, name?: undefined}} FileResult */

var TYPES = { json: "application/json", md: "text/markdown", csv: "text/csv", ics: "text/calendar" };
var FORMATS = { md: F.toMarkdown, csv: F.toCSV, ics: F.toICS };

function data() {
  return app.store.data;
}

/**
 * Download the answers in one format (JSON: for import and combining; the others for people).
 * @param {View} view
 * @param {Kind} kind
 */
export function exportAs(view, kind) {
  var name = "crm-checklist-" + new Date().toISOString().slice(0, 10) + "." + kind;
  var now = Date.now();
  var text = kind === "json"
    ? F.toJSON(data(), app.store.name, now)
    : FORMATS[kind](data(), view.catalogue, view.t, { date: D.date(view), now: now });
  D.download(name, TYPES[kind], text, kind);
  notify(D.fmt(view, "cl_exported", { file: name }));
}

/**
 * The share link's field and its Copy button (the address is selected where copying fails).
 * @param {View} view
 * @param {string} url
 */
function linkField(view, url) {
  var $link = D.field(view, "cl_link_label", { type: "text", readOnly: true, value: url });
  var copy = D.button(view.t.cl_copy, function () {
    var done = function () { notify("cl_copied"); };
    var manual = function () { $link[1].select(); notify("cl_copy_manual"); };
    try {
      navigator.clipboard.writeText(url).then(done, manual);
    } catch {
      manual();
    }
  });
  return D.el("p", { className: "crm-cl__field" }, /** @type {Node[]} */ ($link).concat([copy]));
}

/**
 * The share dialog (the "share" action): who answers, the exports, and the share link.
 * @param {View} view
 */
export function share(view) {
  var link = Share.encode(data().items, data().plan, Date.now());
  var url = location.href.split("#")[0] + "#" + link.fragment;
  var $name = D.field(view, "cl_share_name", { type: "text", maxLength: S.LIMIT.name, value: app.store.name, oninput: function () { app.store.name = $name[1].value; } });
  // A calendar needs at least one event (RFC 5545): offered once an action has a due date.
  var dated = F.actions(data(), view.catalogue).some(function (action) { return action.due; });
  /** @type {Kind[]} */
  var kinds = ["json", "md", "csv"];
  if (dated) kinds.push("ics");
  Dialog.open(view, view.t.cl_share_title, [
    D.el("p", { className: "crm-cl__field" }, $name),
    D.el("h3", { textContent: view.t.cl_export_heading }),
    D.el("p", { className: "crm-cl__buttons" }, kinds.map(function (kind) {
      return D.button(view.t["cl_export_" + kind], function () { exportAs(view, kind); });
    })),
    linkField(view, url),
    D.el("p", { className: "crm-cl__hint", textContent: view.t[link.plan ? "cl_link_plan" : "cl_link_no_plan"] }),
  ]);
}

/**
 * What improved, slipped or changed scope between two sets of answers.
 * @param {View} view
 * @param {string} nameA
 * @param {string} nameB
 * @param {S.Items} before
 * @param {S.Items} after
 * @param {import("../browser/dialog.mjs").Action[]} [actions]
 */
export function compare(view, nameA, nameB, before, after, actions) {
  var diff = Score.compare(before, after, view.ids);
  /** @type {HTMLElement[]} */
  var body = [];
  /** @type {("improved"|"slipped"|"changed")[]} */ (["improved", "slipped", "changed"]).forEach(function (kind) {
    if (!diff[kind].length) return;
    body.push(D.el("h3", { textContent: D.aside(view, view.t["cl_" + kind], diff[kind].length) }));
    body.push(D.el("ul", { className: "crm-cl__" + kind }, diff[kind].map(function (id) {
      return D.el("li", { textContent: view.items[id].text });
    })));
  });
  if (!body.length) body.push(D.el("p", { textContent: view.t.cl_no_change }));
  Dialog.open(view, D.fmt(view, "cl_compare_title", { a: nameA, b: nameB }), body, actions);
}

/**
 * Ask what to do with answers from a file or a share link: replace (with undo) or compare.
 * @param {View} view
 * @param {string} source
 * @param {Incoming} imported
 */
function incoming(view, source, imported) {
  var s = Score.score(imported.items, view.ids);
  var load = function () {
    // The file's rounds, title and combination join ours; its answers and plan replace ours.
    var base = S.merge(data(), {
      items: {}, plan: {}, rounds: imported.rounds || [], meta: imported.meta || null, combined: imported.combined || null,
    });
    replace(imported.items, "cl_loaded", imported.plan, base);
  };
  var text = D.fmt(view, "cl_incoming_text", { source: source, date: D.date(view, imported.date), done: s.done, na: s.na });
  Dialog.open(view, view.t.cl_incoming_title, [D.el("p", { textContent: text })], [
    [view.t.cl_load, load],
    [view.t.cl_compare, function () {
      compare(view, view.t.cl_now, source, data().items, imported.items, [[view.t.cl_load, load]]);
    }],
  ], "cl_cancel");
}

/**
 * Read a chosen file as text, refusing huge ones before reading them.
 * @param {File} file
 * @returns {Promise<FileResult>}
 */
function readFile(file) {
  if (file.size > S.LIMIT.file) return Promise.resolve({ error: "huge" });
  return file.text().then(S.readImport, function () { return { error: "read" }; });
}

/**
 * @param {View} view
 * @param {string} name
 * @param {string} error
 */
function fileError(view, name, error) {
  return D.fmt(view, "cl_err_file", { file: name, error: view.t["cl_err_" + error] });
}

/**
 * The import dialog (the "import" action): one file, then the question of incoming().
 * @param {View} view
 */
export function importDialog(view) {
  var $error = D.el("p", { className: "crm-cl__error", role: "alert" });
  var $file = D.field(view, "cl_import_file", { type: "file", accept: ".json,application/json", onchange: function () {
    var file = $file[1].files && $file[1].files[0];
    if (!file) return;
    var chosen = file;
    readFile(chosen).then(function (result) {
      if (result.error || !result.data) return void ($error.textContent = fileError(view, chosen.name, result.error || "shape"));
      var d = result.data;
      incoming(view, result.name || chosen.name, { items: d.items, plan: result.hasPlan ? d.plan : null, rounds: d.rounds, meta: d.meta, combined: d.combined, date: chosen.lastModified });
    });
  } });
  Dialog.open(view, view.t.cl_import_title, [D.el("p", { textContent: view.t.cl_import_intro }), D.el("p", { className: "crm-cl__field" }, $file), $error]);
}

/**
 * The combined table: per item, how many chose each answer, disagreements marked.
 * @param {View} view
 * @param {ReturnType<typeof Score.combine>} rows
 */
function combinedTable(view, rows) {
  var head = ["cl_col_item", "cl_state_done", "cl_state_open", "cl_state_na", "cl_split"].map(function (key) {
    return D.el("th", { scope: "col", textContent: view.t[key] });
  });
  var $table = D.el("table", { className: "crm-cl__combined" }, [D.el("tr", {}, head)]);
  view.ids.forEach(function (id) {
    var row = rows[id];
    $table.append(D.el("tr", {}, [D.el("th", { scope: "row", textContent: view.items[id].text })].concat(
      [row.done, row.open, row.na, row.split ? view.t.cl_split : ""].map(function (value) { return D.el("td", { textContent: value }); })
    )));
  });
  return D.el("div", { className: "crm-cl__scroll" }, [$table]);
}

/**
 * The team's answers side by side, kept for the report: who took part and where they disagree.
 * @param {View} view
 * @param {HTMLElement} $result
 * @param {File[]} files
 * @param {FileResult[]} results
 */
function showCombined(view, $result, files, results) {
  /** @type {string[]} */
  var names = [];
  /** @type {S.Items[]} */
  var maps = [];
  /** @type {HTMLElement[]} */
  var nodes = [];
  results.forEach(function (result, index) {
    if (result.error || !result.data) {
      nodes.push(D.el("p", { className: "crm-cl__error", textContent: fileError(view, files[index].name, result.error || "shape") }));
      return;
    }
    names.push(result.name || files[index].name);
    maps.push(result.data.items);
  });
  var rows = Score.combine(maps, view.ids);
  var split = view.ids.filter(function (id) { return rows[id].split; });
  nodes.push(D.el("p", { textContent: D.fmt(view, "cl_combine_summary", { n: maps.length, names: D.list(view, names) }) }));
  if (maps.length) {
    nodes.push(D.el("p", { textContent: D.fmt(view, "cl_combine_splits", { n: split.length }) }));
    nodes.push(combinedTable(view, rows));
    app.store.commit(S.setCombined(data(), names, split, app.store.now()));
  }
  $result.replaceChildren.apply($result, nodes);
}

/**
 * The combine dialog (the "combine" action): several members' files at once.
 * @param {View} view
 */
export function combineDialog(view) {
  var $result = D.el("div", { role: "status" });
  var $files = D.field(view, "cl_combine_files", { type: "file", multiple: true, accept: ".json,application/json", onchange: function () {
    var files = Array.prototype.slice.call($files[1].files || []);
    Promise.all(files.map(readFile)).then(function (results) {
      showCombined(view, $result, files, results);
    });
  } });
  Dialog.open(view, view.t.cl_combine_title, [D.el("p", { textContent: view.t.cl_combine_intro }), D.el("p", { className: "crm-cl__field" }, $files), $result]);
}

/** A share link (`#cl=…`) in the address: ask before using it, then drop it from the address. */
export function checkLink() {
  var views = app.views;
  var view = views.filter(function (v) { return v.all; })[0] || views[0];
  if (!view || location.hash.indexOf(SHARE_FRAGMENT) !== 0) return;
  var shared = Share.decode(location.hash);
  history.replaceState(history.state, "", location.href.split("#")[0]);
  if (shared.error || !shared.items) return notify({ future: "cl_err_future", date: "cl_err_link_date" }[/** @type {string} */ (shared.error)] || "cl_err_link");
  incoming(view, view.t.cl_source_link, { items: shared.items, plan: shared.plan, date: shared.date });
}
