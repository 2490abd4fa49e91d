/**
 * The one way the checklist reaches localStorage. Where the browser refuses storage (Chrome's
 * "block all cookies", some private modes), the `localStorage` getter itself throws: every reader
 * goes through here, so none of them fails at start.
 */

/**
 * localStorage, or null where the browser refuses it.
 * @returns {Storage|null}
 */
export function storage() {
  try {
    var $ls = window.localStorage;
    $ls.getItem(""); // some browsers hand out the object and refuse its first use
    return $ls;
  } catch {
    return null;
  }
}

/**
 * What is stored under `key`: the text, null when nothing is, undefined when storage is refused.
 * @param {string} key
 * @returns {string|null|undefined}
 */
export function read(key) {
  var $ls = storage();
  if (!$ls) return undefined;
  try {
    return $ls.getItem(key);
  } catch {
    return undefined;
  }
}

/**
 * Store `value` under `key`; false when the browser refuses it (storage refused or full).
 * @param {string} key
 * @param {string} value
 */
export function write(key, value) {
  var $ls = storage();
  if (!$ls) return false;
  try {
    $ls.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
