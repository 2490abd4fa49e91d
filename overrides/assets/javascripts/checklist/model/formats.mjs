/**
 * Export formats of the checklist, as pure functions of the stored data (STORAGE.md, version 2;
 * version-1 data, without plan, meta or combined, reads as an empty plan): JSON (full fidelity),
 * Markdown (a GitHub task list), CSV (a spreadsheet) and iCalendar (the action plan's due dates).
 * Every text is data: nothing a team types can become markup, a formula or a calendar property.
 *
 * `catalogue`: the page's patterns and items, [{title, items: [{id, text, measure}]}];
 * `strings`: the page's cl_* strings; `options.date`: today, as the page writes dates (titles);
 * `options.now`: the export's time in ms (iCalendar's DTSTAMP).
 */

import { score } from "./score.mjs";
import { FORMAT, toJSON as stateJSON } from "./state.mjs";
import { fmt, labelled as labelledText } from "./strings.mjs";
import { LAST_DATE, own, time, validDate } from "./util.mjs";

export { FORMAT };

/** @typedef {import("./strings.mjs").Strings} Strings */
/** @typedef {{id: string, text: string, measure: string}} Statement */
/** @typedef {{id?: string, title: string, step?: string, items: Statement[]}} Group */
/** @typedef {Group[]} Catalogue */
/**
 * Stored data as the formats read it: version 2, or version 1 (no plan, meta or combined).
 * @typedef {{items: import("./score.mjs").Items, plan?: import("./plan.mjs").Plan,
 *   meta?: Partial<import("./state.mjs").Meta>, rounds?: unknown, combined?: unknown}} Stored
 */
/** @typedef {{date?: string, now?: number}} Options */
/**
 * @typedef {{id: string, text: string, measure: string, group: string, index: number,
 *   owner: string, due: string, status: import("./plan.mjs").Status}} Action
 */

var OPEN = { state: "open", note: "" };
var STATUS = { planned: 1, doing: 1, done: 1 };

/**
 * A real calendar day as "YYYY-MM-DD", or "" (a stored "2026-02-30" is not a due date).
 * @param {unknown} value
 * @returns {string}
 */
export function day(value) {
  return validDate(value) ? value : "";
}

/**
 * The action plan: live entries whose item is in the catalogue, by due date (undated last),
 * then in catalogue order.
 * @param {Stored} data
 * @param {Catalogue} catalogue
 * @returns {Action[]}
 */
export function actions(data, catalogue) {
  var plan = data.plan || {};
  /** @type {Action[]} */
  var out = [];
  catalogue.forEach(function (group) {
    group.items.forEach(function (item) {
      var entry = own(plan, item.id);
      if (!entry || entry.removed) return;
      out.push({
        id: item.id, text: item.text, measure: item.measure, group: group.title, index: out.length,
        owner: typeof entry.owner === "string" ? entry.owner : "",
        due: day(entry.due),
        status: STATUS[entry.status] ? entry.status : "planned",
      });
    });
  });
  out.sort(function (a, b) {
    if (a.due !== b.due) return !a.due ? 1 : !b.due ? -1 : a.due < b.due ? -1 : 1;
    return a.index - b.index;
  });
  return out;
}

// ----- JSON

/**
 * The full-fidelity export; `name` says whose answers they are (for combining).
 * @param {import("./state.mjs").Data} data
 * @param {string} name
 * @param {number} now
 */
export function toJSON(data, name, now) {
  return stateJSON(data, name, now);
}

// ----- Markdown

/**
 * Plain text for Markdown: no markup, links or HTML, on one line.
 * @param {unknown} value
 */
export function mdText(value) {
  return String(value).replace(/\s+/g, " ").replace(/([\\`*_[\]<>#|~])/g, "\\$1");
}

/**
 * "label: value" with the language's own colon (：in Japanese).
 * @param {Strings} strings
 * @param {string} key
 * @param {unknown} value
 */
function labelled(strings, key, value) {
  return labelledText(strings, fmt(strings, key), value);
}

/**
 * @param {Strings} strings
 * @param {import("./score.mjs").Score} s
 */
function verdict(strings, s) {
  return labelled(strings, "cl_level_" + s.level, fmt(strings, "cl_verdict_" + s.level, s));
}

/**
 * One plan entry's details: owner, due date and status, in the page's words.
 * @param {Strings} strings
 * @param {Action} action
 */
function details(strings, action) {
  return [
    labelled(strings, "cl_report_col_owner", action.owner || fmt(strings, "cl_report_not_recorded")),
    labelled(strings, "cl_report_col_due", action.due || fmt(strings, "cl_report_no_date")),
    labelled(strings, "cl_report_col_status", fmt(strings, "cl_plan_status_" + action.status)),
  ];
}

/**
 * A GitHub task list: the title, the plan (first), then every pattern with its verdict.
 * @param {Stored} data
 * @param {Catalogue} catalogue
 * @param {Strings} strings
 * @param {Options} [options]
 */
export function toMarkdown(data, catalogue, strings, options) {
  var items = data.items;
  var meta = data.meta || {};
  var lines = ["# " + mdText(fmt(strings, "cl_md_title", { date: (options && options.date) || "" })), ""];
  if (meta.title) lines.push(mdText(labelled(strings, "cl_report_project", meta.title)) + "  ");
  if (meta.participants) lines.push(mdText(labelled(strings, "cl_report_participants", meta.participants)) + "  ");
  if (meta.title || meta.participants) lines.push("");
  var plan = actions(data, catalogue);
  if (plan.length) {
    lines.push("## " + mdText(fmt(strings, "cl_report_plan")), "");
    plan.forEach(function (action) {
      lines.push("- [" + (action.status === "done" ? "x" : " ") + "] " + mdText(action.text) + " — " + details(strings, action).map(mdText).join(" · "));
    });
    lines.push("");
  }
  catalogue.forEach(function (group) {
    var s = score(items, group.items.map(function (i) { return i.id; }));
    lines.push("## " + mdText(group.title), "", "_" + mdText(verdict(strings, s)) + "_", "");
    group.items.forEach(function (item) {
      var entry = own(items, item.id) || OPEN;
      var body = mdText(item.text);
      if (entry.state === "na") body = "~~" + body + "~~ (" + mdText(fmt(strings, "cl_na")) + ")";
      lines.push("- [" + (entry.state === "done" ? "x" : " ") + "] " + body);
      if (entry.note) lines.push("  - " + mdText(labelled(strings, "cl_note", entry.note)));
    });
    lines.push("");
  });
  return lines.join("\n");
}

// ----- CSV

/**
 * One CSV cell; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula.
 * @param {unknown} value
 */
export function csvCell(value) {
  var cell = String(value);
  if (/^[=+\-@\t\r]/.test(cell)) cell = "'" + cell;
  return /[",\r\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
}

/**
 * A spreadsheet (with a BOM so Excel reads UTF-8 Japanese): one row per statement, its answer
 * and note, then its plan entry (owner, due date, status; empty when it is not in the plan).
 * @param {Stored} data
 * @param {Catalogue} catalogue
 * @param {Strings} strings
 */
export function toCSV(data, catalogue, strings) {
  var items = data.items;
  /** @type {Record<string, Action>} */
  var plan = {};
  actions(data, catalogue).forEach(function (action) { plan[action.id] = action; });
  var rows = [fmt(strings, "cl_csv_columns").split(",").concat(fmt(strings, "cl_report_csv_plan_columns").split(","))];
  catalogue.forEach(function (group) {
    group.items.forEach(function (item) {
      var entry = own(items, item.id) || OPEN;
      var action = own(plan, item.id);
      rows.push([group.title, item.id, item.text, fmt(strings, "cl_state_" + entry.state), entry.note, item.measure].concat(
        action ? [action.owner, action.due, fmt(strings, "cl_plan_status_" + action.status)] : ["", "", ""]
      ));
    });
  });
  return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
}

// ----- iCalendar (RFC 5545)

/**
 * A TEXT value: \ ; , escaped, line breaks as \n, other control characters dropped (§3.3.11).
 * @param {unknown} value
 */
export function icsText(value) {
  return String(value)
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex -- dropping control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/([\\;,])/g, "\\$1")
    .replace(/\n/g, "\\n");
}

/**
 * UTF-8 length of one code point.
 * @param {number} codePoint
 */
function octets(codePoint) {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Fold a content line at 75 octets (§3.1): continuation lines start with a space, which counts.
 * Splits only between code points, so no UTF-8 sequence (or surrogate pair) is ever cut.
 * @param {string} line
 */
export function fold(line) {
  /** @type {string[]} */
  var out = [];
  var current = "";
  var size = 0;
  Array.from(line).forEach(function (ch) {
    var n = octets(/** @type {number} */ (ch.codePointAt(0)));
    if (size + n > 75) {
      out.push(current);
      current = " ";
      size = 1;
    }
    current += ch;
    size += n;
  });
  out.push(current);
  return out.join("\r\n");
}

/**
 * @param {string} due
 */
function icsDate(due) {
  return due.replace(/-/g, "");
}

/**
 * @param {string} due
 */
function nextDay(due) {
  var d = new Date(due + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10).replace(/-/g, "");
}

/**
 * @param {number} ms
 */
function icsStamp(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
}

/**
 * FNV-1a of a text, in base 36: a short, stable tag of the project's title for UIDs.
 * @param {string} text
 */
function hash(text) {
  var h = 0x811c9dc5;
  for (var i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * The action plan as a calendar: one all-day VEVENT per action with a due date. Events, not
 * VTODOs: Google Calendar, Outlook and iOS import events only, and the point is that the dates
 * land in the team's calendars. The UID is the item id and the project's title, so a later
 * export of the same plan updates the events instead of adding copies. RFC 5545 wants at least
 * one component: offer the download only when an action has a due date (actions()).
 * @param {Stored} data
 * @param {Catalogue} catalogue
 * @param {Strings} strings
 * @param {Options} [options]
 */
export function toICS(data, catalogue, strings, options) {
  var meta = data.meta || {};
  var now = time(options && options.now, LAST_DATE) || Date.now();
  var project = typeof meta.title === "string" ? meta.title : "";
  var name = project ? project + " — " + fmt(strings, "cl_report_ics_calendar") : fmt(strings, "cl_report_ics_calendar");
  var lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//CRM Failure Patterns//Checklist action plan//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:" + icsText(name),
  ];
  actions(data, catalogue).forEach(function (action) {
    if (!action.due) return;
    var entry = /** @type {import("./plan.mjs").Entry} */ (own(data.plan, action.id));
    var description = details(strings, action).concat([
      labelled(strings, "cl_report_col_pattern", action.group),
      labelled(strings, "cl_next_measure", action.measure),
    ]);
    if (project) description.unshift(labelled(strings, "cl_report_project", project));
    var note = (own(data.items, action.id) || OPEN).note;
    if (note) description.push(labelled(strings, "cl_note", note));
    lines.push(
      "BEGIN:VEVENT",
      "UID:" + action.id + "." + hash(project) + "@crm-failure-patterns",
      "DTSTAMP:" + icsStamp(now),
      "DTSTART;VALUE=DATE:" + icsDate(action.due),
      "DTEND;VALUE=DATE:" + nextDay(action.due),
      "SUMMARY:" + icsText(action.text),
      "DESCRIPTION:" + icsText(description.join("\n")),
      // A deadline, not a meeting: it does not make anyone busy.
      "TRANSP:TRANSPARENT"
    );
    if (time(entry.updated, LAST_DATE)) lines.push("LAST-MODIFIED:" + icsStamp(entry.updated));
    lines.push("END:VEVENT");
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
