/**
 * Risk per pattern as horizontal bars, drawn here (no chart library), for the checklist's
 * results and the report: one row per pattern, its label carrying the words, so the chart reads
 * without its colours. Redrawn in place: a tick changes one bar's width and label, not the chart.
 */

import * as D from "../browser/dom.mjs";

var WIDTH = 600;
var ROW = 56;

/** @typedef {{id: string, title: string, s: import("../model/score.mjs").Score}} ChartRow */
/** @typedef {{$text: SVGElement, $bar: SVGElement, label: string|null}} Bar */
/** @typedef {{order: string, $svg: SVGElement, bars: Record<string, Bar>}} Chart */

/**
 * A new chart for `rows` (in the order shown).
 * @param {ChartRow[]} rows
 * @returns {Chart}
 */
function build(rows) {
  var $svg = D.svg("svg", { viewBox: "0 0 " + WIDTH + " " + rows.length * ROW, class: "crm-cl__svg", role: "img" });
  /** @type {Record<string, Bar>} */
  var bars = {};
  rows.forEach(function (row, index) {
    var y = index * ROW;
    var bar = { $text: D.svg("text", { x: 0, y: y + 18 }), $bar: D.svg("rect", { x: 0, y: y + 26, width: 0, height: 18, rx: 4 }), label: null };
    bars[row.id] = bar;
    $svg.append(bar.$text, D.svg("rect", { x: 0, y: y + 26, width: WIDTH, height: 18, rx: 4, class: "crm-cl__track" }), bar.$bar);
  });
  return { order: rows.map(function (row) { return row.id; }).join(), $svg: $svg, bars: bars };
}

/**
 * Show `rows` in `$chart`, reusing `chart` (what the last call returned) when the patterns'
 * order is the same; returns what to pass next time.
 * @param {import("../browser/dom.mjs").Texts} view
 * @param {HTMLElement} $chart
 * @param {Chart|null|undefined} chart
 * @param {ChartRow[]} rows
 * @returns {Chart}
 */
export function draw(view, $chart, chart, rows) {
  var order = rows.map(function (row) { return row.id; }).join();
  if (!chart || chart.order !== order) {
    chart = build(rows);
    $chart.replaceChildren(chart.$svg);
  }
  var bars = chart.bars;
  var changed = false;
  var labels = rows.map(function (row) {
    var s = row.s;
    var bar = bars[row.id];
    var label = D.fmt(view, "cl_chart_row", { title: row.title, level: view.t["cl_level_" + s.level], open: s.open, total: s.total });
    if (bar.label !== label) {
      bar.label = label;
      changed = true;
      bar.$text.textContent = label;
      bar.$bar.setAttribute("width", String(s.open ? (WIDTH * s.open) / s.total : 0));
      bar.$bar.setAttribute("class", "crm-cl__bar-" + s.level);
    }
    return label;
  });
  if (changed) chart.$svg.setAttribute("aria-label", D.labelled(view, view.t.cl_chart_title, labels.join("; ")));
  return chart;
}
