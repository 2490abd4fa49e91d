/* Test only (tests/engines/server.py puts it first in every page's <head>): records uncaught
   errors, unhandled rejections and console.error, for engines whose driver reports none
   (WebKitGTK's WebDriver has no console log and no BiDi). The drivers read and empty the list. */
(function () {
  "use strict";
  if (window.__crmEngineErrors) return; // instant navigation may run it again
  var errors = (window.__crmEngineErrors = []);
  window.addEventListener("error", function (event) {
    // A failed <img> or <link> fires a plain Event, seen here in capture: not a script error.
    if (!(event instanceof ErrorEvent)) return;
    errors.push("uncaught: " + event.message + " (" + event.filename + ":" + event.lineno + ")");
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    errors.push("unhandled rejection: " + String(event.reason));
  });
  var original = console.error;
  console.error = function () {
    errors.push("console: " + Array.prototype.map.call(arguments, String).join(" "));
    return original.apply(console, arguments);
  };
})();
