/**
 * Answers that survive the browser: asks for persistent storage after the first saved change,
 * says next to "saved in this browser" whether the browser may delete the answers on its own,
 * offers a one-click backup file (the JSON export, which the checklist's Import reads back) and
 * reminds the team, without blocking, when changes of a few days are in no backup yet.
 * Enhances every [data-crm-root] that has a [data-crm-persist] block (overrides/crm/checklist.html).
 * Browser: window.CrmChecklistPersist; Node: module.exports (tests/js/persist.test.js).
 */
(function (root) {
  "use strict";

  var KEY = "crm-failure-patterns:checklist";
  var BACKUP_KEY = KEY + ":backup";
  var DAY = 24 * 60 * 60 * 1000;
  // Three days: a team that fills the list in one sitting is not nagged that day, and a reminder
  // seen on the next visit still leaves time within Safari's 7 days without a visit.
  var REMIND_AFTER_DAYS = 3;

  var D = root.CrmChecklistDom; // undefined under Node, where only the pure logic runs

  // ----- Pure logic (no DOM, no storage)

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function time(value) {
    return typeof value === "number" && isFinite(value) && value > 0 ? value : 0;
  }

  /**
   * Every change time in stored checklist data, version 1 or 2 (items, plan, rounds, meta,
   * combined all carry `updated`; a version-1 round only its `date`).
   * @returns {number[]}
   */
  function changeTimes(data) {
    var times = [];
    if (!isObject(data)) return times;
    function add(entry) {
      if (isObject(entry)) times.push(time(entry.updated) || time(entry.date));
    }
    ["items", "plan"].forEach(function (map) {
      if (isObject(data[map])) Object.keys(data[map]).forEach(function (id) { add(data[map][id]); });
    });
    if (Array.isArray(data.rounds)) data.rounds.forEach(add);
    add(data.meta);
    add(data.combined);
    return times.filter(Boolean);
  }

  /** The latest change (0: none). */
  function lastChange(data) {
    return changeTimes(data).reduce(function (a, b) { return Math.max(a, b); }, 0);
  }

  /**
   * Is a backup reminder due? When answers changed after the last backup (or JSON export) and that
   * backup is `REMIND_AFTER_DAYS` old; with no backup ever, when the first answer is that old (so
   * a team answering for the first time is not nagged that day).
   * @param {object} data stored checklist data
   * @param {number} backupAt time of the last backup, 0 for never
   * @param {number} now
   * @returns {{days: number, never: boolean}|null} the backup's age (or the answers') in days
   */
  function reminder(data, backupAt, now) {
    var times = changeTimes(data).filter(function (t) { return t <= now; });
    var pending = times.filter(function (t) { return t > backupAt; });
    if (!pending.length) return null;
    var since = backupAt || Math.min.apply(null, times);
    var days = Math.floor((now - since) / DAY);
    return days >= REMIND_AFTER_DAYS ? { days: days, never: !backupAt } : null;
  }

  /** The last backup time kept under BACKUP_KEY (0 when absent or unreadable). */
  function readBackup(raw) {
    try {
      var value = JSON.parse(raw);
      return isObject(value) ? time(value.at) : 0;
    } catch (e) {
      return 0;
    }
  }

  function backupRecord(now) {
    return JSON.stringify({ at: now });
  }

  /**
   * What to say about the browser keeping the answers: "granted" (persistent storage), or
   * "evictable" (not granted, or a browser without the Storage API). Never called when storage is
   * refused: the checklist already says the answers will not be kept.
   */
  function statusKey(persisted) {
    return persisted ? "cl_persist_granted" : "cl_persist_evictable";
  }

  function backupName(now) {
    return "crm-checklist-backup-" + new Date(now).toISOString().slice(0, 10) + ".json";
  }

  var api = {
    KEY: KEY, BACKUP_KEY: BACKUP_KEY, DAY: DAY, REMIND_AFTER_DAYS: REMIND_AFTER_DAYS,
    changeTimes: changeTimes, lastChange: lastChange, reminder: reminder, readBackup: readBackup,
    backupRecord: backupRecord, statusKey: statusKey, backupName: backupName,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.CrmChecklistPersist = api;

  // ----- In the page

  var views = [];
  var asked = false; // persist() is asked once per page view, after a saved change
  var started = false;

  /** localStorage, or null where the browser refuses it (the getter itself throws). */
  function storage() {
    try {
      var $ls = window.localStorage;
      $ls.getItem(KEY);
      return $ls;
    } catch (e) {
      return null;
    }
  }

  /** What the checklist saved (parsed), or null. */
  function stored($ls) {
    try {
      return JSON.parse($ls.getItem(KEY));
    } catch (e) {
      return null;
    }
  }

  function manager() {
    var s = navigator.storage;
    return s && typeof s.persisted === "function" && typeof s.persist === "function" ? s : null;
  }

  /** Whether the browser keeps this site's storage for good (false when it cannot say). */
  function persisted() {
    var s = manager();
    if (!s) return Promise.resolve(false);
    try {
      return s.persisted().then(Boolean, function () { return false; });
    } catch (e) {
      return Promise.resolve(false);
    }
  }

  /** Ask once for persistent storage, unless it is granted already. */
  function ask() {
    var s = manager();
    if (asked || !s) return Promise.resolve();
    asked = true;
    return persisted().then(function (yes) {
      if (yes) return;
      try {
        return s.persist().then(null, function () {});
      } catch (e) {
        return undefined;
      }
    });
  }

  function setup($root, $box) {
    var view = {
      $root: $root,
      t: JSON.parse($root.dataset.crmStrings || "{}"),
      lang: document.documentElement.lang || "en",
      $line: $box.querySelector("[data-crm-persist-line]"),
      $status: $box.querySelector("[data-crm-persist-status]"),
      $remind: $box.querySelector("[data-crm-persist-remind]"),
      $backup: $box.querySelector("[data-crm-backup]"),
    };
    view.$backup.addEventListener("click", function () { backup(view); });
    return view;
  }

  /** Show, in every checklist, what the browser does with the answers and whether to back up. */
  function refresh() {
    var $ls = storage();
    // Storage refused: the checklist's own line says the answers will not be kept; add nothing.
    if (!$ls) return Promise.resolve();
    var data = stored($ls);
    var backupAt = readBackup($ls.getItem(BACKUP_KEY));
    var now = Date.now();
    var any = lastChange(data) > 0;
    var due = reminder(data, backupAt, now);
    return persisted().then(function (yes) {
      views.forEach(function (view) {
        // A reader who only browses has nothing to lose: nothing is said until there are answers.
        var text = D.fmt(view, statusKey(yes));
        // Japanese runs sentences on without a space.
        if (backupAt) text += (/^ja\b/.test(view.lang) ? "" : " ") + D.fmt(view, "cl_backup_last", { date: D.date(view, backupAt) });
        view.$status.textContent = any ? text : "";
        view.$line.hidden = !any;
        if (due) view.$remind.textContent = D.fmt(view, due.never ? "cl_backup_remind_none" : "cl_backup_remind", { days: due.days });
        if (due || !("done" in view.$remind.dataset)) view.$remind.hidden = !due;
      });
    });
  }

  /** Save the answers as the JSON export (it imports back); the export event records when. */
  function backup(view) {
    var $ls = storage();
    if (!$ls) return;
    var parsed = root.CrmChecklistState.parse($ls.getItem(KEY));
    if (!parsed.data) return;
    var now = Date.now();
    var name = backupName(now);
    D.download(name, "application/json", root.CrmChecklistFormats.toJSON(parsed.data, "", now), "json");
    views.forEach(function (v) {
      v.$remind.textContent = D.fmt(v, "cl_backup_done", { file: name });
      v.$remind.dataset.done = "";
      v.$remind.hidden = false;
    });
    if (view.$backup.isConnected) view.$backup.focus();
  }

  /** A JSON export or a backup was written: it holds every change so far. */
  function onExported(event) {
    if (!event.detail || event.detail.format !== "json") return; // Markdown and CSV do not import
    var $ls = storage();
    if (!$ls) return;
    try {
      $ls.setItem(BACKUP_KEY, backupRecord(Date.now()));
    } catch (e) {
      return;
    }
    refresh();
  }

  /** The checklist saved a change: ask to keep storage (first time), then say where it stands. */
  function onSaved() {
    if (!storage()) return;
    views.forEach(function (view) {
      // "Backup saved" no longer holds once the answers change again.
      if (!("done" in view.$remind.dataset)) return;
      delete view.$remind.dataset.done;
      view.$remind.hidden = true;
    });
    // Firefox asks the reader, and its promise waits for the answer: say where things stand now.
    refresh();
    ask().then(refresh);
  }

  function init() {
    views = views.filter(function (view) { return view.$root.isConnected; });
    document.querySelectorAll("[data-crm-root]").forEach(function ($root) {
      var $box = $root.querySelector("[data-crm-persist]");
      if ($box && !$root.crmPersist) views.push(($root.crmPersist = setup($root, $box)));
    });
    if (!views.length) return;
    refresh();
    if (started) return;
    started = true;
    document.addEventListener("crm-checklist:saved", onSaved);
    document.addEventListener("crm-checklist:exported", onExported);
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === BACKUP_KEY) refresh();
    });
  }

  D.onEveryPage(init);
})(this);
