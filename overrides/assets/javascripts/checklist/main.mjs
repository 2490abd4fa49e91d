/**
 * The checklist's one entry (bundled by esbuild into assets/javascripts/checklist.js,
 * macros/postbuild/bundle.py): on every page, start each component on its elements, then let each show
 * the page. A component that fails on one element leaves that element as the plain page renders
 * it and says so; the others start all the same.
 */

import { createAll, onEveryPage } from "./browser/lifecycle.mjs";
import * as Checklist from "./components/checklist.mjs";
import * as Persist from "./components/persist.mjs";
import * as Report from "./components/report.mjs";

/**
 * The instances a component started now.
 * @param {import("./browser/lifecycle.mjs").Component} component
 * @returns {any[]}
 */
function start(component) {
  return createAll(component).map(function (started) { return started.instance; });
}

function init() {
  var checklists = start(Checklist.component);
  // Persistence listens for the checklist's saves before the checklist first writes (early ticks).
  Persist.ready(start(Persist.component));
  Checklist.ready(checklists);
  Report.ready(start(Report.component));
}

onEveryPage(init);
