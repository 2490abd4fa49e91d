/**
 * Load the page's scripts once its content is on screen (minified into every page's head by the
 * build: macros/postbuild/assets.py, overrides/main.html).
 *
 * The scripts (Material's bundle, ours, and the checklist's where a checklist is) only enhance a
 * page that reads and prints without them. Deferred, they would still be fetched alongside the
 * stylesheet, sharing a slow link with it, and a phone's first paint waits for that: here they
 * are requested right after the first contentful paint instead, and run in the listed order.
 *
 * The element carries what to load: data-crm-base, the language root relative to the page;
 * data-crm-scripts, paths from that root separated by spaces, Material's bundle first; and
 * data-crm-offline, what goes before them from disk. Where only a part of the page uses some
 * code (the checklist on a pattern page, far below the fold), data-crm-near holds JSON:
 * {"scripts": paths, "of": a selector, "saved": a localStorage key, "hash": an address
 * fragment's start}. Those scripts come once an element the selector matches is within one and
 * a half screens, and at once for a reader whose answers are saved (so that they show, on paper
 * too) or who opened a share link.
 *
 * Material's instant navigation brings the next page's element into the head without running
 * it: on every new page (document$) the scripts it lists that have not run yet are loaded, so
 * the checklist's code still arrives when a reader comes from a page without a checklist.
 */
(() => {
  "use strict";

  const self = document.currentScript;
  const root = new URL(self.dataset.crmBase.replace(/\/?$/, "/"), location.href);
  const bundle = new URL(self.dataset.crmScripts.split(" ")[0], root).href;
  // From disk (file://) Material's search needs a Web Worker shim first (data-crm-offline).
  const offline = location.protocol === "file:" ? `${self.dataset.crmOffline} ` : "";
  // Over http, Material's instant navigation makes every relative address in the page absolute
  // as its bundle starts. Done to a stylesheet, that loads it again: a second parse and a restyle
  // of the whole page, inside the bundle's long task after the first paint. Done here, where the
  // sheet has just loaded (it holds this script back) and nothing is styled yet, only the parse
  // repeats.
  if (!offline) {
    for (const sheet of document.head.querySelectorAll("link[rel=stylesheet]")) {
      sheet.href = sheet.href;
    }
  }
  const started = new Set();
  // Material's bundle makes document$ from the DOMContentLoaded event alone, which has usually
  // fired when the bundle runs from here: then it is fired again for it (no other script on the
  // page listens to it).
  let loaded = document.readyState !== "loading";
  document.addEventListener("DOMContentLoaded", () => (loaded = true));

  const load = (paths) => {
    for (const path of (offline + paths).split(" ")) {
      const src = new URL(path, root).href;
      if (!path || started.has(src)) continue;
      started.add(src);
      const script = document.createElement("script");
      script.src = src;
      script.async = false; // in the listed order
      // Material sets the page up on that event: in a task of its own, not in the one that ran
      // its bundle, so that neither holds the main thread long (a tap waits for both).
      if (src === bundle) {
        script.onload = () =>
          setTimeout(() => {
            if (loaded) document.dispatchEvent(new Event("DOMContentLoaded"));
            document$.subscribe(() =>
              document.head.querySelectorAll("[data-crm-scripts]").forEach(arm),
            );
          });
      }
      document.head.append(script);
    }
  };

  // The scripts of a part of the page, once it is near (see above): one watch at a time.
  let stop = () => {};
  const near = (element) => {
    stop();
    const part = element.dataset.crmNear && JSON.parse(element.dataset.crmNear);
    const targets = part ? document.querySelectorAll(part.of) : [];
    if (!targets.length) return;
    const now = () => {
      stop();
      load(part.scripts.join(" "));
    };
    const shared = () => location.hash.startsWith(part.hash) && now();
    let saved = false;
    try {
      saved = localStorage.getItem(part.saved) !== null;
    } catch {
      // storage refused: nothing saved to show
    }
    if (saved || shared() || !window.IntersectionObserver) return now();
    const watch = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && now(),
      { rootMargin: "150% 0px" },
    );
    targets.forEach((target) => watch.observe(target));
    addEventListener("hashchange", shared);
    stop = () => {
      stop = () => {};
      watch.disconnect();
      removeEventListener("hashchange", shared);
    };
  };
  const arm = (element) => {
    load(element.dataset.crmScripts);
    near(element);
  };

  // After the first contentful paint, in a task of its own (the observer reports it once the
  // frame is out); where the browser does not report paints, after the load event. A page that
  // is never painted (a background tab) gets its scripts after 3 s all the same.
  let start = () => {
    start = () => {};
    arm(self);
  };
  const later = () => setTimeout(() => start());
  if (window.PerformanceObserver?.supportedEntryTypes?.includes("paint")) {
    new PerformanceObserver((entries, observer) => {
      if (!entries.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      later();
    }).observe({ type: "paint", buffered: true });
  } else if (document.readyState === "complete") later();
  else addEventListener("load", later);
  setTimeout(() => start(), 3000);
})();
