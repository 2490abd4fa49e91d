/**
 * The page's one store of answers, kept in localStorage (format: STORAGE.md): read, merge with
 * what other tabs wrote, write, and say when it cannot. Every change goes through commit(); the
 * views subscribe and show what it holds.
 */

import { KEY, UNREADABLE_KEY } from "../model/contract.mjs";
import * as S from "../model/state.mjs";
import { storage } from "./storage.mjs";

/**
 * What subscribers hear: `saved` after a commit (whether it reached storage), undefined when the
 * store took in what storage or another tab holds.
 * @typedef {{saved?: boolean}} Change
 */
/**
 * @typedef {object} Store
 * @property {S.Data} data the answers; read it, change it only through commit()
 * @property {boolean} writable false once storage must not (or cannot) be written
 * @property {string} problem why not (a ui.yml key), shown in place of the "saved" line
 * @property {string} name who answers (for exports), typed in the share dialog
 * @property {() => number} now a timestamp that always grows
 * @property {() => void} load merge in what storage holds (silent: the caller shows it)
 * @property {(raw: string) => boolean} take take in what another tab wrote, and tell subscribers
 * @property {(data: S.Data) => boolean} commit make `data` the answers, save and tell subscribers
 * @property {(listener: (change: Change) => void) => void} subscribe
 */

/**
 * @param {(key: string) => void} notify shows a message (a ui.yml key) on every checklist
 * @returns {Store}
 */
export function create(notify) {
  var last = /** @type {string|null} */ (null);
  var clock = 0;
  /** @type {((change: Change) => void)[]} */
  var listeners = [];

  /** @type {Store} */
  var store = {
    data: S.empty(), writable: true, problem: "", name: "",
    now: now, load: load, take: take, commit: commit, subscribe: subscribe,
  };

  /**
   * Stop writing (the reason shows in place of the "saved" line).
   * @param {string} problem
   */
  function readOnly(problem) {
    store.writable = false;
    store.problem = problem;
    return false;
  }

  /**
   * Take in what storage holds; false when it must not be overwritten.
   * @param {Storage} $ls
   * @param {string|null} raw
   */
  function adopt($ls, raw) {
    // What we wrote or read last is in our data already: merging it again changes nothing.
    if (raw !== null && raw === last) return true;
    var result = S.parse(raw);
    if (result.data) {
      store.data = S.merge(store.data, result.data);
      last = raw;
      return true;
    }
    if (result.error === "future") return readOnly("cl_err_storage_future");
    try {
      // Unreadable: keep a copy, so nothing is lost, before starting afresh.
      $ls.setItem(UNREADABLE_KEY, /** @type {string} */ (raw));
      $ls.removeItem(KEY);
      notify("cl_err_storage_garbage");
      return true;
    } catch {
      return readOnly("cl_err_storage_unavailable");
    }
  }

  /** A timestamp that always grows, so two changes in one millisecond still order. */
  function now() {
    clock = Math.max(Date.now(), clock + 1);
    return clock;
  }

  /** @param {Change} change */
  function tell(change) {
    listeners.forEach(function (listener) { listener(change); });
  }

  /** Merge the stored answers into ours (at start, on pageshow, after another tab wrote). */
  function load() {
    if (!store.writable) return;
    var $ls = storage();
    if (!$ls) return void readOnly("cl_err_storage_unavailable");
    try {
      adopt($ls, $ls.getItem(KEY));
    } catch {
      readOnly("cl_err_storage_unavailable");
    }
  }

  /**
   * Another tab wrote `raw`: take its changes in without losing ours.
   * @param {string} raw
   */
  function take(raw) {
    if (!store.writable || raw === last) return false;
    var result = S.parse(raw);
    if (!result.data) return false;
    store.data = S.merge(store.data, result.data);
    last = raw;
    tell({});
    return true;
  }

  /**
   * Write our answers, merged with whatever another tab saved meanwhile; `updated`: the change's time.
   * @param {number} updated
   */
  function save(updated) {
    var $ls = storage();
    if (!store.writable || !$ls) return false;
    try {
      if (!adopt($ls, $ls.getItem(KEY))) return false;
      var raw = JSON.stringify(store.data);
      $ls.setItem(KEY, raw);
      last = raw;
    } catch {
      notify("cl_err_storage_full");
      return false;
    }
    document.dispatchEvent(new CustomEvent("crm-checklist:saved", { detail: { updated: updated || Date.now() } }));
    return true;
  }

  /**
   * Make `data` the answers, save them and let every view show them.
   * @param {S.Data} data
   */
  function commit(data) {
    var updated = now();
    store.data = data;
    var saved = save(updated);
    tell({ saved: saved });
    return saved;
  }

  /** @param {(change: Change) => void} listener */
  function subscribe(listener) {
    listeners.push(listener);
  }

  return store;
}
