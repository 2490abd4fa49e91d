/**
 * Rounds in the page: the rounds dialog (save, compare, rename, delete with undo, start a new
 * round) and the trend in the results (an SVG chart, the table it stands for, and what improved
 * and slipped since the last round).
 */

import * as Dialog from "../browser/dialog.mjs";
import * as D from "../browser/dom.mjs";
import * as Rounds from "../model/rounds.mjs";
import { score } from "../model/score.mjs";
import * as S from "../model/state.mjs";
import { app, notify, replace } from "./app.mjs";
import { compare } from "./sharing.mjs";

/** @typedef {import("./app.mjs").View} View */
/** @typedef {import("../model/rounds.mjs").Round} Round */
/** @typedef {ReturnType<typeof Rounds.trend>} Trend */

function data() {
  return app.store.data;
}

/** @param {Round[]} rounds */
function setRounds(rounds) {
  app.store.commit(Object.assign({}, data(), { rounds: rounds }));
}

/**
 * One saved round in the dialog: its name, date and score, and what can be done with it.
 * @param {View} view
 * @param {Round} round
 * @param {number} index
 */
function roundRow(view, round, index) {
  var s = score(round.items, view.ids);
  var id = "crm-round-" + index;
  return D.el("li", {}, [
    D.el("span", { id: id, textContent: D.fmt(view, "cl_round_row", { name: round.name, date: D.date(view, round.date), done: s.done, total: s.total }) }),
    D.el("span", { className: "crm-cl__row-buttons" }, [
      D.button(view.t.cl_round_compare, function () { compare(view, round.name, view.t.cl_now, round.items, data().items); }, { "aria-describedby": id }),
      D.button(view.t.cl_round_rename, function () { rename(view, round); }, { "aria-describedby": id }),
      D.button(view.t.cl_round_delete, function () { remove(view, round); }, { "aria-describedby": id }),
    ]),
  ]);
}

/**
 * Save the current answers as a round named as typed (today's date when left empty).
 * @param {View} view
 * @param {HTMLInputElement} $name
 */
function saveRound(view, $name) {
  var name = $name.value.trim() || D.date(view);
  app.store.commit(S.snapshot(data(), name, app.store.now()));
  open(view);
  notify(D.fmt(view, "cl_round_saved", { name: name }));
}

/**
 * Save a round of today's answers and start the next one from an empty checklist (with undo).
 * @param {View} view
 */
function newRound(view) {
  Dialog.confirm(view, "cl_round_new", "cl_round_new_confirm", "cl_round_new", function () {
    var name = D.date(view);
    replace({}, D.fmt(view, "cl_round_started", { name: name }), null, S.snapshot(data(), name, app.store.now()));
  });
}

/**
 * The rounds dialog (the "rounds" action).
 * @param {View} view
 */
export function open(view) {
  var rounds = Rounds.visible(data().rounds).reverse();
  var $name = D.field(view, "cl_round_name", { type: "text", maxLength: S.LIMIT.name, value: D.date(view) });
  var $list = rounds.length
    ? D.el("ul", { className: "crm-cl__rounds" }, rounds.map(function (round, index) { return roundRow(view, round, index); }))
    : D.el("p", { textContent: view.t.cl_rounds_none });
  Dialog.open(view, view.t.cl_rounds_title, [
    D.el("p", { textContent: view.t.cl_rounds_intro }),
    D.el("p", { className: "crm-cl__field" }, /** @type {Node[]} */ ($name).concat([D.button(view.t.cl_round_save, function () { saveRound(view, $name[1]); })])),
    $list,
  ], [[view.t.cl_round_new, function () { newRound(view); }]]);
}

/**
 * @param {View} view
 * @param {Round} round
 * @param {boolean} [problem] ask again, saying a round needs a name
 */
function rename(view, round, problem) {
  var $name = D.field(view, "cl_round_new_name", { type: "text", maxLength: S.LIMIT.name, value: round.name, required: true });
  var $error = D.el("p", { className: "crm-cl__error", role: "alert", textContent: problem ? view.t.cl_err_round_name : "" });
  var save = function () {
    // A round needs a name: ask again, saying why, rather than keep an empty one.
    if (!$name[1].value.trim()) return rename(view, round, true);
    setRounds(Rounds.rename(data().rounds, round.id, $name[1].value, app.store.now()));
    notify(D.fmt(view, "cl_round_renamed", { name: $name[1].value.trim() }));
    open(view);
  };
  $name[1].addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      save();
    }
  });
  Dialog.open(view, D.fmt(view, "cl_round_rename_title", { name: round.name }), [D.el("p", { className: "crm-cl__field" }, $name), $error], [
    [view.t.cl_round_rename, save],
    [view.t.cl_back, function () { open(view); }],
  ], "cl_cancel");
  $name[1].focus();
}

/**
 * @param {View} view
 * @param {Round} round
 */
function remove(view, round) {
  Dialog.open(view, D.fmt(view, "cl_round_delete_title", { name: round.name }), [D.el("p", { textContent: view.t.cl_round_delete_confirm })], [
    [view.t.cl_round_delete, function () {
      setRounds(Rounds.remove(data().rounds, round.id, app.store.now()));
      notify(D.fmt(view, "cl_round_deleted", { name: round.name }), function () {
        setRounds(Rounds.restore(data().rounds, round.id, app.store.now()));
      });
    }],
  ], "cl_cancel");
}

/**
 * @param {View} view
 * @param {number|null} value
 */
function pct(view, value) {
  return value === null ? view.t.cl_trend_none : D.fmt(view, "cl_trend_pct", { n: value });
}

/**
 * The chart's frame: a scale of 0, 50 and 100 %, and the first and last columns' names.
 * @param {View} view
 * @param {SVGElement} $svg
 * @param {Trend} trend
 * @param {{x: (i: number) => number, y: (v: number) => number, left: number, right: number, h: number, columns: number}} g
 */
function frame(view, $svg, trend, g) {
  [0, 50, 100].forEach(function (v) {
    $svg.append(D.svg("line", { x1: g.left, x2: g.right, y1: g.y(v), y2: g.y(v), class: "crm-cl__grid" }));
    var $label = D.svg("text", { x: g.left - 6, y: g.y(v), "text-anchor": "end", "dominant-baseline": "central" });
    $label.textContent = v + "%";
    $svg.append($label);
  });
  var names = trend.rounds.map(function (round) { return round.name; }).concat([view.t.cl_trend_now]);
  [0, g.columns - 1].forEach(function (i, k) {
    if (k && g.columns === 1) return;
    var $label = D.svg("text", { x: g.x(i), y: g.h - 8, "text-anchor": g.columns === 1 ? "middle" : k ? "end" : "start" });
    $label.textContent = names[i].length > 24 ? names[i].slice(0, 23) + "…" : names[i];
    $svg.append($label);
  });
}

/**
 * One pattern's line, its points, and its number at the end.
 * @param {SVGElement} $svg
 * @param {{values: (number|null)[]}} row
 * @param {number} index
 * @param {{x: (i: number) => number, y: (v: number) => number}} g
 */
function line($svg, row, index, g) {
  /** @type {string[]} */
  var points = [];
  row.values.forEach(function (v, i) { if (v !== null) points.push(g.x(i) + "," + g.y(v)); });
  if (!points.length) return;
  var kind = "crm-cl__line crm-cl__line-" + (index % 5);
  $svg.append(D.svg("polyline", { points: points.join(" "), class: kind }));
  points.forEach(function (p) {
    var xy = p.split(",");
    $svg.append(D.svg("circle", { cx: xy[0], cy: xy[1], r: 4, class: kind }));
  });
  var last = points[points.length - 1].split(",");
  var $n = D.svg("text", { x: +last[0] + 8, y: +last[1] + (index % 2 ? 6 : -6), class: "crm-cl__line-label", "dominant-baseline": "central" });
  $n.textContent = String(index + 1);
  $svg.append($n);
}

/**
 * A line per pattern over the rounds and now; numbers at the ends name the lines.
 * @param {View} view
 * @param {Trend} trend
 */
function chart(view, trend) {
  var columns = trend.rounds.length + 1;
  var w = 600;
  var h = 200;
  var left = 58;
  var right = w - 24;
  var top = 12;
  var bottom = h - 28;
  var g = {
    x: function (/** @type {number} */ i) { return columns === 1 ? (left + right) / 2 : left + ((right - left) * i) / (columns - 1); },
    y: function (/** @type {number} */ v) { return bottom - ((bottom - top) * v) / 100; },
    left: left, right: right, h: h, columns: columns,
  };
  var $svg = D.svg("svg", { viewBox: "0 0 " + w + " " + h, class: "crm-cl__trend-svg", role: "img", "aria-labelledby": /** @type {string} */ (view.trendCaptionId) });
  frame(view, $svg, trend, g);
  trend.rows.forEach(function (row, index) { line($svg, row, index, g); });
  return $svg;
}

/**
 * The table the chart stands for.
 * @param {View} view
 * @param {Trend} trend
 */
function table(view, trend) {
  var head = [D.el("th", { scope: "col", textContent: view.t.cl_trend_pattern })].concat(
    trend.rounds.map(function (round) {
      return D.el("th", { scope: "col" }, [round.name, D.el("span", { className: "crm-cl__th-date", textContent: " (" + D.date(view, round.date) + ")" })]);
    }),
    [D.el("th", { scope: "col", textContent: view.t.cl_trend_now })]
  );
  var body = trend.rows.map(function (row, index) {
    return D.el("tr", {}, [D.el("th", { scope: "row", textContent: view.groups[index].title })].concat(
      row.values.map(function (v) { return D.el("td", { textContent: pct(view, v) }); })
    ));
  });
  return D.el("div", { className: "crm-cl__scroll" }, [
    D.el("table", { className: "crm-cl__trend-table" }, [
      D.el("caption", { textContent: view.t.cl_trend_table }),
      D.el("thead", {}, [D.el("tr", {}, head)]),
      D.el("tbody", {}, body),
    ]),
  ]);
}

/**
 * @param {View} view
 * @param {NonNullable<ReturnType<typeof Rounds.sinceLast>>} diff
 */
function since(view, diff) {
  /** @type {HTMLElement[]} */
  var nodes = [D.el("p", { className: "crm-cl__since", textContent: D.fmt(view, "cl_trend_since", { name: diff.round.name }) })];
  /** @type {("improved"|"slipped")[]} */ (["improved", "slipped"]).forEach(function (kind) {
    var ids = diff[kind];
    nodes.push(D.el("p", { className: "crm-cl__since-" + kind, textContent: D.fmt(view, "cl_trend_" + kind, { n: ids.length }) }));
    if (ids.length) nodes.push(D.el("ul", {}, ids.map(function (id) { return D.el("li", { textContent: view.items[id].text }); })));
  });
  return nodes;
}

/**
 * The trend in the results, rebuilt only when a round or a pattern's score changed.
 * @param {View} view
 */
export function render(view) {
  if (!view.$trend) return;
  var $body = /** @type {HTMLElement} */ (view.$trendBody);
  var trend = Rounds.trend(data().rounds, view.groups, data().items);
  var diff = Rounds.sinceLast(data().rounds, data().items, view.ids);
  var key = JSON.stringify([trend.rounds.map(function (r) { return [r.id, r.name, r.updated]; }), trend.rows, diff && [diff.improved, diff.slipped]]);
  if (view.trendKey === key) return;
  view.trendKey = key;
  view.$trend.hidden = !trend.rounds.length;
  if (!diff) return $body.replaceChildren();
  $body.replaceChildren.apply($body, [
    D.el("figure", { className: "crm-cl__trend" }, [chart(view, trend), D.el("figcaption", { id: view.trendCaptionId, textContent: view.t.cl_trend_caption })]),
    table(view, trend),
  ].concat(since(view, diff)));
}

/** @param {View} view */
export function setup(view) {
  view.$trend = D.find(view.$root, "trend");
  if (!view.$trend) return;
  view.$trendBody = D.find(view.$trend, "trendBody");
  view.trendCaptionId = "crm-trend-caption-" + view.$root.dataset.scope;
}
