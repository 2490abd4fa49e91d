/**
 * Small DOM helpers of the checklist UI. Data is only ever shown with textContent.
 */

import { FLAG } from "../model/contract.mjs";
import * as Strings from "../model/strings.mjs";

var SVG = "http://www.w3.org/2000/svg";

/**
 * What every view has: its page's strings and language.
 * @typedef {{t: Strings.Strings, lang: string}} Texts
 */

/**
 * The page's string `key` with {placeholders} filled in.
 * @param {Texts} view
 * @param {string} key
 * @param {Record<string, unknown>} [values]
 */
export function fmt(view, key, values) {
  return Strings.fmt(view.t, key, values);
}

/**
 * "label: value" with the language's own colon (：in Japanese).
 * @param {Texts} view
 * @param {string} label
 * @param {unknown} value
 */
export function labelled(view, label, value) {
  return Strings.labelled(view.t, label, value);
}

/**
 * "label (text)" with the language's own brackets (（）in Japanese).
 * @param {Texts} view
 * @param {string} label
 * @param {unknown} text
 */
export function aside(view, label, text) {
  return Strings.aside(view.t, label, text);
}

/**
 * Names as one list, joined with the language's own separator (、 or ", ").
 * @param {Texts} view
 * @param {string[]} names
 */
export function list(view, names) {
  return Strings.list(view.t, names);
}

/**
 * Create an element: `props` are properties (textContent, type…) or, with a dash, attributes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [props]
 * @param {(Node|string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props, children) {
  var $el = document.createElement(tag);
  var given = props || {};
  Object.keys(given).forEach(function (key) {
    if (/-|^role$/.test(key)) $el.setAttribute(key, given[key]);
    else /** @type {Record<string, any>} */ ($el)[key] = given[key];
  });
  $el.append.apply($el, children || []);
  return $el;
}

/**
 * An SVG element with its attributes.
 * @param {string} tag
 * @param {Record<string, string|number>} attrs
 * @returns {SVGElement}
 */
export function svg(tag, attrs) {
  var $el = /** @type {SVGElement} */ (document.createElementNS(SVG, tag));
  Object.keys(attrs).forEach(function (key) { $el.setAttribute(key, String(attrs[key])); });
  return $el;
}

/**
 * The element marked data-crm-<name> (name in camelCase) inside `$in`. Typed `any`: which
 * element a name marks is the template's to say (overrides/crm/checklist.html), so each view
 * declares what it expects in its own typedef.
 * @param {ParentNode} $in
 * @param {string} name
 * @returns {any}
 */
export function find($in, name) {
  return $in.querySelector("[data-crm-" + name.replace(/[A-Z]/g, "-$&").toLowerCase() + "]");
}

/**
 * A date as the page's language writes it, short (today without `time`).
 * @param {{lang: string}} view
 * @param {number} [time]
 * @param {"short"|"long"} [month]
 */
export function date(view, time, month) {
  return new Date(time || Date.now()).toLocaleDateString(view.lang, { year: "numeric", month: month || "short", day: "numeric" });
}

/**
 * @param {string} label
 * @param {(this: GlobalEventHandlers, event: MouseEvent) => any} run
 * @param {Record<string, any>} [props]
 */
export function button(label, run, props) {
  return el("button", Object.assign({ type: "button", className: "md-button", textContent: label, onclick: run }, props || {}));
}

/**
 * A labelled field: [label, input]; `tag` input (default) or select.
 * @template {"input"|"select"} [K="input"]
 * @param {Texts} view
 * @param {string} key
 * @param {Record<string, any>} props
 * @param {K} [tag]
 * @returns {[HTMLLabelElement, HTMLElementTagNameMap[K]]}
 */
export function field(view, key, props, tag) {
  props.id = props.id || "crm-field-" + key;
  return [el("label", { htmlFor: props.id, textContent: view.t[key] }), el(tag || /** @type {K} */ ("input"), props)];
}

/**
 * Mark a dream-cycle step (overrides/crm/cycle.html) at risk in shape, not colour alone: a "!"
 * flag on the pill's top-left corner, where macros/content/cycle.py keeps arrows and badges clear of it
 * (both read the flag's geometry from contract.json). `level`: "high", "mid" or "" (not at risk).
 * @param {Element} $node
 * @param {string} level
 */
export function markStep($node, level) {
  $node.classList.toggle("is-risk", !!level);
  $node.classList.toggle("is-high", level === "high");
  if ($node.querySelector(".crm-cl__flag")) return;
  var $rect = /** @type {SVGRectElement} */ ($node.querySelector("rect"));
  var x = +($rect.getAttribute("x") || 0) + FLAG.dx;
  var y = +($rect.getAttribute("y") || 0) + FLAG.dy;
  var $mark = svg("text", { x: x, y: y, "text-anchor": "middle", "dominant-baseline": "central" });
  $mark.textContent = "!";
  var $flag = svg("g", { class: "crm-cl__flag", "aria-hidden": "true" });
  $flag.append(svg("circle", { cx: x, cy: y, r: FLAG.r }), $mark);
  $node.append($flag);
}

/**
 * Offer a file for download; `format` goes with the crm-checklist:exported event.
 * @param {string} name
 * @param {string} type
 * @param {string} text
 * @param {string} format
 */
export function download(name, type, text, format) {
  var url = URL.createObjectURL(new Blob([text], { type: type }));
  // Not added to the page: instant navigation must not see the click.
  el("a", { href: url, download: name }).click();
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  document.dispatchEvent(new CustomEvent("crm-checklist:exported", { detail: { format: format } }));
}

/**
 * Set a text only when it differs: an unchanged node costs no style or layout work.
 * @param {Node} $el
 * @param {string} value
 */
export function text($el, value) {
  if ($el.textContent !== value) $el.textContent = value;
}
