/**
 * The page's one store of answers, kept in localStorage (format: STORAGE.md): read, merge with
 * what other tabs wrote, write, and say when it cannot. Browser only: window.CrmChecklistStore.
 */
(function (root) {
  "use strict";

  var S = root.CrmChecklistState;

  /** @param {function(string)} notify shows a message (a ui.yml key) on every checklist */
  function create(notify) {
    var store = { data: S.empty(), writable: true, problem: "", name: "", last: null, clock: 0 };

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
      return false;
    }

    /** Take in what storage holds; false when it must not be overwritten. */
    function adopt($ls, raw) {
      // What we wrote or read last is in our data already: merging it again changes nothing.
      if (raw !== null && raw === store.last) return true;
      var result = S.parse(raw);
      if (result.data) {
        store.data = S.merge(store.data, result.data);
        store.last = raw;
        return true;
      }
      if (result.error === "future") return readOnly("cl_err_storage_future");
      try {
        // Unreadable: keep a copy, so nothing is lost, before starting afresh.
        $ls.setItem(S.KEY + ":unreadable", raw);
        $ls.removeItem(S.KEY);
        notify("cl_err_storage_garbage");
        return true;
      } catch (e) {
        return readOnly("cl_err_storage_unavailable");
      }
    }

    /** A timestamp that always grows, so two changes in one millisecond still order. */
    store.now = function () {
      store.clock = Math.max(Date.now(), store.clock + 1);
      return store.clock;
    };

    /** Merge the stored answers into ours (at start, on pageshow, after another tab wrote). */
    store.load = function () {
      if (!store.writable) return;
      try {
        adopt(storage(), storage().getItem(S.KEY));
      } catch (e) {
        readOnly("cl_err_storage_unavailable");
      }
    };

    /** Another tab wrote `raw`: take its changes in without losing ours. */
    store.take = function (raw) {
      if (!store.writable || raw === store.last) return false;
      var result = S.parse(raw);
      if (!result.data) return false;
      store.data = S.merge(store.data, result.data);
      store.last = raw;
      return true;
    };

    /** Write our answers, merged with whatever another tab saved meanwhile; `updated`: the change's time. */
    store.save = function (updated) {
      var $ls = storage();
      if (!store.writable) return false;
      try {
        if (!adopt($ls, $ls.getItem(S.KEY))) return false;
        var raw = JSON.stringify(store.data);
        $ls.setItem(S.KEY, raw);
        store.last = raw;
      } catch (e) {
        notify("cl_err_storage_full");
        return false;
      }
      document.dispatchEvent(new CustomEvent("crm-checklist:saved", { detail: { updated: updated || Date.now() } }));
      return true;
    };

    return store;
  }

  root.CrmChecklistStore = { create: create };
})(this);
