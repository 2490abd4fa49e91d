/**
 * Keep the language selector pointing at the current page in the other language.
 *
 * The header is not re-rendered by instant navigation, so the links written at build time would
 * point at the first page's counterpart. Both languages share page paths, so the counterpart is
 * the same path under the sibling language folder, wherever the site is hosted (or file://).
 */
(function () {
  "use strict";

  /** Rewrite every selector link from the current location. */
  function updateLanguageLinks() {
    // __md_scope is Material's URL of this language's root (e.g. https://host/site/ja/).
    var scope = typeof __md_scope !== "undefined" ? __md_scope : null;
    if (!scope) return;
    var here = new URL(location.href);
    var path = here.pathname.indexOf(scope.pathname) === 0
      ? here.pathname.slice(scope.pathname.length)
      : "";
    document.querySelectorAll("a[data-crm-language]").forEach(function ($link) {
      var target = new URL("../" + $link.dataset.crmLanguage + "/" + path, scope);
      target.hash = here.hash;
      $link.href = target.href;
      $link.target = "_self"; // a different site: a full load, not an instant navigation
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(updateLanguageLinks);
  }
  // navigation.tracking keeps the current section in the address as the reader scrolls: take it
  // along at the moment the link is used.
  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target instanceof Element && event.target.closest("a[data-crm-language]")) {
        updateLanguageLinks();
      }
    }, true);
  });
  // document$ does not emit from file://; run once on load in any case.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateLanguageLinks);
  } else {
    updateLanguageLinks();
  }
})();
