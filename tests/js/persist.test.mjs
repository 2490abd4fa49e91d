// Unit tests of the persistence module's pure logic (overrides/assets/javascripts/checklist/model/backup.mjs):
// when to remind the team to save a backup file. Run with `node --test tests/js/`.
import test from "node:test";
import assert from "node:assert/strict";
import * as P from "../../overrides/assets/javascripts/checklist/model/backup.mjs";

const DAY = P.DAY;
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const item = (updated) => ({ state: "done", note: "", updated });
const v1 = (items, rounds = []) => ({ version: 1, items, rounds });

test("every change time counts, in version 1 and version 2 data", () => {
  const v2 = {
    version: 2,
    items: { a: item(5) },
    plan: { a: { owner: "Kim", due: "", status: "planned", updated: 7, removed: false } },
    rounds: [{ id: "r1", name: "Q1", date: 2, items: {}, updated: 9, deleted: false }],
    meta: { title: "", participants: "", updated: 0 },
    combined: { date: 3, members: [], split: [], updated: 11 },
  };
  assert.deepEqual(P.changeTimes(v2).sort((a, b) => a - b), [5, 7, 9, 11]);
  // A version-1 round has only its date.
  assert.deepEqual(P.changeTimes(v1({}, [{ id: "r1", name: "", date: 4, items: {} }])), [4]);
  assert.equal(P.lastChange(v2), 11);
  for (const junk of [null, "x", [], { items: "x", rounds: {} }]) assert.deepEqual(P.changeTimes(junk), []);
});

test("no reminder without answers, or when the last backup holds every change", () => {
  assert.equal(P.reminder(null, 0, NOW), null);
  assert.equal(P.reminder(v1({}), 0, NOW), null);
  const old = v1({ a: item(NOW - 30 * DAY) });
  assert.equal(P.reminder(old, NOW - 29 * DAY, NOW), null);
  assert.equal(P.reminder(old, NOW - 30 * DAY, NOW), null, "a backup at the very time of the change");
});

test("a reminder once the last backup is a few days old and answers changed since", () => {
  const threshold = P.REMIND_AFTER_DAYS * DAY;
  const changed = v1({ a: item(NOW - 1000) });
  assert.equal(P.reminder(changed, NOW - threshold + 60000, NOW), null, "a recent backup");
  assert.deepEqual(P.reminder(changed, NOW - threshold, NOW), { days: P.REMIND_AFTER_DAYS, never: false });
  assert.deepEqual(P.reminder(changed, NOW - 10 * DAY, NOW), { days: 10, never: false });
});

test("with no backup ever, a reminder once the first answer is a few days old", () => {
  const threshold = P.REMIND_AFTER_DAYS * DAY;
  const today = v1({ a: item(NOW - 3600000), b: item(NOW - 1000) });
  assert.equal(P.reminder(today, 0, NOW), null, "a team answering for the first time is not nagged");
  const started = v1({ a: item(NOW - threshold - 1000), b: item(NOW - 1000) });
  assert.deepEqual(P.reminder(started, 0, NOW), { days: P.REMIND_AFTER_DAYS, never: true });
});

test("changes dated in the future (another machine's clock) do not count as unsaved", () => {
  assert.equal(P.reminder(v1({ a: item(NOW + 5 * DAY) }), 0, NOW), null);
});

test("the last backup time reads back and tolerates anything else", () => {
  assert.equal(P.readBackup(P.backupRecord(NOW)), NOW);
  for (const raw of [null, "", "{", "[]", '{"at":"x"}', '{"at":-1}', "42"]) assert.equal(P.readBackup(raw), 0);
});

test("the status names the case and the backup file is dated", () => {
  assert.equal(P.statusKey(true), "cl_persist_granted");
  assert.equal(P.statusKey(false), "cl_persist_evictable");
  assert.equal(P.backupName(NOW), "crm-checklist-backup-2026-12-01.json");
  assert.equal(P.BACKUP_KEY, "crm-failure-patterns:checklist:backup");
});
