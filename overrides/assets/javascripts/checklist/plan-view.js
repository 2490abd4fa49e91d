/**
 * The action plan in the results of the full checklist: the team's actions (owner, due date,
 * status), a focused proposal to start from, and an "add to the plan" button on every next step.
 * Browser only: window.CrmChecklistPlanView.create(app).
 */
(function (root) {
  "use strict";

  var Plan = root.CrmChecklistPlan;
  var D = root.CrmChecklistDom;
  var Dialog = root.CrmChecklistDialog;

  function create(app) {
    function data() {
      return app.store.data;
    }

    function change(id, fields) {
      var before = data().plan;
      app.commit(Object.assign({}, data(), { plan: Plan.set(before, id, fields, app.store.now()) }));
    }

    function add(view, ids) {
      var now = app.store.now();
      var plan = data().plan;
      ids.forEach(function (id) { plan = Plan.set(plan, id, {}, now); });
      app.commit(Object.assign({}, data(), { plan: plan }));
      app.notify(D.fmt(view, "cl_plan_added", { n: ids.length }));
    }

    function remove(view, id) {
      var entry = data().plan[id];
      app.commit(Object.assign({}, data(), { plan: Plan.remove(data().plan, id, app.store.now()) }));
      app.notify(D.fmt(view, "cl_plan_removed", { item: view.items[id].text }), function () {
        change(id, { owner: entry.owner, due: entry.due, status: entry.status });
      });
    }

    /** The button on a next step that adds its statement to the plan or takes it off. */
    function addButton(view, id) {
      return D.el("button", {
        type: "button", className: "crm-cl__add", "aria-describedby": "crm-text-" + id,
        onclick: function () {
          if (Plan.isActive(data().plan, id)) remove(view, id);
          else add(view, [id]);
        },
      });
    }

    function markAdd(view, id, $button) {
      var active = Plan.isActive(data().plan, id);
      if ($button.crmActive === active) return;
      $button.crmActive = active;
      $button.textContent = view.t[active ? "cl_plan_remove_step" : "cl_plan_add"];
    }

    /** Groups of the page for the proposal: ids and the position of the pattern's cycle step. */
    function groups(view) {
      return view.groups.map(function (group) { return { ids: group.ids, step: group.stepOrder }; });
    }

    function propose(view) {
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

    /** One action: its statement, then owner, due date, status and Remove. */
    function row(view, id) {
      var item = view.items[id];
      var $error = D.el("p", { className: "crm-cl__error", role: "alert" });
      var describe = { "aria-describedby": "crm-plan-text-" + id };
      var $owner = D.field(view, "cl_plan_owner", Object.assign({ id: "crm-owner-" + id, type: "text", maxLength: Plan.LIMIT.owner, autocomplete: "off" }, describe));
      var $due = D.field(view, "cl_plan_due", Object.assign({ id: "crm-due-" + id, type: "date" }, describe));
      var $status = D.field(view, "cl_plan_status", Object.assign({ id: "crm-status-" + id }, describe), "select");
      Plan.STATUSES.forEach(function (status) {
        $status[1].append(D.el("option", { value: status, textContent: view.t["cl_plan_status_" + status] }));
      });
      var timer;
      var saveOwner = function () {
        clearTimeout(timer);
        if (data().plan[id].owner !== $owner[1].value) change(id, { owner: $owner[1].value });
      };
      $owner[1].addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(saveOwner, 400); });
      $owner[1].addEventListener("change", saveOwner);
      $due[1].addEventListener("change", function () {
        var value = $due[1].value.trim();
        // A browser without a date picker gives a text field: what is typed there is checked.
        if ((value && !Plan.validDate(value)) || (!value && $due[1].validity && $due[1].validity.badInput)) {
          $error.textContent = view.t.cl_err_date;
          return;
        }
        $error.textContent = "";
        change(id, { due: value });
      });
      $status[1].addEventListener("change", function () { change(id, { status: $status[1].value }); });
      var $li = D.el("li", { className: "crm-cl__action" }, [
        D.el("p", { className: "crm-cl__action-text", id: "crm-plan-text-" + id }, [
          item.text, D.el("span", { className: "crm-cl__pattern", textContent: item.group.title }),
        ]),
        D.el("div", { className: "crm-cl__action-fields" }, [
          D.el("span", { className: "crm-cl__field" }, $owner),
          D.el("span", { className: "crm-cl__field" }, $due),
          D.el("span", { className: "crm-cl__field" }, $status),
          D.button(view.t.cl_plan_remove, function () { remove(view, id); }, { className: "md-button crm-cl__remove", "aria-describedby": "crm-plan-text-" + id }),
        ]),
        $error,
      ]);
      return { $li: $li, $owner: $owner[1], $due: $due[1], $status: $status[1], $error: $error, shown: null };
    }

    function fill(input, value) {
      if (document.activeElement !== input && input.value !== value) input.value = value;
    }

    /** The plan as it is now: rows kept between renders, so typing is never interrupted. */
    function render(view) {
      if (!view.$plan) return;
      var plan = data().plan;
      var ids = Plan.ordered(plan, view.ids);
      view.planRows = view.planRows || {};
      ids.forEach(function (id) {
        var r = view.planRows[id] || (view.planRows[id] = row(view, id));
        var entry = plan[id];
        if (r.shown === entry) return;
        r.shown = entry;
        fill(r.$owner, entry.owner);
        fill(r.$due, entry.due);
        fill(r.$status, entry.status);
        r.$li.classList.toggle("is-done", entry.status === "done");
      });
      var key = ids.join();
      if (view.planKey !== key) {
        view.planKey = key;
        var $focus = view.$planList.contains(document.activeElement) ? document.activeElement : null;
        view.$planList.replaceChildren.apply(view.$planList, ids.map(function (id) { return view.planRows[id].$li; }));
        if ($focus && $focus.isConnected) $focus.focus();
        var done = ids.filter(function (id) { return plan[id].status === "done"; }).length;
        view.$planEmpty.hidden = ids.length > 0;
        view.$planSummary.textContent = ids.length ? D.fmt(view, "cl_plan_summary", { n: ids.length, done: done }) : "";
      } else {
        var finished = ids.filter(function (id) { return plan[id].status === "done"; }).length;
        var summary = ids.length ? D.fmt(view, "cl_plan_summary", { n: ids.length, done: finished }) : "";
        if (view.$planSummary.textContent !== summary) view.$planSummary.textContent = summary;
      }
      renderMeta(view);
    }

    function renderMeta(view) {
      if (!view.$title) return;
      var meta = data().meta;
      fill(view.$title, meta.title);
      fill(view.$participants, meta.participants);
    }

    /** Wire the plan's part of a checklist (once, at setup). */
    function setup(view) {
      view.$plan = D.find(view.$root, "plan");
      if (!view.$plan) return;
      view.$planList = D.find(view.$plan, "planList");
      view.$planEmpty = D.find(view.$plan, "planEmpty");
      view.$planSummary = D.find(view.$plan, "planSummary");
      view.$title = D.find(view.$root, "metaTitle");
      view.$participants = D.find(view.$root, "metaParticipants");
      [[view.$title, "title"], [view.$participants, "participants"]].forEach(function (pair) {
        if (!pair[0]) return;
        var timer;
        var save = function () {
          clearTimeout(timer);
          if (data().meta[pair[1]] === pair[0].value) return;
          var fields = {};
          fields[pair[1]] = pair[0].value;
          app.commit(app.S.setMeta(data(), fields, app.store.now()));
        };
        pair[0].addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(save, 400); });
        pair[0].addEventListener("change", save);
      });
    }

    return { setup: setup, render: render, propose: propose, addButton: addButton, markAdd: markAdd };
  }

  root.CrmChecklistPlanView = { create: create };
})(this);
