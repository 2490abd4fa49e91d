/**
 * The interactive checklist: enhances every [data-crm-root] (overrides/crm/checklist.html) with
 * storage, scores, the action plan, rounds and sharing, each in its own module of this folder.
 * Texts come from the page's strings ([data-crm-strings]). Attaches through Material's
 * document$, and on its own from file:// where document$ never emits.
 */
(function (root) {
  "use strict";

  var S = root.CrmChecklistState;
  if (!S || !root.CrmChecklistStore) return; // without its modules the plain form stays as it is
  var D = root.CrmChecklistDom;
  var Dialog = root.CrmChecklistDialog;
  var Render = root.CrmChecklistRender;

  var started = false;
  var LARGE = 200; // statements from which the page renders only what is on screen (checklist.css)
  var app = { S: S, views: [], undo: null, pending: null };
  app.store = root.CrmChecklistStore.create(function (key) { app.notify(key); });
  var extras = {
    plan: root.CrmChecklistPlanView.create(app),
    rounds: root.CrmChecklistRoundsView.create(app),
  };
  var sharing = root.CrmChecklistSharing.create(app);
  app.compare = sharing.compare;

  function renderAll() {
    app.views.forEach(function (view) { Render.render(view, app.store, extras); });
  }

  /** Apply a change to the store, save it and show it everywhere. */
  app.commit = function (data) {
    var updated = app.store.now();
    app.store.data = data;
    var saved = app.store.save(updated);
    renderAll();
    app.views.forEach(function (view) {
      var time = new Date().toLocaleTimeString(view.lang, { hour: "2-digit", minute: "2-digit" });
      view.$savedAt.textContent = saved ? D.fmt(view, "cl_saved_at", { time: time }) : "";
      announceLater(view);
    });
  };

  /** A visible message (a ui.yml key or a text) on every checklist; `undo` offers Undo. */
  app.notify = function (key, undo) {
    app.views.forEach(function (view) {
      view.$notice.textContent = view.t[key] || key;
      view.$undo.hidden = !undo;
    });
    app.undo = undo || null;
    app.pending = app.views.length ? null : key;
  };

  /** Replace every answer (and the plan, when given) with undo: import, share link, reset, new round. */
  app.replace = function (items, message, plan) {
    var before = app.store.data;
    var now = app.store.now();
    var data = S.replace(before, items, now);
    if (plan) data = Object.assign({}, data, { plan: root.CrmChecklistPlan.replace(before.plan, plan, now) });
    app.commit(data);
    app.notify(message, function () {
      var later = app.store.now();
      var back = S.replace(app.store.data, before.items, later);
      if (plan) back = Object.assign({}, back, { plan: root.CrmChecklistPlan.replace(app.store.data.plan, before.plan, later) });
      app.commit(back);
    });
  };

  function change(changes) {
    app.commit(S.update(app.store.data, changes, app.store.now()));
  }

  function single(id, value) {
    var changes = {};
    changes[id] = value;
    return changes;
  }

  /** Tell screen readers the new progress once the ticking pauses, not on every tick. */
  function announceLater(view) {
    clearTimeout(view.liveTimer);
    view.liveTimer = setTimeout(function () {
      view.$live.textContent = view.$progress.textContent + ". " + view.$verdict.textContent;
    }, 1500);
  }

  function undo() {
    var run = app.undo;
    if (!run) return;
    app.undo = null;
    run();
    app.notify("cl_undone");
  }

  /** The date on a printout (also for the browser's own print command). */
  function printDate() {
    app.views.forEach(function (view) { view.$printed.textContent = D.fmt(view, "cl_printed", { date: D.date(view) }); });
  }

  var ACTIONS = {
    rounds: extras.rounds.open,
    plan: extras.plan.propose,
    share: sharing.share,
    import: sharing.importDialog,
    combine: sharing.combineDialog,
    print: function () {
      printDate();
      window.print();
    },
    reset: function (view) {
      Dialog.confirm(view, "cl_reset_title", "cl_reset_confirm", "cl_reset", function () { app.replace({}, "cl_reset_done"); });
    },
  };

  // ----- Setting up one checklist

  function onChange(view, $input) {
    var $li = $input.closest("li[data-item]");
    if (!$li) return;
    var id = $li.dataset.item;
    if ($input.matches(".crm-checklist__box")) change(single(id, { state: $input.checked ? "done" : "open" }));
    else if ($input.matches("[data-crm-na]")) change(single(id, { state: $input.checked ? "na" : "open" }));
    else if ($input.matches("[data-crm-note]")) saveNote(view, $input, id);
  }

  /** Notes save while typing, but not on every key stroke. */
  function onNoteInput(view, $input) {
    if (!$input.matches("[data-crm-note]")) return;
    clearTimeout(view.noteTimer);
    view.noteTimer = setTimeout(function () { saveNote(view, $input, $input.closest("li").dataset.item); }, 400);
  }

  function saveNote(view, $input, id) {
    clearTimeout(view.noteTimer);
    if (Render.entryOf(app.store.data.items, id).note !== $input.value) change(single(id, { note: $input.value }));
  }

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
      view["$" + name] = D.find($root, name);
    });
    var legends = {};
    $root.querySelectorAll(".crm-cycle__legend li[data-pattern]").forEach(function ($li) { legends[$li.dataset.pattern] = $li; });
    $form.querySelectorAll("fieldset[data-pattern]").forEach(function ($group) {
      var group = {
        id: $group.dataset.pattern, title: $group.dataset.title, step: $group.dataset.step,
        stepOrder: +$group.dataset.stepOrder || 0, $score: D.find($group, "score"), ids: [],
        $legend: legends[$group.dataset.pattern] || null, // looked up once: searching a big page on every tick is slow
      };
      $group.querySelectorAll("li[data-item]").forEach(function ($li) {
        var id = $li.dataset.item;
        var $measure = D.find($li, "measure");
        view.items[id] = {
          $li: $li, $box: D.find($li, "box"), $na: D.find($li, "na"), $note: D.find($li, "note"),
          $toggle: D.find($li, "noteToggle"), $print: D.find($li, "notePrint"), $measure: $measure, group: group,
          text: D.find($li, "text").textContent.trim(), measure: $measure.lastElementChild.textContent.trim(),
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
      if ($toggle.matches("[data-crm-note-toggle]")) Render.toggleNote($toggle, open, open);
    });
    $form.addEventListener("submit", function (event) { event.preventDefault(); });
    $root.addEventListener("click", function (event) {
      var $button = event.target.closest("[data-crm-action]");
      if ($button) ACTIONS[$button.dataset.crmAction](view);
    });
    view.$undo.addEventListener("click", undo);
    Dialog.setup(view);
    extras.plan.setup(view);
    extras.rounds.setup(view);
    view.$nodes = $root.querySelectorAll(".crm-cycle__node[data-step]");
    $root.classList.toggle("crm-cl--large", view.ids.length > LARGE);
    $root.querySelectorAll("[data-crm-js]").forEach(function ($el) { $el.hidden = false; });
    $root.dataset.crmReady = "";
    return view;
  }

  /** Boxes a reader ticked in the plain form before this code arrived: answers to keep, not
   * to overwrite with the stored ones (null if none). */
  function earlyTicks(views) {
    var changes = null;
    views.forEach(function (view) {
      view.ids.forEach(function (id) {
        var $box = view.items[id].$box;
        if (!$box.checked || $box.defaultChecked) return;
        if (Render.entryOf(app.store.data.items, id).state === "done") return;
        changes = changes || {};
        changes[id] = { state: "done" };
      });
    });
    return changes;
  }

  /** Enhance the checklists of the current page (after each instant navigation too). */
  function init() {
    app.views = app.views.filter(function (view) { return view.$root.isConnected; });
    var fresh = [];
    // The mark is a property, not the data-crm-ready attribute: instant navigation may bring
    // back a copy of an enhanced page, attribute included, whose elements have no listeners.
    document.querySelectorAll("[data-crm-root]").forEach(function ($root) {
      if (!$root.crmView) fresh.push(($root.crmView = setup($root)));
    });
    app.views = app.views.concat(fresh);
    if (!app.views.length) return;
    app.store.load();
    var early = earlyTicks(fresh);
    if (early) change(early);
    else renderAll();
    if (app.pending) app.notify(app.pending);
    sharing.checkLink();
    if (started) return;
    started = true;
    window.addEventListener("storage", function (event) {
      if (event.key === S.KEY && event.newValue && app.store.take(event.newValue)) renderAll();
    });
    // Back/forward cache: the page may show answers older than the storage.
    window.addEventListener("pageshow", function () {
      app.store.load();
      renderAll();
    });
    window.addEventListener("hashchange", sharing.checkLink);
    window.addEventListener("beforeprint", printDate);
  }

  D.onEveryPage(init);
})(this);
