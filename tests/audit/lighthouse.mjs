// Run Lighthouse (default config: mobile form factor, simulated throttling) on several URLs with
// one Chromium, and write one JSON report (LHR) per URL.
//
// Usage: node lighthouse.mjs SPEC.json
//   SPEC = {"chrome": "/usr/bin/chromium", "flags": ["--headless", …],
//           "categories": ["accessibility", …], "urls": [[url, "out.json"], …]}
// One Chromium for every URL keeps ten runs within a minute on two cores; Lighthouse resets
// storage before each run, so the runs do not share state.
import { readFileSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: spec.chrome,
  chromeFlags: spec.flags,
  logLevel: "error",
});
try {
  for (const [url, out] of spec.urls) {
    const started = Date.now();
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: spec.categories,
      // Screenshots are for people reading the HTML report; the gates read JSON only.
      disableFullPageScreenshot: true,
    });
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    writeFileSync(out, result.report);
    process.stderr.write(`${url} ${Date.now() - started} ms\n`);
  }
} finally {
  await chrome.kill();
}
