/**
 * Export formats of the checklist, as pure functions of the stored data (STORAGE.md, version 2;
 * version-1 data, without plan, meta or combined, reads as an empty plan): JSON (full fidelity),
 * Markdown (a GitHub task list), CSV (a spreadsheet) and iCalendar (the action plan's due dates).
 * Every text is data: nothing a team types can become markup, a formula or a calendar property.
 *
 * `catalogue`: the page's patterns and items, [{title, items: [{id, text, measure}]}];
 * `strings`: the page's cl_* strings; `options.date`: today, as the page writes dates (titles);
 * `options.now`: the export's time in ms (iCalendar's DTSTAMP).
 * Browser: window.CrmChecklistFormats; Node: module.exports (tests/js/).
 */
(function (root) {
  "use strict";

  var FORMAT = "crm-failure-patterns/checklist";
  var OPEN = { state: "open", note: "" };
  var STATUS = { planned: 1, doing: 1, done: 1 };
  var DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

  /** The scoring module (loaded before this one in the page; required under Node). */
  function state() {
    return root.CrmChecklistState || require("./state.js");
  }

  function own(map, id) {
    return map && Object.prototype.hasOwnProperty.call(map, id) ? map[id] : undefined;
  }

  /** A string `key` with {placeholders} filled in (a missing string is its key, never a crash). */
  function fmt(strings, key, values) {
    var text = typeof strings[key] === "string" ? strings[key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  /** A real calendar day as "YYYY-MM-DD", or "" (a stored "2026-02-30" is not a due date). */
  function day(value) {
    var m = typeof value === "string" && DAY.exec(value);
    if (!m) return "";
    var date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return date.getUTCFullYear() === +m[1] && date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3] ? value : "";
  }

  /**
   * The action plan: live entries whose item is in the catalogue, by due date (undated last),
   * then in catalogue order. @returns {{id, text, measure, group, owner, due, status}[]}
   */
  function actions(data, catalogue) {
    var plan = data.plan || {};
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

  /** The full-fidelity export; `name` says whose answers they are (for combining). */
  function toJSON(data, name, now) {
    return state().toJSON(data, name, now);
  }

  // ----- Markdown

  /** Plain text for Markdown: no markup, links or HTML, on one line. */
  function mdText(value) {
    return String(value).replace(/\s+/g, " ").replace(/([\\`*_[\]<>#|~])/g, "\\$1");
  }

  /** "label: value" with the language's own colon (：in Japanese). */
  function labelled(strings, key, value) {
    return fmt(strings, "cl_labelled", { label: fmt(strings, key), value: value });
  }

  function verdict(strings, s) {
    return labelled(strings, "cl_level_" + s.level, fmt(strings, "cl_verdict_" + s.level, s));
  }

  /** One plan entry's details: owner, due date and status, in the page's words. */
  function details(strings, action) {
    return [
      labelled(strings, "cl_report_col_owner", action.owner || fmt(strings, "cl_report_not_recorded")),
      labelled(strings, "cl_report_col_due", action.due || fmt(strings, "cl_report_no_date")),
      labelled(strings, "cl_report_col_status", fmt(strings, "cl_plan_status_" + action.status)),
    ];
  }

  /** A GitHub task list: the title, the plan (first), then every pattern with its verdict. */
  function toMarkdown(data, catalogue, strings, options) {
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
      var s = state().score(items, group.items.map(function (i) { return i.id; }));
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

  /** One CSV cell; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula. */
  function csvCell(value) {
    value = String(value);
    if (/^[=+\-@\t\r]/.test(value)) value = "'" + value;
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /**
   * A spreadsheet (with a BOM so Excel reads UTF-8 Japanese): one row per statement, its answer
   * and note, then its plan entry (owner, due date, status; empty when it is not in the plan).
   */
  function toCSV(data, catalogue, strings) {
    var items = data.items;
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

  /** A TEXT value: \ ; , escaped, line breaks as \n, other control characters dropped (§3.3.11). */
  function icsText(value) {
    return String(value)
      .replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/([\\;,])/g, "\\$1")
      .replace(/\n/g, "\\n");
  }

  /** UTF-8 length of one code point. */
  function octets(codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /**
   * Fold a content line at 75 octets (§3.1): continuation lines start with a space, which counts.
   * Splits only between code points, so no UTF-8 sequence (or surrogate pair) is ever cut.
   */
  function fold(line) {
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (ch) {
      var n = octets(ch.codePointAt(0));
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

  function icsDate(due) {
    return due.replace(/-/g, "");
  }

  function nextDay(due) {
    var d = new Date(due + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10).replace(/-/g, "");
  }

  /** A usable time in ms (a date a Date can write), or 0. */
  function time(ms) {
    return typeof ms === "number" && ms > 0 && ms < 8.64e15 ? ms : 0;
  }

  function icsStamp(ms) {
    return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  }

  /** FNV-1a of a text, in base 36: a short, stable tag of the project's title for UIDs. */
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
   */
  function toICS(data, catalogue, strings, options) {
    var meta = data.meta || {};
    var now = time(options && options.now) || Date.now();
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
      var entry = own(data.plan, action.id);
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
      if (time(entry.updated)) lines.push("LAST-MODIFIED:" + icsStamp(entry.updated));
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  var api = {
    FORMAT: FORMAT, toJSON: toJSON, toMarkdown: toMarkdown, toCSV: toCSV, toICS: toICS,
    actions: actions, day: day, mdText: mdText, csvCell: csvCell, icsText: icsText, fold: fold,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CrmChecklistFormats = api;
})(this);
