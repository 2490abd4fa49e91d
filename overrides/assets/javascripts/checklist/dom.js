/**
 * Small DOM helpers of the checklist UI. Data is only ever shown with textContent.
 * Browser only: window.CrmChecklistDom.
 */
(function (root) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  /** The page's string `key` with {placeholders} filled in. */
  function fmt(view, key, values) {
    return (view.t[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  /** "label: value" with the language's own colon (：in Japanese). */
  function labelled(view, label, value) {
    return fmt(view, "cl_labelled", { label: label, value: value });
  }

  /** "label (text)" with the language's own brackets (（）in Japanese). */
  function aside(view, label, text) {
    return fmt(view, "cl_aside", { label: label, text: text });
  }

  /** Names as one list, joined with the language's own separator (、 or ", "). */
  function list(view, names) {
    return names.length ? names.reduce(function (a, b) { return fmt(view, "cl_list_join", { a: a, b: b }); }) : "";
  }

  /** Create an element: `props` are properties (textContent, type…) or, with a dash, attributes. */
  function el(tag, props, children) {
    var $el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (/-|^role$/.test(key)) $el.setAttribute(key, props[key]);
      else $el[key] = props[key];
    });
    $el.append.apply($el, children || []);
    return $el;
  }

  function svg(tag, attrs) {
    var $el = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (key) { $el.setAttribute(key, attrs[key]); });
    return $el;
  }

  /** The element marked data-crm-<name> (name in camelCase) inside `$in`. */
  function find($in, name) {
    return $in.querySelector("[data-crm-" + name.replace(/[A-Z]/g, "-$&").toLowerCase() + "]");
  }

  function date(view, time) {
    return new Date(time || Date.now()).toLocaleDateString(view.lang, { year: "numeric", month: "short", day: "numeric" });
  }

  function button(label, run, props) {
    return el("button", Object.assign({ type: "button", className: "md-button", textContent: label, onclick: run }, props || {}));
  }

  /** A labelled field: [label, input]; `tag` input (default) or select. */
  function field(view, key, props, tag) {
    props.id = props.id || "crm-field-" + key;
    return [el("label", { htmlFor: props.id, textContent: view.t[key] }), el(tag || "input", props)];
  }

  /**
   * Mark a dream-cycle step (overrides/crm/cycle.html) at risk in shape, not colour alone: a "!"
   * flag on the pill's top-left corner, where macros/cycle.py (FLAG) keeps arrows and badges
   * clear of it. `level`: "high", "mid" or "" (not at risk).
   */
  function markStep($node, level) {
    $node.classList.toggle("is-risk", !!level);
    $node.classList.toggle("is-high", level === "high");
    if ($node.querySelector(".crm-cl__flag")) return;
    var $rect = $node.querySelector("rect");
    var x = +$rect.getAttribute("x") + 6;
    var y = +$rect.getAttribute("y") + 4;
    var $mark = svg("text", { x: x, y: y, "text-anchor": "middle", "dominant-baseline": "central" });
    $mark.textContent = "!";
    var $flag = svg("g", { class: "crm-cl__flag", "aria-hidden": "true" });
    $flag.append(svg("circle", { cx: x, cy: y, r: 12 }), $mark);
    $node.append($flag);
  }

  /** Offer a file for download; `format` goes with the crm-checklist:exported event. */
  function download(name, type, text, format) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    // Not added to the page: instant navigation must not see the click.
    el("a", { href: url, download: name }).click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    document.dispatchEvent(new CustomEvent("crm-checklist:exported", { detail: { format: format } }));
  }

  /**
   * Run `init` once for every page: on each of Material's pages (document$, instant navigation
   * included), each time in a task of its own rather than in the one that sets Material's page
   * up; without Material, once the document is parsed. From file:// Material completes
   * document$ without a page (instant navigation is off there): then once.
   */
  function onEveryPage(init) {
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

  root.CrmChecklistDom = { fmt: fmt, labelled: labelled, aside: aside, list: list, el: el, svg: svg, find: find, date: date, button: button, field: field, download: download, markStep: markStep, onEveryPage: onEveryPage };
})(this);
