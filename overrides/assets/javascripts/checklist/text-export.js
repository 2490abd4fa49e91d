/**
 * Markdown and CSV exports of the answers, for people (not for import). Used until the export
 * formats module (formats.js, window.CrmChecklistFormats) is on the page; pure functions.
 * Browser: window.CrmChecklistText; Node: module.exports.
 */
(function (root) {
  "use strict";

  var Score = typeof module === "object" && module.exports ? require("./score.js") : root.CrmChecklistScore;

  function entryOf(items, id) {
    return Object.prototype.hasOwnProperty.call(items, id) ? items[id] : { state: "open", note: "" };
  }

  /** Plain text for Markdown: no markup, links or HTML, on one line. */
  function mdText(value) {
    return value.replace(/\s+/g, " ").replace(/([\\`*_[\]<>#|~])/g, "\\$1");
  }

  /** A GitHub task list; `catalog`: the page's patterns and items, `words`: its strings. */
  function toMarkdown(items, catalog, words) {
    var lines = ["# " + mdText(words.title), ""];
    catalog.forEach(function (group) {
      var s = Score.score(items, group.items.map(function (i) { return i.id; }));
      lines.push("## " + mdText(group.title), "", "_" + mdText(words.verdict(s)) + "_", "");
      group.items.forEach(function (item) {
        var entry = entryOf(items, item.id);
        var body = mdText(item.text);
        if (entry.state === "na") body = "~~" + body + "~~ (" + mdText(words.na) + ")";
        lines.push("- [" + (entry.state === "done" ? "x" : " ") + "] " + body);
        if (entry.note) lines.push("  - " + mdText(words.note) + ": " + mdText(entry.note));
      });
      lines.push("");
    });
    return lines.join("\n");
  }

  /** One CSV cell; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula. */
  function csvCell(value) {
    value = String(value);
    if (/^[=+\-@\t\r]/.test(value)) value = "'" + value;
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /** A spreadsheet (with a BOM so Excel reads UTF-8 Japanese); `words.states` names each state. */
  function toCSV(items, catalog, words) {
    var rows = [words.columns];
    catalog.forEach(function (group) {
      group.items.forEach(function (item) {
        var entry = entryOf(items, item.id);
        rows.push([group.title, item.id, item.text, words.states[entry.state], entry.note, item.measure]);
      });
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  var api = { toMarkdown: toMarkdown, toCSV: toCSV };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CrmChecklistText = api;
})(this);
