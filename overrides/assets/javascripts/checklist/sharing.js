/**
 * Sharing without a server: the share dialog (link and file exports), import, comparing two sets
 * of answers, combining members' files, and opening a share link.
 * Browser only: window.CrmChecklistSharing.create(app).
 */
(function (root) {
  "use strict";

  var S = root.CrmChecklistState;
  var Score = root.CrmChecklistScore;
  var Share = root.CrmChecklistShare;
  var D = root.CrmChecklistDom;
  var Dialog = root.CrmChecklistDialog;
  var F = root.CrmChecklistFormats;

  var TYPES = { json: "application/json", md: "text/markdown", csv: "text/csv", ics: "text/calendar" };
  var FORMATS = { json: "toJSON", md: "toMarkdown", csv: "toCSV", ics: "toICS" };

  function create(app) {
    function data() {
      return app.store.data;
    }

    /** The page's patterns and items, in its language, for the exports. */
    function catalog(view) {
      return view.groups.map(function (group) {
        return {
          id: group.id,
          title: group.title,
          step: group.step,
          items: group.ids.map(function (id) {
            return { id: id, text: view.items[id].text, measure: view.items[id].measure };
          }),
        };
      });
    }

    function exportAs(view, kind) {
      var name = "crm-checklist-" + new Date().toISOString().slice(0, 10) + "." + kind;
      var now = Date.now();
      var text = kind === "json"
        ? F.toJSON(data(), app.store.name, now)
        : F[FORMATS[kind]](data(), catalog(view), view.t, { date: D.date(view), now: now });
      D.download(name, TYPES[kind], text, kind);
      app.notify(D.fmt(view, "cl_exported", { file: name }));
    }

    function share(view) {
      var link = Share.encode(data().items, data().plan, Date.now());
      var url = location.href.split("#")[0] + "#" + link.fragment;
      var $name = D.field(view, "cl_share_name", { type: "text", maxLength: S.LIMIT.name, value: app.store.name, oninput: function () { app.store.name = $name[1].value; } });
      var $link = D.field(view, "cl_link_label", { type: "text", readOnly: true, value: url });
      // A calendar needs at least one event (RFC 5545): offered once an action has a due date.
      var dated = F.actions(data(), catalog(view)).some(function (action) { return action.due; });
      var kinds = ["json", "md", "csv"].concat(dated ? ["ics"] : []);
      Dialog.open(view, view.t.cl_share_title, [
        D.el("p", { className: "crm-cl__field" }, $name),
        D.el("h3", { textContent: view.t.cl_export_heading }),
        D.el("p", { className: "crm-cl__buttons" }, kinds.map(function (kind) {
          return D.button(view.t["cl_export_" + kind], function () { exportAs(view, kind); });
        })),
        D.el("p", { className: "crm-cl__field" }, $link.concat([D.button(view.t.cl_copy, function () {
          var done = function () { app.notify("cl_copied"); };
          var manual = function () { $link[1].select(); app.notify("cl_copy_manual"); };
          try {
            navigator.clipboard.writeText(url).then(done, manual);
          } catch (e) {
            manual();
          }
        })])),
        D.el("p", { className: "crm-cl__hint", textContent: view.t[link.plan ? "cl_link_plan" : "cl_link_no_plan"] }),
      ]);
    }

    /** What improved, slipped or changed scope between two sets of answers. */
    function compare(view, nameA, nameB, before, after, actions) {
      var diff = Score.compare(before, after, view.ids);
      var body = [];
      ["improved", "slipped", "changed"].forEach(function (kind) {
        if (!diff[kind].length) return;
        body.push(D.el("h3", { textContent: D.aside(view, view.t["cl_" + kind], diff[kind].length) }));
        body.push(D.el("ul", { className: "crm-cl__" + kind }, diff[kind].map(function (id) {
          return D.el("li", { textContent: view.items[id].text });
        })));
      });
      if (!body.length) body.push(D.el("p", { textContent: view.t.cl_no_change }));
      Dialog.open(view, D.fmt(view, "cl_compare_title", { a: nameA, b: nameB }), body, actions);
    }

    /** Ask what to do with answers from a file or a share link: replace (with undo) or compare. */
    function incoming(view, source, imported) {
      var s = Score.score(imported.items, view.ids);
      var load = function () {
        var base = S.merge(data(), {
          items: {}, plan: {}, rounds: imported.rounds || [], meta: imported.meta || null, combined: imported.combined || null,
        });
        app.store.data = base;
        app.replace(imported.items, "cl_loaded", imported.plan);
      };
      var text = D.fmt(view, "cl_incoming_text", { source: source, date: D.date(view, imported.date), done: s.done, na: s.na });
      Dialog.open(view, view.t.cl_incoming_title, [D.el("p", { textContent: text })], [
        [view.t.cl_load, load],
        [view.t.cl_compare, function () {
          compare(view, view.t.cl_now, source, data().items, imported.items, [[view.t.cl_load, load]]);
        }],
      ], "cl_cancel");
    }

    /** Read a chosen file as text, refusing huge ones before reading them. */
    function readFile(file) {
      if (file.size > S.LIMIT.file) return Promise.resolve({ error: "huge" });
      return file.text().then(S.readImport, function () { return { error: "read" }; });
    }

    function fileError(view, name, error) {
      return D.fmt(view, "cl_err_file", { file: name, error: view.t["cl_err_" + error] });
    }

    function importDialog(view) {
      var $error = D.el("p", { className: "crm-cl__error", role: "alert" });
      var $file = D.field(view, "cl_import_file", { type: "file", accept: ".json,application/json", onchange: function () {
        var file = this.files[0];
        if (!file) return;
        readFile(file).then(function (result) {
          if (result.error) $error.textContent = fileError(view, file.name, result.error);
          else {
            var d = result.data;
            incoming(view, result.name || file.name, { items: d.items, plan: result.hasPlan ? d.plan : null, rounds: d.rounds, meta: d.meta, combined: d.combined, date: file.lastModified });
          }
        });
      } });
      Dialog.open(view, view.t.cl_import_title, [D.el("p", { textContent: view.t.cl_import_intro }), D.el("p", { className: "crm-cl__field" }, $file), $error]);
    }

    /** The team's answers side by side: per item, how many chose each answer, disagreements marked. */
    function showCombined(view, $result, files, results) {
      var names = [];
      var maps = [];
      var nodes = [];
      results.forEach(function (result, index) {
        if (result.error) {
          nodes.push(D.el("p", { className: "crm-cl__error", textContent: fileError(view, files[index].name, result.error) }));
          return;
        }
        names.push(result.name || files[index].name);
        maps.push(result.data.items);
      });
      var rows = Score.combine(maps, view.ids);
      var split = view.ids.filter(function (id) { return rows[id].split; });
      nodes.push(D.el("p", { textContent: D.fmt(view, "cl_combine_summary", { n: maps.length, names: D.list(view, names) }) }));
      if (maps.length) nodes.push(D.el("p", { textContent: D.fmt(view, "cl_combine_splits", { n: split.length }) }));
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
      if (maps.length) {
        nodes.push(D.el("div", { className: "crm-cl__scroll" }, [$table]));
        // Kept for the report: who took part and where they disagree.
        app.commit(S.setCombined(data(), names, split, app.store.now()));
      }
      $result.replaceChildren.apply($result, nodes);
    }

    function combineDialog(view) {
      var $result = D.el("div", { role: "status" });
      var $files = D.field(view, "cl_combine_files", { type: "file", multiple: true, accept: ".json,application/json", onchange: function () {
        var files = Array.prototype.slice.call(this.files);
        Promise.all(files.map(readFile)).then(function (results) {
          showCombined(view, $result, files, results);
        });
      } });
      Dialog.open(view, view.t.cl_combine_title, [D.el("p", { textContent: view.t.cl_combine_intro }), D.el("p", { className: "crm-cl__field" }, $files), $result]);
    }

    /** A share link (`#cl=…`) in the address: ask before using it, then drop it from the address. */
    function checkLink() {
      var views = app.views;
      var view = views.filter(function (v) { return v.all; })[0] || views[0];
      if (!view || location.hash.indexOf("#cl=") !== 0) return;
      var shared = Share.decode(location.hash);
      history.replaceState(history.state, "", location.href.split("#")[0]);
      if (shared.error) return app.notify({ future: "cl_err_future", date: "cl_err_link_date" }[shared.error] || "cl_err_link");
      incoming(view, view.t.cl_source_link, shared);
    }

    return {
      share: share, exportAs: exportAs, importDialog: importDialog, combineDialog: combineDialog,
      compare: compare, checkLink: checkLink,
    };
  }

  root.CrmChecklistSharing = { create: create };
})(this);
