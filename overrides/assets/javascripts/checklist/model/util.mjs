/**
 * Small checks every part of the checklist's model needs (pure functions, no DOM).
 */

/**
 * A plain object (not null, not an array): the shape of every map in the stored format.
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * `map[id]` when `map` has it as its own key: an id such as "constructor" must not find
 * Object's prototype. A missing map has nothing.
 * @template T
 * @param {Record<string, T>|null|undefined} map
 * @param {string} id
 * @returns {T|undefined}
 */
export function own(map, id) {
  return map && Object.prototype.hasOwnProperty.call(map, id) ? map[id] : undefined;
}

/**
 * A stored time in ms (positive and finite), or 0. `max` bounds it where it must also be a date
 * that Date can write (8.64e15, for iCalendar's stamps).
 * @param {unknown} value
 * @param {number} [max]
 * @returns {number}
 */
export function time(value, max) {
  if (typeof value !== "number" || !isFinite(value) || value <= 0) return 0;
  return max === undefined || value < max ? value : 0;
}

/** The latest time Date can write (ms since 1970). */
export const LAST_DATE = 8.64e15;

/**
 * A real calendar date written YYYY-MM-DD (2026-02-30 is not one).
 * @param {unknown} value
 * @returns {value is string}
 */
export function validDate(value) {
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
  if (!m) return false;
  var date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return date.getUTCFullYear() === +m[1] && date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3];
}

/**
 * Free text cut to `max` characters ("" for anything that is not a string).
 * @param {unknown} value
 * @param {number} max
 */
export function text(value, max) {
  return typeof value === "string" ? value.slice(0, max) : "";
}

/**
 * Free text cut to `max` characters, then put on one line (the stored format's order for
 * titles and member names).
 * @param {unknown} value
 * @param {number} max
 */
export function line(value, max) {
  return text(value, max).replace(/[\r\n]+/g, " ");
}

/**
 * Free text put on one line, then cut to `max` characters (the order for owners and round
 * names: a line break counts as one space).
 * @param {unknown} value
 * @param {number} max
 */
export function oneLine(value, max) {
  return typeof value === "string" ? value.replace(/[\r\n]+/g, " ").slice(0, max) : "";
}
