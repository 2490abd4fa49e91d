/**
 * The checklist's one <dialog> per checklist, filled for each use. Where showModal() is missing
 * (iOS Safari before 15.4 has no <dialog>), the same content opens as a fixed panel that
 * Escape and Close shut: nothing is trapped, nothing is a dead button.
 */

import * as D from "./dom.mjs";

/**
 * What a view holds for its dialog (components/checklist.mjs finds the elements).
 * @typedef {D.Texts & {$dialog: HTMLDialogElement, $dialogTitle: HTMLElement, $dialogBody: HTMLElement,
 *   $dialogActions: HTMLElement, $opener?: Element|null}} DialogView
 */
/** @typedef {[string, () => void]} Action */

/**
 * Whether the browser has a real modal <dialog>.
 * @param {HTMLDialogElement} $dialog
 */
function modal($dialog) {
  return typeof $dialog.showModal === "function";
}

/** @param {HTMLDialogElement} $dialog */
export function isOpen($dialog) {
  return $dialog.hasAttribute("open");
}

/** @param {DialogView} view */
export function close(view) {
  var $dialog = view.$dialog;
  if (!isOpen($dialog)) return;
  if (modal($dialog) && typeof $dialog.close === "function") return $dialog.close(); // fires "close"
  $dialog.removeAttribute("open");
  $dialog.classList.remove("is-fallback");
  closed(view);
}

/**
 * Focus goes back to what opened the dialog, once no dialog follows.
 * @param {DialogView} view
 */
function closed(view) {
  if (!isOpen(view.$dialog) && view.$opener && view.$opener.isConnected) /** @type {HTMLElement} */ (view.$opener).focus();
}

/**
 * Wire a checklist's dialog once (at setup).
 * @param {DialogView} view
 */
export function setup(view) {
  view.$dialog.addEventListener("close", function () { closed(view); });
  // On the document: refilling the dialog may have removed the focused button.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen(view.$dialog) && !modal(view.$dialog)) {
      event.preventDefault();
      close(view);
    }
  });
}

/**
 * Fill and show the dialog; `actions` are [label, run] (closes, then runs); Close is last.
 * @param {DialogView} view
 * @param {string} title
 * @param {Node[]} body
 * @param {Action[]} [actions]
 * @param {string} [closeLabel] a string key (default: cl_close)
 */
export function open(view, title, body, actions, closeLabel) {
  var $dialog = view.$dialog;
  var wasOpen = isOpen($dialog);
  if (!wasOpen) view.$opener = document.activeElement;
  view.$dialogTitle.textContent = title;
  view.$dialogBody.replaceChildren.apply(view.$dialogBody, body);
  var $buttons = (actions || []).map(function (action, index) {
    var $button = D.el("button", { type: "button", className: "md-button" + (index ? "" : " md-button--primary"), textContent: action[0] });
    $button.addEventListener("click", function () {
      close(view);
      action[1]();
    });
    return $button;
  });
  $buttons.push(D.button(view.t[closeLabel || "cl_close"], function () { close(view); }));
  view.$dialogActions.replaceChildren.apply(view.$dialogActions, $buttons);
  if (!wasOpen && modal($dialog)) return $dialog.showModal();
  if (!wasOpen) {
    $dialog.setAttribute("open", "");
    $dialog.classList.add("is-fallback");
  }
  // Refilled, or shown without showModal(): focus goes into the dialog, not back to the page.
  var $first = /** @type {HTMLElement|null} */ ($dialog.querySelector("input, select, button"));
  if ($first && !$dialog.contains(document.activeElement)) $first.focus();
}

/**
 * Ask before a change that cannot be taken back without Undo. `title`, `text`, `label`: string keys.
 * @param {DialogView} view
 * @param {string} title
 * @param {string} text
 * @param {string} label
 * @param {() => void} run
 */
export function confirm(view, title, text, label, run) {
  open(view, view.t[title], [D.el("p", { textContent: D.fmt(view, text) })], [[view.t[label], run]], "cl_cancel");
}
