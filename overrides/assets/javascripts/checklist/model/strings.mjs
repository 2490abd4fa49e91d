/**
 * The page's texts: every `cl_` string of docs/data/ui.yml, as the templates hand them over
 * ([data-crm-strings]). Pure functions: Node's tests use them with plain objects.
 */

/** @typedef {Record<string, string>} Strings */

/**
 * The string `key` with {placeholders} filled in. A missing string is its key, never a crash;
 * an unknown placeholder stays as written.
 * @param {Strings} strings
 * @param {string} key
 * @param {Record<string, unknown>} [values]
 * @returns {string}
 */
export function fmt(strings, key, values) {
  var text = typeof strings[key] === "string" ? strings[key] : key;
  return text.replace(/\{(\w+)\}/g, function (all, name) {
    return values && name in values ? String(values[name]) : all;
  });
}

/**
 * "label: value" with the language's own colon (：in Japanese). `label` is a text, not a key.
 * @param {Strings} strings
 * @param {string} label
 * @param {unknown} value
 */
export function labelled(strings, label, value) {
  return fmt(strings, "cl_labelled", { label: label, value: value });
}

/**
 * "label (text)" with the language's own brackets (（）in Japanese).
 * @param {Strings} strings
 * @param {string} label
 * @param {unknown} text
 */
export function aside(strings, label, text) {
  return fmt(strings, "cl_aside", { label: label, text: text });
}

/**
 * Names as one list, joined with the language's own separator (、 or ", ").
 * @param {Strings} strings
 * @param {string[]} names
 */
export function list(strings, names) {
  return names.length ? names.reduce(function (a, b) { return fmt(strings, "cl_list_join", { a: a, b: b }); }) : "";
}
