/**
 * One start-up for every component of the page, and one listener per window event for all of
 * them (the checklist, its persistence notes and the report used to keep their own).
 *
 * Material's instant navigation replaces the page's content without a new document: components
 * start on every page (document$), and window events outlive the elements that asked for them,
 * so handlers are registered once per script run and look up the components that are current.
 */

/**
 * A component: its root elements' selector, and how to start one root. `start` may return an
 * object (kept with the root) and may throw: the failure stays with that root.
 * @typedef {{name: string, selector: string, start: ($root: HTMLElement) => unknown, notice?: ($root: HTMLElement) => (HTMLElement|null)}} Component
 */

/** Roots already started, per component name: starting one twice is caught, not repeated. */
var started = new WeakMap();

/**
 * Start `component` on every root of the page not started yet. A root that fails is left as the
 * plain page renders it, and says so: in the console, and in its notice element if it has one.
 * The others start all the same (as GOV.UK Frontend's createAll).
 * @param {Component} component
 * @param {ParentNode} [scope]
 * @returns {{$root: HTMLElement, instance: unknown}[]} the roots started now
 */
export function createAll(component, scope) {
  /** @type {{$root: HTMLElement, instance: unknown}[]} */
  var fresh = [];
  (scope || document).querySelectorAll(component.selector).forEach(function (node) {
    var $root = /** @type {HTMLElement} */ (node);
    var done = started.get($root) || {};
    if (done[component.name]) return;
    done[component.name] = true;
    started.set($root, done);
    try {
      fresh.push({ $root: $root, instance: component.start($root) });
    } catch (error) {
      fail(component, $root, error);
    }
  });
  return fresh;
}

/**
 * Report a component that could not start on `$root`.
 * @param {Component} component
 * @param {HTMLElement} $root
 * @param {unknown} error
 */
export function fail(component, $root, error) {
  console.error("crm-checklist: " + component.name + " could not start", $root, error);
  $root.dataset.crmFailed = component.name;
  var $notice = null;
  try {
    $notice = component.notice ? component.notice($root) : null;
  } catch {
    // The root is too broken to hold a notice: the console says it all.
  }
  if ($notice && $notice.textContent) $notice.hidden = false;
}

/** @type {Record<string, ((event: any) => void)[]>} */
var handlers = {};

/**
 * Run `handler` on every `type` event of the window, for as long as the script runs: one
 * listener per type, whatever the number of components and pages.
 * @template {keyof WindowEventMap} K
 * @param {K} type
 * @param {(event: WindowEventMap[K]) => void} handler
 */
export function onWindow(type, handler) {
  if (!handlers[type]) {
    handlers[type] = [];
    var list = handlers[type];
    window.addEventListener(type, function (event) {
      list.forEach(function (run) { run(event); });
    });
  }
  handlers[type].push(handler);
}

/**
 * Run `init` once for every page: on each of Material's pages (document$, instant navigation
 * included), each time in a task of its own rather than in the one that sets Material's page
 * up; without Material, once the document is parsed. From file:// Material completes
 * document$ without a page (instant navigation is off there): then once.
 * @param {() => void} init
 */
export function onEveryPage(init) {
  var later = function () { setTimeout(init); };
  if (typeof document$ === "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
    return;
  }
  var seen = false;
  document$.subscribe({
    next: function () { seen = true; later(); },
    complete: function () { if (!seen) later(); },
  });
}
