/**
 * When to remind the team to save a backup file, and the backup record kept under a key of its
 * own (STORAGE.md, "The backup record"). Pure functions: no DOM, no storage.
 */

import { BACKUP_KEY, KEY } from "./contract.mjs";
import { isObject, time } from "./util.mjs";

export { BACKUP_KEY, KEY };
export var DAY = 24 * 60 * 60 * 1000;
// Three days: a team that fills the list in one sitting is not nagged that day, and a reminder
// seen on the next visit still leaves time within Safari's 7 days without a visit.
export var REMIND_AFTER_DAYS = 3;

/**
 * Every change time in stored checklist data, version 1 or 2 (items, plan, rounds, meta,
 * combined all carry `updated`; a version-1 round only its `date`).
 * @param {unknown} data
 * @returns {number[]}
 */
export function changeTimes(data) {
  /** @type {number[]} */
  var times = [];
  if (!isObject(data)) return times;
  /** @param {unknown} entry */
  function add(entry) {
    if (isObject(entry)) times.push(time(entry.updated) || time(entry.date));
  }
  ["items", "plan"].forEach(function (name) {
    var map = data[name];
    if (isObject(map)) Object.keys(map).forEach(function (id) { add(map[id]); });
  });
  if (Array.isArray(data.rounds)) data.rounds.forEach(add);
  add(data.meta);
  add(data.combined);
  return times.filter(Boolean);
}

/**
 * The latest change (0: none).
 * @param {unknown} data
 */
export function lastChange(data) {
  return changeTimes(data).reduce(function (a, b) { return Math.max(a, b); }, 0);
}

/**
 * Is a backup reminder due? When answers changed after the last backup (or JSON export) and that
 * backup is `REMIND_AFTER_DAYS` old; with no backup ever, when the first answer is that old (so
 * a team answering for the first time is not nagged that day).
 * @param {unknown} data stored checklist data
 * @param {number} backupAt time of the last backup, 0 for never
 * @param {number} now
 * @returns {{days: number, never: boolean}|null} the backup's age (or the answers') in days
 */
export function reminder(data, backupAt, now) {
  var times = changeTimes(data).filter(function (t) { return t <= now; });
  var pending = times.filter(function (t) { return t > backupAt; });
  if (!pending.length) return null;
  var since = backupAt || Math.min.apply(null, times);
  var days = Math.floor((now - since) / DAY);
  return days >= REMIND_AFTER_DAYS ? { days: days, never: !backupAt } : null;
}

/**
 * The last backup time kept under BACKUP_KEY (0 when absent or unreadable).
 * @param {string|null} raw
 */
export function readBackup(raw) {
  try {
    var value = JSON.parse(/** @type {string} */ (raw));
    return isObject(value) ? time(value.at) : 0;
  } catch {
    return 0;
  }
}

/** @param {number} now */
export function backupRecord(now) {
  return JSON.stringify({ at: now });
}

/**
 * What to say about the browser keeping the answers: "granted" (persistent storage), or
 * "evictable" (not granted, or a browser without the Storage API). Never called when storage is
 * refused: the checklist already says the answers will not be kept.
 * @param {boolean} persisted
 */
export function statusKey(persisted) {
  return persisted ? "cl_persist_granted" : "cl_persist_evictable";
}

/** @param {number} now */
export function backupName(now) {
  return "crm-checklist-backup-" + new Date(now).toISOString().slice(0, 10) + ".json";
}
