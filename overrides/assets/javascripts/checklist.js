/**
 * The interactive checklist: enhances every [data-crm-root] (overrides/crm/checklist.html) with
 * storage, scores and dialogs; the logic is in checklist-state.js. Texts come from the page's
 * strings ([data-crm-strings]); data is only ever shown with textContent.
 */
(function () {
  "use strict";

  var S = window.CrmChecklistState;
  if (!S) return; // without the state module the plain form stays as it is
  var KEY = S.KEY;
  var SVG = "http://www.w3.org/2000/svg";
  var RANK = { high: 0, mid: 1, low: 2, none: 3 };
  var OPEN = { state: "open", note: "" };

  /** One store per page: every checklist on it shows the same answers. */
  var store = { data: S.empty(), writable: true, problem: "", undo: null, name: "" };
  var views = [];
  var clock = 0;
  var started = false;

  /** A timestamp that always grows, so two changes in one millisecond still order. */
  function now() {
    clock = Math.max(Date.now(), clock + 1);
    return clock;
  }

  function storage() {
    try {
      return window.localStorage; // the getter itself throws where storage is disabled
    } catch (e) {
      return null;
    }
  }

  /** Stop writing (the reason shows in place of the "saved" line). */
  function readOnly(problem) {
    store.writable = false;
    store.problem = problem;
  }

  /** Take in what storage holds; false when it must not be overwritten. */
  function adopt($ls, raw) {
    var result = S.parse(raw);
    if (result.data) {
      store.data = S.merge(store.data, result.data);
      return true;
    }
    if (result.error === "future") return readOnly("cl_err_storage_future"), false;
    try {
      // Unreadable: keep a copy, so nothing is lost, before starting afresh.
      $ls.setItem(KEY + ":unreadable", raw);
      $ls.removeItem(KEY);
      notifyAll("cl_err_storage_garbage");
      return true;
    } catch (e) {
      return readOnly("cl_err_storage_unavailable"), false;
    }
  }

  /** Merge the stored answers into ours (at start, on pageshow, after another tab wrote). */
  function load() {
    var $ls = storage();
    if (!store.writable) return;
    try {
      adopt($ls, $ls.getItem(KEY));
    } catch (e) {
      readOnly("cl_err_storage_unavailable");
    }
  }

  /** Write our answers, merged with whatever another tab saved meanwhile. */
  function save() {
    var $ls = storage();
    if (!store.writable) return false;
    try {
      if (!adopt($ls, $ls.getItem(KEY))) return false;
      $ls.setItem(KEY, JSON.stringify(store.data));
      return true;
    } catch (e) {
      notifyAll("cl_err_storage_full");
      return false;
    }
  }

  /** Apply a change to the store, save it and show it everywhere. */
  function commit(data) {
    store.data = data;
    var saved = save();
    views.forEach(function (view) {
      render(view);
      view.$savedAt.textContent = saved ? fmt(view, "cl_saved_at", { time: new Date().toLocaleTimeString(view.lang, { hour: "2-digit", minute: "2-digit" }) }) : "";
      announceLater(view);
    });
  }

  /** Set some items' answers (state and/or note). */
  function change(changes) {
    commit(S.update(store.data, changes, now()));
  }

  /** Replace every answer (import, share link, reset, new round), with undo. */
  function replace(items, message) {
    store.undo = store.data.items;
    commit(S.replace(store.data, items, now()));
    notifyAll(message, true);
  }

  /** An item's current answer (own entries only: an id never finds Object's prototype). */
  function entryOf(id) {
    var items = store.data.items;
    return Object.prototype.hasOwnProperty.call(items, id) ? items[id] : OPEN;
  }

  // ----- Small DOM helpers

  /** The page's string `key` with {placeholders} filled in. */
  function fmt(view, key, values) {
    return view.t[key].replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  /** Create an element: `props` are properties (textContent, type…) or, with a dash, attributes. */
  function el(tag, props, children) {
    var $el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (/-|^role$/.test(key)) $el.setAttribute(key, props[key]);
      else $el[key] = props[key];
    });
    $el.append.apply($el, children || []);
    return $el;
  }

  /** The element marked data-crm-<name> (name in camelCase) inside `$in`. */
  function find($in, name) {
    return $in.querySelector("[data-crm-" + name.replace(/[A-Z]/g, "-$&").toLowerCase() + "]");
  }

  function svg(tag, attrs) {
    var $el = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (key) { $el.setAttribute(key, attrs[key]); });
    return $el;
  }

  function date(view, time) {
    return new Date(time || Date.now()).toLocaleDateString(view.lang, { year: "numeric", month: "short", day: "numeric" });
  }

  // ----- Setting up one checklist

  /** Read a checklist's structure from its markup and wire its events. */
  function setup($root) {
    var $form = $root.querySelector("[data-crm-checklist]");
    var view = {
      $root: $root,
      lang: $form.dataset.lang || document.documentElement.lang,
      t: JSON.parse($root.dataset.crmStrings),
      all: $root.dataset.scope === "all",
      groups: [],
      items: {},
      ids: [],
    };
    ["saved", "savedAt", "meter", "progress", "notice", "undo", "printed", "verdict", "chart", "next", "live", "dialog", "dialogTitle", "dialogBody", "dialogActions"].forEach(function (name) {
      view["$" + name] = find($root, name);
    });
    $form.querySelectorAll("fieldset[data-pattern]").forEach(function ($group) {
      var id = $group.dataset.pattern;
      var group = { id: id, title: $group.dataset.title, step: $group.dataset.step, $score: find($group, "score"), ids: [] };
      // Looked up once: searching a big page on every tick is what made ticks slow.
      group.$legend = $root.querySelector(".crm-cycle__legend li[data-pattern='" + id + "']");
      $group.querySelectorAll("li[data-item]").forEach(function ($li) {
        var id = $li.dataset.item;
        var $measure = find($li, "measure");
        view.items[id] = {
          $li: $li, $box: find($li, "box"), $na: find($li, "na"), $note: find($li, "note"),
          $toggle: find($li, "noteToggle"), $print: find($li, "notePrint"), $measure: $measure,
          text: find($li, "text").textContent.trim(), measure: $measure.lastElementChild.textContent.trim(),
        };
        group.ids.push(id);
        view.ids.push(id);
      });
      view.groups.push(group);
    });
    $form.addEventListener("change", function (event) { onChange(view, event.target); });
    $form.addEventListener("input", function (event) { onNoteInput(view, event.target); });
    $form.addEventListener("click", function (event) {
      var $toggle = event.target;
      var open = $toggle.getAttribute("aria-expanded") !== "true";
      if ($toggle.matches("[data-crm-note-toggle]")) toggleNote($toggle, open, open);
    });
    $form.addEventListener("submit", function (event) { event.preventDefault(); });
    $root.addEventListener("click", function (event) {
      var $button = event.target.closest("[data-crm-action]");
      if ($button) ACTIONS[$button.dataset.crmAction](view);
    });
    view.$undo.addEventListener("click", function () { undo(view); });
    view.$dialog.addEventListener("close", function () {
      // An action may have opened the next dialog already; focus goes back only at the end.
      if (!view.$dialog.open && view.$opener && view.$opener.isConnected) view.$opener.focus();
    });
    view.$nodes = $root.querySelectorAll(".crm-cycle__node[data-step]");
    $root.querySelectorAll("[data-crm-js]").forEach(function ($el) { $el.hidden = false; });
    $root.dataset.crmReady = "";
    return view;
  }

  function onChange(view, $input) {
    var id = $input.closest("li[data-item]").dataset.item;
    if ($input.matches(".crm-checklist__box")) change(single(id, { state: $input.checked ? "done" : "open" }));
    else if ($input.matches("[data-crm-na]")) change(single(id, { state: $input.checked ? "na" : "open" }));
    else if ($input.matches("[data-crm-note]")) saveNote(view, $input, id);
  }

  function single(id, value) {
    var changes = {};
    changes[id] = value;
    return changes;
  }

  /** Notes save while typing, but not on every key stroke. */
  function onNoteInput(view, $input) {
    if (!$input.matches("[data-crm-note]")) return;
    clearTimeout(view.noteTimer);
    view.noteTimer = setTimeout(function () { saveNote(view, $input, $input.closest("li").dataset.item); }, 400);
  }

  function saveNote(view, $input, id) {
    clearTimeout(view.noteTimer);
    if (entryOf(id).note !== $input.value) change(single(id, { note: $input.value }));
  }

  /** Show or hide an item's note field (it stays shown while it holds a note). */
  function toggleNote($button, open, focus) {
    var $box = document.getElementById($button.getAttribute("aria-controls"));
    $box.hidden = !open;
    $button.setAttribute("aria-expanded", String(open));
    if (focus) $box.querySelector("textarea").focus();
  }

  // ----- Rendering

  /** Show the store's answers, scores, verdicts, chart and next steps. */
  function render(view) {
    var items = store.data.items;
    Object.keys(view.items).forEach(function (id) {
      var item = view.items[id];
      var entry = entryOf(id);
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
    var rows = view.groups.map(function (group) {
      var s = S.score(items, group.ids);
      group.$score.textContent = fmt(view, "cl_score", { level: view.t["cl_level_" + s.level], done: s.done, total: s.total });
      group.$score.dataset.level = s.level;
      return { group: group, s: s };
    });
    var total = S.score(items, view.ids);
    view.$meter.style.width = (total.total ? (100 * total.done) / total.total : 0) + "%";
    view.$progress.textContent = fmt(view, total.na ? "cl_progress_na" : "cl_progress", total);
    view.$saved.textContent = view.t[store.problem || "cl_saved_locally"];
    view.$saved.parentNode.classList.toggle("is-warning", !store.writable);
    view.$verdict.textContent = verdict(view, rows);
    // Riskiest level first, then dataset order (a stable sort): the order, and so the list of
    // next steps, changes only when a level does.
    rows.sort(function (a, b) { return RANK[a.s.level] - RANK[b.s.level]; });
    renderNext(view, rows);
    if (view.$chart) drawChart(view, rows);
    lightCycle(view, rows);
  }

  /** The overall verdict in plain words (one pattern's, on a pattern page). */
  function verdict(view, rows) {
    if (!view.all) {
      var s = rows[0].s;
      return fmt(view, "cl_verdict_" + s.level, s);
    }
    var high = rows.filter(function (row) { return row.s.level === "high"; });
    var mid = rows.filter(function (row) { return row.s.level === "mid"; });
    if (high.length) return fmt(view, "cl_overall_high", { n: high.length, pattern: worst(high).group.title });
    return mid.length ? fmt(view, "cl_overall_mid", { n: mid.length }) : view.t.cl_overall_low;
  }

  function worst(rows) {
    return rows.reduce(function (a, b) { return b.s.done / b.s.total < a.s.done / a.s.total ? b : a; });
  }

  /** What to do next: every open item, riskiest pattern first, with its countermeasure. */
  function renderNext(view, rows) {
    var order = [];
    rows.forEach(function (row) { order = order.concat(row.group.ids); });
    // The list is rebuilt only when the patterns' order changes; a tick just hides or shows.
    if (view.nextOrder !== order.join()) {
      view.nextOrder = order.join();
      view.$none = el("li", { textContent: view.t.cl_next_none });
      view.$next.replaceChildren.apply(view.$next, order.map(function (id) {
        var item = view.items[id];
        var $link = el("a", { href: item.$measure.getAttribute("href"), textContent: view.t.cl_next_measure + ": " + item.measure });
        return (item.$next = el("li", {}, [item.text + " ", $link]));
      }).concat(view.$none));
    }
    var open = order.filter(function (id) { return !(view.items[id].$next.hidden = entryOf(id).state !== "open"); });
    view.$none.hidden = open.length > 0;
  }

  /** Risk per pattern as horizontal bars, drawn here (no chart library); labels carry the words. */
  function drawChart(view, rows) {
    var width = 600;
    var $svg = svg("svg", { viewBox: "0 0 " + width + " " + rows.length * 56, class: "crm-cl__svg", role: "img" });
    var labels = [];
    rows.forEach(function (row, index) {
      var s = row.s;
      var y = index * 56;
      var label = fmt(view, "cl_chart_row", { title: row.group.title, level: view.t["cl_level_" + s.level], open: s.open, total: s.total });
      labels.push(label);
      var $text = svg("text", { x: 0, y: y + 18 });
      $text.textContent = label;
      $svg.append($text, svg("rect", { x: 0, y: y + 26, width: width, height: 18, rx: 4, class: "crm-cl__track" }));
      if (s.open) $svg.append(svg("rect", { x: 0, y: y + 26, width: (width * s.open) / s.total, height: 18, rx: 4, class: "crm-cl__bar-" + s.level }));
    });
    $svg.setAttribute("aria-label", view.t.cl_chart_title + ": " + labels.join("; "));
    view.$chart.replaceChildren($svg);
  }

  /** Mark the dream-cycle steps where a pattern is at risk, in shape and words, not colour alone. */
  function lightCycle(view, rows) {
    var risk = {};
    rows.forEach(function (row) {
      var level = row.s.level;
      var $legend = row.group.$legend;
      if (level === "high" || level === "mid") risk[row.group.step] = risk[row.group.step] === "high" ? "high" : level;
      if (!$legend) return;
      var $tag = $legend.querySelector(".crm-cl__risk") || $legend.appendChild(el("strong", { className: "crm-cl__risk" }));
      $tag.textContent = " (" + view.t["cl_level_" + level] + ")";
    });
    view.$nodes.forEach(function ($node) {
      var level = risk[$node.dataset.step];
      $node.classList.toggle("is-risk", !!level);
      $node.classList.toggle("is-high", level === "high");
      if ($node.querySelector(".crm-cl__flag")) return;
      var $rect = $node.querySelector("rect");
      var x = +$rect.getAttribute("x") + 6;
      var y = +$rect.getAttribute("y") + 4;
      var $flag = svg("g", { class: "crm-cl__flag", "aria-hidden": "true" });
      var $mark = svg("text", { x: x, y: y, "text-anchor": "middle", "dominant-baseline": "central" });
      $mark.textContent = "!";
      $flag.append(svg("circle", { cx: x, cy: y, r: 12 }), $mark);
      $node.append($flag);
    });
  }

  /** Tell screen readers the new progress once the ticking pauses, not on every tick. */
  function announceLater(view) {
    clearTimeout(view.liveTimer);
    view.liveTimer = setTimeout(function () {
      view.$live.textContent = view.$progress.textContent + ". " + view.$verdict.textContent;
    }, 1500);
  }

  /** A visible message for every checklist on the page; `undoable` offers Undo. */
  function notifyAll(key, undoable) {
    views.forEach(function (view) {
      view.$notice.textContent = view.t[key] || key;
      view.$undo.hidden = !undoable;
    });
    if (!undoable) store.undo = null;
    store.pending = views.length ? null : key;
  }

  function undo(view) {
    var items = store.undo;
    if (!items) return;
    commit(S.replace(store.data, items, now()));
    notifyAll("cl_undone");
    view.$undo.hidden = true;
  }

  // ----- Dialogs (one <dialog> per checklist, filled for each use)

  /** Fill and show the dialog; `actions` are [label, run] (closes, then runs); Close is last. */
  function dialog(view, title, body, actions, closeLabel) {
    var $dialog = view.$dialog;
    if (!$dialog.open) view.$opener = document.activeElement;
    view.$dialogTitle.textContent = title;
    view.$dialogBody.replaceChildren.apply(view.$dialogBody, body);
    var $buttons = (actions || []).map(function (action, index) {
      var $button = el("button", { type: "button", className: "md-button" + (index ? "" : " md-button--primary"), textContent: action[0] });
      $button.addEventListener("click", function () {
        $dialog.close();
        action[1]();
      });
      return $button;
    });
    $buttons.push(el("button", { type: "button", className: "md-button", textContent: view.t[closeLabel || "cl_close"], onclick: function () { $dialog.close(); } }));
    view.$dialogActions.replaceChildren.apply(view.$dialogActions, $buttons);
    if (!$dialog.open) $dialog.showModal();
  }

  function confirmDialog(view, title, text, label, run) {
    dialog(view, view.t[title], [el("p", { textContent: view.t[text] })], [[view.t[label], run]], "cl_cancel");
  }

  function button(label, run) {
    return el("button", { type: "button", className: "md-button", textContent: label, onclick: run });
  }

  /** A labelled field: [label, input]. */
  function field(view, key, props) {
    props.id = "crm-field-" + key;
    return [el("label", { htmlFor: props.id, textContent: view.t[key] }), el("input", props)];
  }

  /** Ask what to do with answers from a file or a share link: replace (with undo) or compare. */
  function incoming(view, source, imported) {
    var s = S.score(imported.items, view.ids);
    var load = function () {
      store.data = S.merge(store.data, { items: {}, rounds: imported.rounds || [] });
      replace(imported.items, "cl_loaded");
    };
    var text = fmt(view, "cl_incoming_text", { source: source, date: date(view, imported.date), done: s.done, na: s.na });
    dialog(view, view.t.cl_incoming_title, [el("p", { textContent: text })], [
      [view.t.cl_load, load],
      [view.t.cl_compare, function () {
        compareDialog(view, view.t.cl_now, source, store.data.items, imported.items, [[view.t.cl_load, load]]);
      }],
    ], "cl_cancel");
  }

  /** What improved, slipped or changed scope between two sets of answers. */
  function compareDialog(view, nameA, nameB, before, after, actions) {
    var diff = S.compare(before, after, view.ids);
    var body = [];
    ["improved", "slipped", "changed"].forEach(function (kind) {
      if (!diff[kind].length) return;
      body.push(el("h3", { textContent: view.t["cl_" + kind] + " (" + diff[kind].length + ")" }));
      body.push(el("ul", { className: "crm-cl__" + kind }, diff[kind].map(function (id) {
        return el("li", { textContent: view.items[id].text });
      })));
    });
    if (!body.length) body.push(el("p", { textContent: view.t.cl_no_change }));
    dialog(view, fmt(view, "cl_compare_title", { a: nameA, b: nameB }), body, actions);
  }

  /** Read a chosen file as text, refusing huge ones before reading them. */
  function readFile(file) {
    if (file.size > S.LIMIT.file) return Promise.resolve({ error: "huge" });
    return file.text().then(S.readImport, function () { return { error: "read" }; });
  }

  /** The page's patterns and items, in its language, for the Markdown and CSV exports. */
  function catalog(view) {
    return view.groups.map(function (group) {
      return {
        title: group.title,
        items: group.ids.map(function (id) {
          return { id: id, text: view.items[id].text, measure: view.items[id].measure };
        }),
      };
    });
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    // Not added to the page: instant navigation must not see the click.
    el("a", { href: url, download: name }).click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function exportAs(view, kind) {
    var F = window.CrmChecklistFormats;
    var name = "crm-checklist-" + new Date().toISOString().slice(0, 10) + "." + kind;
    var options = { date: date(view), now: Date.now() };
    if (kind === "json") download(name, "application/json", F.toJSON(store.data, store.name, Date.now()));
    if (kind === "md") download(name, "text/markdown", F.toMarkdown(store.data, catalog(view), view.t, options));
    if (kind === "csv") download(name, "text/csv", F.toCSV(store.data, catalog(view), view.t, options));
    notifyAll(fmt(view, "cl_exported", { file: name }));
  }

  var ACTIONS = {
    rounds: function roundsDialog(view) {
      var rounds = store.data.rounds.slice().reverse();
      var $name = field(view, "cl_round_name", { type: "text", maxLength: S.LIMIT.name, value: date(view) });
      var $list = rounds.length
        ? el("ul", { className: "crm-cl__rounds" }, rounds.map(function (round, index) {
          var s = S.score(round.items, view.ids);
          var id = "crm-round-" + index;
          return el("li", {}, [
            el("span", { id: id, textContent: fmt(view, "cl_round_row", { name: round.name, date: date(view, round.date), done: s.done, total: s.total }) }),
            " ",
            el("button", { type: "button", className: "md-button", textContent: view.t.cl_round_compare, "aria-describedby": id, onclick: function () {
              compareDialog(view, round.name, view.t.cl_now, round.items, store.data.items);
            } }),
          ]);
        }))
        : el("p", { textContent: view.t.cl_rounds_none });
      dialog(view, view.t.cl_rounds_title, [
        el("p", { textContent: view.t.cl_rounds_intro }),
        el("p", { className: "crm-cl__field" }, $name.concat([button(view.t.cl_round_save, function () {
          var name = $name[1].value.trim() || date(view);
          commit(S.snapshot(store.data, name, now()));
          ACTIONS.rounds(view);
          notifyAll(fmt(view, "cl_round_saved", { name: name }));
        })])),
        $list,
      ], [[view.t.cl_round_new, function () {
        confirmDialog(view, "cl_round_new", "cl_round_new_confirm", "cl_round_new", function () {
          var name = date(view);
          store.data = S.snapshot(store.data, name, now());
          replace({}, fmt(view, "cl_round_started", { name: name }));
        });
      }]]);
    },

    share: function (view) {
      var link = location.href.split("#")[0] + "#" + S.encodeShare(store.data.items, Date.now());
      var $name = field(view, "cl_share_name", { type: "text", maxLength: S.LIMIT.name, value: store.name, oninput: function () { store.name = $name[1].value; } });
      var $link = field(view, "cl_link_label", { type: "text", readOnly: true, value: link });
      dialog(view, view.t.cl_share_title, [
        el("p", { className: "crm-cl__field" }, $name),
        el("h3", { textContent: view.t.cl_export_heading }),
        el("p", { className: "crm-cl__buttons" }, ["json", "md", "csv"].map(function (kind) {
          return button(view.t["cl_export_" + kind], function () { exportAs(view, kind); });
        })),
        el("p", { className: "crm-cl__field" }, $link.concat([button(view.t.cl_copy, function () {
          var done = function () { notifyAll("cl_copied"); };
          var manual = function () { $link[1].select(); notifyAll("cl_copy_manual"); };
          try {
            navigator.clipboard.writeText(link).then(done, manual);
          } catch (e) {
            manual();
          }
        })])),
      ]);
    },

    import: function (view) {
      var $error = el("p", { className: "crm-cl__error", role: "alert" });
      var $file = field(view, "cl_import_file", { type: "file", accept: ".json,application/json", onchange: function () {
        var file = this.files[0];
        if (!file) return;
        readFile(file).then(function (result) {
          if (result.error) $error.textContent = fmt(view, "cl_err_file", { file: file.name, error: view.t["cl_err_" + result.error] });
          else incoming(view, result.name || file.name, { items: result.data.items, rounds: result.data.rounds, date: file.lastModified });
        });
      } });
      dialog(view, view.t.cl_import_title, [el("p", { textContent: view.t.cl_import_intro }), el("p", { className: "crm-cl__field" }, $file), $error]);
    },

    combine: function (view) {
      var $result = el("div", { role: "status" });
      var $files = field(view, "cl_combine_files", { type: "file", multiple: true, accept: ".json,application/json", onchange: function () {
        var files = Array.prototype.slice.call(this.files);
        Promise.all(files.map(readFile)).then(function (results) {
          showCombined(view, $result, files, results);
        });
      } });
      dialog(view, view.t.cl_combine_title, [el("p", { textContent: view.t.cl_combine_intro }), el("p", { className: "crm-cl__field" }, $files), $result]);
    },

    print: function () {
      printDate();
      window.print();
    },

    reset: function (view) {
      confirmDialog(view, "cl_reset_title", "cl_reset_confirm", "cl_reset", function () { replace({}, "cl_reset_done"); });
    },
  };

  /** The team's answers side by side: per item, how many chose each answer, disagreements marked. */
  function showCombined(view, $result, files, results) {
    var names = [];
    var maps = [];
    var nodes = [];
    results.forEach(function (result, index) {
      if (result.error) {
        nodes.push(el("p", { className: "crm-cl__error", textContent: fmt(view, "cl_err_file", { file: files[index].name, error: view.t["cl_err_" + result.error] }) }));
        return;
      }
      names.push(result.name || files[index].name);
      maps.push(result.data.items);
    });
    var rows = S.combine(maps, view.ids);
    var split = view.ids.filter(function (id) { return rows[id].split; });
    nodes.push(el("p", { textContent: fmt(view, "cl_combine_summary", { n: maps.length, names: names.join(", ") }) }));
    if (maps.length) nodes.push(el("p", { textContent: fmt(view, "cl_combine_splits", { n: split.length }) }));
    var head = ["cl_col_item", "cl_state_done", "cl_state_open", "cl_state_na", "cl_split"].map(function (key) {
      return el("th", { scope: "col", textContent: view.t[key] });
    });
    var $table = el("table", { className: "crm-cl__combined" }, [el("tr", {}, head)]);
    view.ids.forEach(function (id) {
      var row = rows[id];
      $table.append(el("tr", {}, [el("th", { scope: "row", textContent: view.items[id].text })].concat(
        [row.done, row.open, row.na, row.split ? view.t.cl_split : ""].map(function (value) { return el("td", { textContent: value }); })
      )));
    });
    if (maps.length) nodes.push(el("div", { className: "crm-cl__scroll" }, [$table]));
    $result.replaceChildren.apply($result, nodes);
  }

  /** The date on a printout (also for the browser's own print command). */
  function printDate() {
    views.forEach(function (view) { view.$printed.textContent = fmt(view, "cl_printed", { date: date(view) }); });
  }

  /** A share link (`#cl=…`) in the address: ask before using it, then drop it from the address. */
  function checkLink() {
    var view = views.filter(function (v) { return v.all; })[0] || views[0];
    if (!view || location.hash.indexOf("#cl=") !== 0) return;
    var shared = S.decodeShare(location.hash);
    history.replaceState(history.state, "", location.href.split("#")[0]);
    if (shared.error) return notifyAll(shared.error === "future" ? "cl_err_future" : "cl_err_link");
    incoming(view, view.t.cl_source_link, shared);
  }

  /** Enhance the checklists of the current page (after each instant navigation too). */
  function init() {
    views = views.filter(function (view) { return view.$root.isConnected; });
    // The mark is a property, not the data-crm-ready attribute: instant navigation may bring
    // back a copy of an enhanced page, attribute included, whose elements have no listeners.
    document.querySelectorAll("[data-crm-root]").forEach(function ($root) {
      if (!$root.crmView) views.push(($root.crmView = setup($root)));
    });
    if (!views.length) return;
    load();
    views.forEach(render);
    if (store.pending) notifyAll(store.pending);
    checkLink();
    if (started) return;
    started = true;
    // Another tab saved: take its changes in without losing ours.
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY || !event.newValue || !store.writable) return;
      var result = S.parse(event.newValue);
      if (!result.data) return;
      store.data = S.merge(store.data, result.data);
      views.forEach(render);
    });
    // Back/forward cache: the page may show answers older than the storage.
    window.addEventListener("pageshow", function () {
      load();
      views.forEach(render);
    });
    window.addEventListener("hashchange", checkLink);
    window.addEventListener("beforeprint", printDate);
  }

  if (typeof document$ !== "undefined") document$.subscribe(init);
  // document$ does not emit from file://; initialising twice is harmless.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
