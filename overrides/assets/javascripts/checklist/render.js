/**
 * Show the store's answers in one checklist: boxes, scores, verdicts, next steps, risk chart and
 * the dream-cycle steps at risk. Only what changed is touched, so a tick stays fast on a page
 * of thousands of statements. Browser only: window.CrmChecklistRender.
 */
(function (root) {
  "use strict";

  var Score = root.CrmChecklistScore;
  var D = root.CrmChecklistDom;
  var OPEN = { state: "open", note: "" };

  function entryOf(items, id) {
    return Object.prototype.hasOwnProperty.call(items, id) ? items[id] : OPEN;
  }

  /** Show or hide an item's note field (it stays shown while it holds a note). */
  function toggleNote($button, open, focus) {
    var $box = document.getElementById($button.getAttribute("aria-controls"));
    $box.hidden = !open;
    $button.setAttribute("aria-expanded", String(open));
    if (focus) $box.querySelector("textarea").focus();
  }

  function items(view, data) {
    Object.keys(view.items).forEach(function (id) {
      var item = view.items[id];
      var entry = entryOf(data.items, id);
      // Entries are replaced, never changed, on a change: an unchanged one needs no work, unless
      // something else (the browser restoring a form on back/forward) changed the boxes.
      if (item.shown === entry && item.$box.checked === (entry.state === "done") && item.$na.checked === (entry.state === "na")) return;
      item.shown = entry;
      item.$box.checked = entry.state === "done";
      item.$box.disabled = item.$na.checked = entry.state === "na";
      item.$li.classList.toggle("is-na", entry.state === "na");
      item.$li.classList.toggle("is-done", entry.state === "done");
      if (document.activeElement !== item.$note) item.$note.value = entry.note;
      if (entry.note) toggleNote(item.$toggle, true, false);
      item.$print.textContent = entry.note;
    });
  }

  /** Set a text only when it differs: an unchanged node costs no style or layout work. */
  function text($el, value) {
    if ($el.textContent !== value) $el.textContent = value;
  }

  function scores(view, data) {
    return view.groups.map(function (group) {
      var s = Score.score(data.items, group.ids);
      var key = s.done + "/" + s.open + "/" + s.na;
      if (group.key !== key) {
        group.key = key;
        group.$score.textContent = D.fmt(view, "cl_score", { level: view.t["cl_level_" + s.level], done: s.done, total: s.total });
        group.$score.dataset.level = s.level;
      }
      return { group: group, s: s };
    });
  }

  /** The overall verdict in plain words (one pattern's, on a pattern page). */
  function verdict(view, rows) {
    if (!view.all) return D.fmt(view, "cl_verdict_" + rows[0].s.level, rows[0].s);
    var high = rows.filter(function (row) { return row.s.level === "high"; });
    var mid = rows.filter(function (row) { return row.s.level === "mid"; });
    if (high.length) {
      var worst = high.reduce(function (a, b) { return b.s.done / b.s.total < a.s.done / a.s.total ? b : a; });
      return D.fmt(view, "cl_overall_high", { n: high.length, pattern: worst.group.title });
    }
    return mid.length ? D.fmt(view, "cl_overall_mid", { n: mid.length }) : view.t.cl_overall_low;
  }

  /** What to do next: every open item, riskiest pattern first, with its countermeasure. */
  function next(view, rows, data, plan) {
    var key = rows.map(function (row) { return row.group.id; }).join();
    // The list is rebuilt only when the patterns' order changes; a tick just hides or shows.
    if (view.nextOrder !== key) {
      view.nextOrder = key;
      view.$none = D.el("li", { textContent: view.t.cl_next_none });
      var $items = [];
      rows.forEach(function (row) {
        row.group.ids.forEach(function (id) {
          var item = view.items[id];
          var $link = D.el("a", { href: item.$measure.getAttribute("href"), textContent: D.labelled(view, view.t.cl_next_measure, item.measure) });
          var parts = [item.text + " ", $link];
          if (plan) parts.push(" ", (item.$add = plan.addButton(view, id)));
          $items.push((item.$next = D.el("li", {}, parts)));
        });
      });
      view.$next.replaceChildren.apply(view.$next, $items.concat(view.$none));
      view.nextShown = null;
    }
    var open = 0;
    view.ids.forEach(function (id) {
      var item = view.items[id];
      var hide = entryOf(data.items, id).state !== "open";
      if (!hide) open++;
      if (item.$next.hidden !== hide) item.$next.hidden = hide;
      if (plan) plan.markAdd(view, id, item.$add);
    });
    view.$none.hidden = open > 0;
  }

  /** Risk per pattern as horizontal bars, drawn here (no chart library); labels carry the words. */
  function chart(view, rows) {
    var width = 600;
    var order = rows.map(function (row) { return row.group.id; }).join();
    if (view.chartOrder !== order) {
      view.chartOrder = order;
      view.$svg = D.svg("svg", { viewBox: "0 0 " + width + " " + rows.length * 56, class: "crm-cl__svg", role: "img" });
      rows.forEach(function (row, index) {
        var y = index * 56;
        row.group.$chartText = D.svg("text", { x: 0, y: y + 18 });
        row.group.$chartBar = D.svg("rect", { x: 0, y: y + 26, width: 0, height: 18, rx: 4 });
        row.group.chartKey = null;
        view.$svg.append(row.group.$chartText, D.svg("rect", { x: 0, y: y + 26, width: width, height: 18, rx: 4, class: "crm-cl__track" }), row.group.$chartBar);
      });
      view.$chart.replaceChildren(view.$svg);
    }
    var changed = false;
    var labels = rows.map(function (row) {
      var s = row.s;
      var group = row.group;
      var label = D.fmt(view, "cl_chart_row", { title: group.title, level: view.t["cl_level_" + s.level], open: s.open, total: s.total });
      if (group.chartKey !== label) {
        group.chartKey = label;
        changed = true;
        group.$chartText.textContent = label;
        group.$chartBar.setAttribute("width", s.open ? (width * s.open) / s.total : 0);
        group.$chartBar.setAttribute("class", "crm-cl__bar-" + s.level);
      }
      return label;
    });
    if (changed) view.$svg.setAttribute("aria-label", D.labelled(view, view.t.cl_chart_title, labels.join("; ")));
  }

  /** Mark the dream-cycle steps where a pattern is at risk, in shape and words, not colour alone. */
  function cycle(view, rows) {
    var risk = {};
    rows.forEach(function (row) {
      var level = row.s.level;
      var $legend = row.group.$legend;
      if (level === "high" || level === "mid") risk[row.group.step] = risk[row.group.step] === "high" ? "high" : level;
      if (!$legend || row.group.legendLevel === level) return;
      row.group.legendLevel = level;
      var $tag = $legend.querySelector(".crm-cl__risk") || $legend.appendChild(D.el("strong", { className: "crm-cl__risk" }));
      $tag.textContent = D.aside(view, "", view.t["cl_level_" + level]);
    });
    view.$nodes.forEach(function ($node) {
      var level = risk[$node.dataset.step] || "";
      if ($node.crmLevel === level) return;
      $node.crmLevel = level;
      D.markStep($node, level);
    });
  }

  /**
   * Show `store` in `view`. `extras` (plan, rounds views) render their parts after the rest;
   * `extras.plan` also puts an "add to plan" button on every next step.
   */
  function render(view, store, extras) {
    var data = store.data;
    items(view, data);
    var rows = scores(view, data);
    var total = Score.score(data.items, view.ids);
    view.$meter.style.width = (total.total ? (100 * total.done) / total.total : 0) + "%";
    text(view.$progress, D.fmt(view, total.na ? "cl_progress_na" : "cl_progress", total));
    text(view.$saved, view.t[store.problem || "cl_saved_locally"]);
    view.$saved.parentNode.classList.toggle("is-warning", !store.writable);
    text(view.$verdict, verdict(view, rows));
    // Riskiest level first, then dataset order (a stable sort): the order, and so the list of
    // next steps, changes only when a level does.
    rows.sort(function (a, b) { return Score.RANK[a.s.level] - Score.RANK[b.s.level]; });
    next(view, rows, data, view.all ? extras.plan : null);
    if (view.$chart) chart(view, rows);
    cycle(view, rows);
    Object.keys(extras).forEach(function (name) {
      if (extras[name].render) extras[name].render(view, store);
    });
  }

  root.CrmChecklistRender = { render: render, toggleNote: toggleNote, entryOf: entryOf };
})(this);
