/**
 * The report page (overrides/crm/report.html): the checklist answers saved in this browser, laid
 * out for a steering meeting. Read-only: it reads storage through CrmChecklistState.parse and
 * never writes. Scores come from CrmChecklistState.score, the plan's order from
 * CrmChecklistFormats.actions, texts from the page's strings; data is shown with textContent only.
 * Browser: window.CrmChecklistReport; Node: module.exports (summarize, for tests/js/).
 */
(function (root) {
  "use strict";

  var D = root.CrmChecklistDom; // the page's DOM helpers (dom.js); absent under Node
  var RANK = { high: 0, mid: 1, low: 2, none: 3 };
  var OPEN = { state: "open", note: "" };

  function own(map, id) {
    return map && Object.prototype.hasOwnProperty.call(map, id) ? map[id] : undefined;
  }

  function ids(pattern) {
    return pattern.items.map(function (item) { return item.id; });
  }

  function latest(values) {
    return values.reduce(function (max, value) { return typeof value === "number" && value > max ? value : max; }, 0);
  }

  /** Did the current answers stay as they were when `round` was saved? */
  function same(round, items, all) {
    return all.every(function (id) {
      var a = own(round.items, id) || OPEN;
      var b = own(items, id) || OPEN;
      return a.state === b.state && (a.note || "") === (b.note || "");
    });
  }

  /**
   * What the report shows, from normalized data (version 2; version-1 data has no plan, meta or
   * combined, which read as empty) and the page's catalogue ({steps, patterns}).
   * `S`: CrmChecklistState (score), `F`: CrmChecklistFormats (actions).
   */
  function summarize(data, catalogue, S, F) {
    var items = data.items || {};
    var meta = data.meta || {};
    var plan = data.plan || {};
    var all = [];
    var where = {};
    catalogue.patterns.forEach(function (pattern) {
      pattern.items.forEach(function (item) {
        all.push(item.id);
        where[item.id] = { item: item, pattern: pattern };
      });
    });
    var rows = catalogue.patterns.map(function (pattern) { return { pattern: pattern, s: S.score(items, ids(pattern)) }; });
    // Riskiest first, then dataset order (sort is stable), as the checklist's results do.
    var ranked = rows.slice().sort(function (a, b) { return RANK[a.s.level] - RANK[b.s.level]; });
    var steps = catalogue.steps.map(function (step) {
      var here = rows.filter(function (row) { return row.pattern.step === step.id && (row.s.level === "high" || row.s.level === "mid"); });
      var high = here.some(function (row) { return row.s.level === "high"; });
      return { step: step, level: high ? "high" : "mid", patterns: here.map(function (row) { return row.pattern; }) };
    }).filter(function (step) { return step.patterns.length; });
    var actions = F.actions(data, catalogue.patterns);
    var notes = all.filter(function (id) { return (own(items, id) || OPEN).note; }).map(function (id) {
      return { item: where[id].item, pattern: where[id].pattern, state: items[id].state, note: items[id].note };
    });
    var combined = data.combined && Array.isArray(data.combined.members) ? data.combined : null;
    var split = combined && Array.isArray(combined.split)
      ? combined.split.filter(function (id) { return own(where, id); }).map(function (id) { return where[id]; })
      : [];
    var rounds = (data.rounds || []).filter(function (round) { return !round.deleted; });
    var round = rounds.reduce(function (last, r) { return !last || r.date >= last.date ? r : last; }, null);
    var answered = all.some(function (id) {
      var entry = own(items, id) || OPEN;
      return entry.state !== "open" || entry.note;
    });
    var changed = latest(all.map(function (id) { return (own(items, id) || {}).updated; })
      .concat(Object.keys(plan).map(function (id) { return plan[id] && plan[id].updated; }), [meta.updated]));
    var matched = round && same(round, items, all);
    return {
      empty: !answered && !actions.length && !combined,
      title: typeof meta.title === "string" ? meta.title : "",
      participants: (typeof meta.participants === "string" && meta.participants) || (combined ? combined.members.join(", ") : ""),
      round: round, roundMatches: !!matched,
      date: matched ? round.date : changed,
      rows: rows, ranked: ranked, total: S.score(items, all), steps: steps,
      actions: actions, notes: notes, combined: combined, split: split,
    };
  }

  // ----- The page (browser only below)

  function find($in, name) {
    return $in.querySelector("[data-crm-report-" + name + "]");
  }

  function longDate(view, time) {
    return new Date(time || Date.now()).toLocaleDateString(view.lang, { year: "numeric", month: "long", day: "numeric" });
  }

  /** A due date "YYYY-MM-DD" in the page's language (a calendar day: no time zone shift). */
  function dueDate(view, due) {
    if (!due) return view.t.cl_report_no_date;
    var p = due.split("-");
    return new Date(+p[0], +p[1] - 1, +p[2]).toLocaleDateString(view.lang, { year: "numeric", month: "short", day: "numeric" });
  }

  function level(view, key) {
    return view.t["cl_level_" + key];
  }

  /** Read what this browser saved; never writes, never throws. */
  function read(S) {
    var raw;
    try {
      raw = window.localStorage.getItem(S.KEY); // the getter itself throws where storage is refused
    } catch (e) {
      return { problem: "cl_report_unavailable" };
    }
    if (raw === null) return { problem: "cl_report_empty" };
    var result = S.parse(raw);
    if (!result.data) return { problem: result.error === "future" ? "cl_report_future" : "cl_report_garbage" };
    return { data: result.data };
  }

  function renderMeta(view, r) {
    var round = view.t.cl_report_round_current;
    if (r.round) round = r.roundMatches ? r.round.name : D.fmt(view, "cl_report_round_changed", { name: r.round.name, date: longDate(view, r.round.date) });
    var rows = [
      ["cl_report_project", r.title],
      ["cl_report_date", longDate(view, r.date)],
      ["cl_report_round", round],
      ["cl_report_participants", r.participants],
    ];
    view.$meta.replaceChildren.apply(view.$meta, rows.filter(function (row) { return row[0] !== "cl_report_project" || row[1]; }).map(function (row) {
      return D.el("div", {}, [D.el("dt", { textContent: view.t[row[0]] }), D.el("dd", { textContent: row[1] || view.t.cl_report_not_recorded })]);
    }));
  }

  function renderPlan(view, r) {
    if (!r.actions.length) return view.$plan.replaceChildren(D.el("p", { textContent: view.t.cl_report_plan_none }));
    var head = ["cl_report_col_action", "cl_report_col_owner", "cl_report_col_due", "cl_report_col_status"].map(function (key) {
      return D.el("th", { scope: "col", textContent: view.t[key] });
    });
    // On a phone each row is stacked as a card (report.css), each cell labelled by data-label.
    // The explicit roles keep it a table for screen readers that drop a restyled table's role.
    var cell = function (key, props, children) {
      return D.el("td", Object.assign({ role: "cell", "data-label": view.t[key] }, props), children);
    };
    var body = r.actions.map(function (action) {
      return D.el("tr", { className: "is-" + action.status, role: "row" }, [
        cell("cl_report_col_action", {}, [D.el("span", { className: "crm-report__action", textContent: action.text }), D.el("span", { className: "crm-report__pattern", textContent: action.group })]),
        cell("cl_report_col_owner", { textContent: action.owner || view.t.cl_report_not_recorded }),
        cell("cl_report_col_due", { className: "crm-report__due", textContent: dueDate(view, action.due) }),
        cell("cl_report_col_status", { className: "crm-report__status", textContent: view.t["cl_plan_status_" + action.status] }),
      ]);
    });
    head.forEach(function ($th) { $th.setAttribute("role", "columnheader"); });
    view.$plan.replaceChildren(D.el("table", { className: "crm-report__table crm-report__plan", role: "table" }, [
      D.el("thead", { role: "rowgroup" }, [D.el("tr", { role: "row" }, head)]), D.el("tbody", { role: "rowgroup" }, body),
    ]));
  }

  /** The overall verdict, as the checklist words it. */
  function verdict(view, r) {
    var high = r.rows.filter(function (row) { return row.s.level === "high"; });
    var mid = r.rows.filter(function (row) { return row.s.level === "mid"; });
    if (high.length) {
      var worst = high.reduce(function (a, b) { return b.s.done / b.s.total < a.s.done / a.s.total ? b : a; });
      return D.fmt(view, "cl_overall_high", { n: high.length, pattern: worst.pattern.title });
    }
    return mid.length ? D.fmt(view, "cl_overall_mid", { n: mid.length }) : view.t.cl_overall_low;
  }

  /** Risk per pattern as horizontal bars (the checklist's chart); the table below is its text. */
  function drawChart(view, r) {
    var width = 600;
    var $svg = D.svg("svg", { viewBox: "0 0 " + width + " " + r.ranked.length * 56, class: "crm-cl__svg", role: "img" });
    var labels = r.ranked.map(function (row, index) {
      var s = row.s;
      var y = index * 56;
      var label = D.fmt(view, "cl_chart_row", { title: row.pattern.title, level: level(view, s.level), open: s.open, total: s.total });
      var $text = D.svg("text", { x: 0, y: y + 18 });
      $text.textContent = label;
      $svg.append($text, D.svg("rect", { x: 0, y: y + 26, width: width, height: 18, rx: 4, class: "crm-cl__track" }));
      if (s.open) $svg.append(D.svg("rect", { x: 0, y: y + 26, width: (width * s.open) / s.total, height: 18, rx: 4, class: "crm-cl__bar-" + s.level }));
      return label;
    });
    $svg.setAttribute("aria-label", D.fmt(view, "cl_labelled", { label: view.t.cl_chart_title, value: labels.join("; ") }));
    view.$chart.replaceChildren($svg);
  }

  function renderRisk(view, r) {
    view.$verdict.textContent = verdict(view, r);
    drawChart(view, r);
    view.$verdicts.replaceChildren.apply(view.$verdicts, r.ranked.map(function (row) {
      var s = row.s;
      return D.el("tr", {}, [
        D.el("th", { scope: "row", textContent: row.pattern.title }),
        D.el("td", {}, [D.el("span", { className: "crm-report__level", "data-level": s.level, textContent: level(view, s.level) })]),
        D.el("td", { textContent: D.fmt(view, s.na ? "cl_report_score_na" : "cl_report_score", s) }),
      ]);
    }));
  }

  /** The steps at risk in words, and marked on the diagram in shape, not colour alone. */
  function renderSteps(view, r) {
    var risk = {};
    view.$steps.replaceChildren.apply(view.$steps, r.steps.length ? r.steps.map(function (step) {
      risk[step.step.id] = step.level;
      return D.el("li", { "data-level": step.level, textContent: D.fmt(view, "cl_report_step_row", {
        step: step.step.label, level: level(view, step.level),
        patterns: step.patterns.map(function (p) { return p.title; }).join(", "),
      }) });
    }) : [D.el("li", { textContent: view.t.cl_report_steps_none })]);
    view.$root.querySelectorAll(".crm-cycle__node[data-step]").forEach(function ($node) {
      D.markStep($node, risk[$node.dataset.step] || "");
    });
    r.rows.forEach(function (row) {
      var $legend = view.$root.querySelector(".crm-cycle__legend li[data-pattern='" + row.pattern.id + "']");
      if (!$legend) return;
      var $tag = $legend.querySelector(".crm-cl__risk") || $legend.appendChild(D.el("strong", { className: "crm-cl__risk" }));
      $tag.textContent = D.fmt(view, "cl_aside", { label: "", text: level(view, row.s.level) });
    });
  }

  /** A statement and, below it, its pattern (and more, e.g. the answer). */
  function statement(where, more) {
    return [
      D.el("span", { className: "crm-report__action", textContent: where.item.text }),
      D.el("span", { className: "crm-report__pattern", textContent: [where.pattern.title].concat(more || []).join(" · ") }),
    ];
  }

  function renderCombined(view, r) {
    view.$combined.hidden = !r.combined;
    if (!r.combined) return;
    find(view.$root, "combined-intro").textContent = D.fmt(view, "cl_report_combined_intro", {
      n: r.combined.members.length, date: longDate(view, r.combined.date), names: r.combined.members.join(", "), split: r.split.length,
    });
    view.$split.replaceChildren.apply(view.$split, r.split.length
      ? r.split.map(function (where) { return D.el("li", {}, statement(where)); })
      : [D.el("li", { textContent: view.t.cl_report_combined_none })]);
  }

  function renderNotes(view, r) {
    view.$notes.replaceChildren.apply(view.$notes, r.notes.length ? r.notes.map(function (note) {
      return D.el("li", {}, statement(note, [view.t["cl_state_" + note.state]]).concat([
        D.el("span", { className: "crm-report__note", textContent: note.note }),
      ]));
    }) : [D.el("li", { textContent: view.t.cl_report_notes_none })]);
  }

  /** Show one message (no answers, storage refused, unreadable) in place of the report. */
  function problem(view, key) {
    view.$status.hidden = false;
    find(view.$status, "status-text").textContent = view.t[key];
    view.$body.hidden = view.$tools.hidden = true;
  }

  function render(view) {
    var S = root.CrmChecklistState;
    var F = root.CrmChecklistFormats;
    view.$fallback.hidden = true;
    var stored = read(S);
    if (stored.problem) return problem(view, stored.problem);
    var r = summarize(stored.data, view.catalogue, S, F);
    if (r.empty) return problem(view, "cl_report_empty");
    view.data = stored.data;
    view.$status.hidden = true;
    view.$body.hidden = view.$tools.hidden = false;
    view.$ics.hidden = !r.actions.some(function (action) { return action.due; });
    renderMeta(view, r);
    renderPlan(view, r);
    renderRisk(view, r);
    renderSteps(view, r);
    renderCombined(view, r);
    renderNotes(view, r);
    view.$printed.textContent = D.fmt(view, "cl_printed", { date: longDate(view) });
  }

  function setup($root) {
    var view = { $root: $root, lang: $root.dataset.lang || document.documentElement.lang, t: JSON.parse($root.dataset.crmStrings), catalogue: JSON.parse($root.dataset.crmCatalogue) };
    ["fallback", "status", "tools", "body", "meta", "printed", "plan", "verdict", "chart", "verdicts", "steps", "combined", "split", "notes", "ics"].forEach(function (name) {
      view["$" + name] = find($root, name);
    });
    find($root, "print").addEventListener("click", function () { window.print(); });
    view.$ics.addEventListener("click", function () {
      var text = root.CrmChecklistFormats.toICS(view.data, view.catalogue.patterns, view.t, { now: Date.now() });
      D.download("crm-action-plan-" + new Date().toISOString().slice(0, 10) + ".ics", "text/calendar", text, "ics");
    });
    return view;
  }

  var views = [];
  var started = false;

  /** The report(s) of the current page (after each instant navigation too). */
  function init() {
    // Without the state and formats modules the page keeps saying what it needs.
    if (!root.CrmChecklistState || !root.CrmChecklistFormats) return;
    views = views.filter(function (view) { return view.$root.isConnected; });
    document.querySelectorAll("[data-crm-report]").forEach(function ($root) {
      // The checklist's own results section is marked [data-crm-report] too: not a report page.
      if ($root.crmReport || $root.closest("[data-crm-root]")) return;
      views.push(($root.crmReport = setup($root)));
    });
    views.forEach(render);
    if (started) return;
    started = true;
    // Another tab changed the answers, or the page came back from the back/forward cache.
    window.addEventListener("storage", function (event) {
      if (event.key === null || event.key === root.CrmChecklistState.KEY) views.forEach(render);
    });
    window.addEventListener("pageshow", function () { views.forEach(render); });
    window.addEventListener("beforeprint", function () {
      views.forEach(function (view) { view.$printed.textContent = D.fmt(view, "cl_printed", { date: longDate(view) }); });
    });
  }

  var api = { summarize: summarize };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.CrmChecklistReport = api;
  D.onEveryPage(init);
})(this);
