/**
 * Run a page's own scripts after an instant navigation onto it.
 *
 * The build lists a checklist page's scripts in its <head> (deferred, marked data-crm-asset;
 * macros/assets.py), so pages without a checklist load none of its code. On a full load the
 * browser runs them. Material's instant navigation copies the new page's head elements into the
 * document, but a script copied from another document does not run: this runs each such script
 * once, in the listed order, the first time a page brings it.
 */
(function () {
  "use strict";

  // The scripts the document holds now are the browser's own to run (parser-inserted, deferred).
  var started = {};
  document.querySelectorAll("script[src]").forEach(function ($script) {
    started[$script.src] = true;
  });

  function runNewScripts() {
    document.querySelectorAll("head script[data-crm-asset][src]").forEach(function ($script) {
      if (started[$script.src]) return;
      started[$script.src] = true;
      var $run = document.createElement("script");
      $run.src = $script.src;
      $run.async = false; // one after the other, as listed
      document.head.appendChild($run);
    });
  }

  // document$ does not emit from file://, where every page is a full load anyway.
  if (typeof document$ !== "undefined") document$.subscribe(runNewScripts);
})();
