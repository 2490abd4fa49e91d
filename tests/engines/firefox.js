/**
 * Firefox ESR driven by puppeteer-core over WebDriver BiDi, for tests/engines/drivers.py.
 *
 * Playwright cannot drive ESR 153 and geckodriver is not packaged, so the Python scenario talks to
 * this process instead: one JSON command per line on stdin ({cmd, args}), one JSON answer per line
 * on stdout ({ok, value} or {ok: false, error}). Commands run one at a time, in order.
 */
"use strict";

const readline = require("node:readline");
const puppeteer = require("puppeteer-core");

const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
const errors = [];
let browser;
let page;

function watch(p) {
  p.on("pageerror", (error) => errors.push(`uncaught: ${error.message || error}`));
  p.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
}

const COMMANDS = {
  async start() {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      protocol: "webDriverBiDi",
      // Overlay scrollbars take no width, as on phones: widths are the page's own.
      extraPrefsFirefox: { "ui.useOverlayScrollbars": 1 },
    });
    page = (await browser.pages())[0] || (await browser.newPage());
    watch(page);
    return (await browser.version());
  },
  async goto(url) {
    await page.goto(url, { waitUntil: "load" });
  },
  async reload() {
    await page.reload({ waitUntil: "load" });
  },
  async js(source, args) {
    // A function's source and its arguments: the same call the other engines' drivers make.
    return page.evaluate(`(${source}).apply(null, ${JSON.stringify(args)})`);
  },
  async click(selector) {
    await page.click(selector);
  },
  async type(selector, text) {
    await page.type(selector, text);
  },
  async viewport(width, height) {
    await page.setViewport({ width, height });
  },
  async url() {
    return page.url();
  },
  async errors() {
    return errors.splice(0);
  },
  async close() {
    if (browser) await browser.close();
    browser = null;
  },
};

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on("line", (line) => {
  queue = queue.then(async () => {
    let answer;
    try {
      const { cmd, args } = JSON.parse(line);
      const value = await COMMANDS[cmd](...(args || []));
      answer = { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      answer = { ok: false, error: String((error && error.stack) || error) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  });
});
lines.on("close", () => {
  queue.then(() => COMMANDS.close()).then(() => process.exit(0));
});
