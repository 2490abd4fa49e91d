// Unit tests of stored format version 2: the migration from version 1, merging plan entries and
// rounds across tabs, plan dates, the proposal's order, rounds rename/delete/undo and the trend.
// Run with `node --test tests/js/`.
import test from "node:test";
import assert from "node:assert/strict";
import * as S from "../../overrides/assets/javascripts/checklist/model/state.mjs";
import * as Plan from "../../overrides/assets/javascripts/checklist/model/plan.mjs";
import * as Rounds from "../../overrides/assets/javascripts/checklist/model/rounds.mjs";
import * as Share from "../../overrides/assets/javascripts/checklist/model/share.mjs";

const item = (state, updated = 1, note = "") => ({ state, note, updated });
const action = (fields = {}) => ({ owner: "", due: "", status: "planned", updated: 1, removed: false, ...fields });

const v1 = {
  version: 1,
  items: { "a-one": item("done", 5, "why"), "a-two": item("na", 6), "gone-item": item("done", 2, "kept") },
  rounds: [{ id: "r1", name: "Q1", date: 100, items: { "a-one": item("open", 0, "old note") } }],
};

test("MIGRATIONS[1] adds the new fields and loses nothing of version 1", () => {
  const migrated = S.MIGRATIONS[1](JSON.parse(JSON.stringify(v1)));
  assert.equal(migrated.version, 2);
  assert.deepEqual(migrated.plan, {});
  assert.deepEqual(migrated.meta, { title: "", participants: "", updated: 0 });
  assert.equal(migrated.combined, null);
  assert.deepEqual(migrated.items, v1.items);
  assert.deepEqual(migrated.rounds, [{ ...v1.rounds[0], updated: 100, deleted: false }]);
});

test("stored version 1 data reads as version 2 with every answer, note and round", () => {
  const { data, error } = S.parse(JSON.stringify(v1));
  assert.equal(error, null);
  assert.equal(data.version, 2);
  assert.deepEqual(data.items, v1.items);
  assert.deepEqual(data.rounds[0].items, v1.rounds[0].items);
  assert.equal(data.rounds[0].name, "Q1");
  // Written back and read again: the same.
  assert.deepEqual(S.parse(JSON.stringify(data)).data, data);
});

test("a version 1 export file imports, with its name", () => {
  const back = S.readImport(JSON.stringify({ format: S.FORMAT, name: "Sales", ...v1 }));
  assert.equal(back.error, null);
  assert.equal(back.name, "Sales");
  assert.deepEqual(back.data.items, v1.items);
});

test("data of a version newer than 2 is refused, so an older page never overwrites it", () => {
  assert.equal(S.parse(JSON.stringify({ version: 3, items: {} })).error, "future");
  assert.equal(S.readImport(JSON.stringify({ format: S.FORMAT, version: 3, items: {} })).error, "future");
});

test("validDate accepts real calendar dates only", () => {
  for (const good of ["2026-01-31", "2028-02-29", "1999-12-01"]) assert.ok(Plan.validDate(good), good);
  for (const bad of ["2026-02-30", "2027-02-29", "2026-13-01", "2026-1-5", "26-01-01", "2026/01/01", "", null, 20260101, "2026-01-01T00:00"]) {
    assert.equal(Plan.validDate(bad), false, String(bad));
  }
});

test("an import whose plan holds an invalid date is refused; stored ones just lose the date", () => {
  const file = { format: S.FORMAT, version: 2, items: {}, plan: { "a-one": action({ due: "2026-02-30" }) } };
  assert.equal(S.readImport(JSON.stringify(file)).error, "date");
  const stored = S.parse(JSON.stringify({ ...file, format: undefined })).data;
  assert.equal(stored.plan["a-one"].due, "");
});

test("hostile plan entries are dropped or cut, never trusted", () => {
  const { data } = S.parse(JSON.stringify({
    version: 2, items: {},
    plan: { "a-one": action({ owner: "<img src=x onerror=alert(1)>\n" + "x".repeat(200), status: "pwned" }), "BAD ID": action(), "a-two": "x", constructor: action() },
  }));
  assert.deepEqual(Object.keys(data.plan).sort(), ["a-one", "constructor"]);
  assert.equal(data.plan["a-one"].owner.length, Plan.LIMIT.owner);
  assert.ok(data.plan["a-one"].owner.startsWith("<img src=x onerror=alert(1)> "));
  assert.equal(data.plan["a-one"].status, "planned");
});

test("plan entries merge per entry: the later change wins, removals included", () => {
  const a = { "a-one": action({ owner: "Aiko", updated: 10 }), "a-two": action({ updated: 3 }) };
  const b = { "a-one": action({ owner: "Ben", updated: 4 }), "a-two": action({ removed: true, updated: 8 }), "a-three": action({ updated: 1 }) };
  const merged = Plan.merge(a, b);
  assert.equal(merged["a-one"].owner, "Aiko");
  assert.equal(merged["a-two"].removed, true);
  assert.ok(merged["a-three"]);
  assert.deepEqual(Plan.merge(b, a), merged);
});

test("set, remove and set again: a removed action is a tombstone an older copy cannot undo", () => {
  let plan = Plan.set({}, "a-one", { owner: "Aiko", due: "2026-03-31" }, 5);
  const older = plan;
  plan = Plan.set(plan, "a-one", { status: "doing" }, 6);
  assert.deepEqual(plan["a-one"], action({ owner: "Aiko", due: "2026-03-31", status: "doing", updated: 6 }));
  plan = Plan.remove(plan, "a-one", 7);
  assert.equal(Plan.isActive(plan, "a-one"), false);
  assert.equal(Plan.isActive(Plan.merge(plan, older), "a-one"), false);
  plan = Plan.set(plan, "a-one", {}, 8);
  assert.deepEqual(plan["a-one"], action({ updated: 8 }), "comes back fresh");
  assert.equal(Plan.set(plan, "a-one", { due: "2026-02-30" }, 9)["a-one"].due, "", "an invalid date is never stored");
});

test("the whole data merges plan, rounds, meta and combined across tabs", () => {
  const base = S.parse(JSON.stringify(v1)).data;
  const tabA = S.setMeta({ ...base, plan: Plan.set(base.plan, "a-one", { owner: "A" }, 10) }, { title: "CRM 2026" }, 11);
  const tabB = { ...base, rounds: Rounds.rename(base.rounds, "r1", "Kick-off", 500), combined: { date: 13, members: ["x"], split: ["a-one"], updated: 13 } };
  const merged = S.merge(tabA, tabB);
  assert.equal(merged.plan["a-one"].owner, "A");
  assert.equal(merged.meta.title, "CRM 2026");
  assert.equal(merged.rounds[0].name, "Kick-off");
  assert.deepEqual(merged.combined.split, ["a-one"]);
  assert.deepEqual(S.merge(tabB, tabA), merged);
});

test("the proposal: a handful of open statements, riskiest pattern first, then cycle order, then dataset order", () => {
  const groups = [
    { ids: ["p1-a", "p1-b"], step: 2 }, // will be mid risk
    { ids: ["p2-a", "p2-b"], step: 5 }, // high, later in the cycle
    { ids: ["p3-a", "p3-b", "p3-c"], step: 1 }, // high, earlier in the cycle
    { ids: ["p4-a"], step: 0 }, // low: nothing open
  ];
  const items = { "p1-a": item("done"), "p1-b": item("open"), "p4-a": item("done"), "p3-b": item("na") };
  // p1 is 1 of 2 done: 50 % is high too; make it mid with 3 of 5 instead.
  groups[0].ids = ["p1-a", "p1-b", "p1-c", "p1-d", "p1-e"];
  Object.assign(items, { "p1-c": item("done"), "p1-d": item("done") });
  assert.deepEqual(Plan.propose(items, groups, {}, 5), ["p3-a", "p3-c", "p2-a", "p2-b", "p1-b"]);
  assert.deepEqual(Plan.propose(items, groups, {}, 2), ["p3-a", "p3-c"]);
  // What is in the plan already is not proposed again.
  const plan = Plan.set({}, "p3-a", {}, 1);
  assert.deepEqual(Plan.propose(items, groups, plan, 2), ["p3-c", "p2-a"]);
});

test("the plan is listed open work first, by due date, undated after, done last", () => {
  const ids = ["a", "b", "c", "d", "e"];
  const plan = {
    a: action({ status: "done", due: "2026-01-01" }),
    b: action({ due: "2026-05-01" }),
    c: action({ due: "" }),
    d: action({ status: "doing", due: "2026-09-01" }),
    e: action({ due: "2026-02-01", removed: true }),
  };
  assert.deepEqual(Plan.ordered(plan, ids), ["d", "b", "c", "a"]);
});

test("rounds: rename, delete and undo are changes that merge by id, later wins", () => {
  const rounds = S.parse(JSON.stringify(v1)).data.rounds;
  const renamed = Rounds.rename(rounds, "r1", "  Kick-off\n ", 200);
  assert.equal(renamed[0].name, "Kick-off");
  assert.equal(Rounds.rename(rounds, "r1", "   ", 201), rounds, "an empty name changes nothing");
  const deleted = Rounds.remove(renamed, "r1", 300);
  assert.deepEqual(Rounds.visible(deleted), []);
  assert.equal(deleted[0].items["a-one"].note, "old note", "a deleted round keeps its answers for undo");
  // Another tab still has the renamed copy: the later delete wins.
  assert.deepEqual(Rounds.visible(Rounds.merge(renamed, deleted)), []);
  const restored = Rounds.restore(deleted, "r1", 400);
  assert.equal(Rounds.visible(Rounds.merge(deleted, restored))[0].name, "Kick-off");
});

test("the trend gives every pattern's score per visible round and now, and what moved since the last", () => {
  const groups = [{ id: "p1", ids: ["a-one", "a-two"] }, { id: "p2", ids: ["b-one"] }];
  const rounds = [
    { id: "r1", name: "Q1", date: 1, items: {}, updated: 1, deleted: false },
    { id: "r2", name: "Q2", date: 2, items: { "a-one": item("done") }, updated: 2, deleted: false },
    { id: "r3", name: "gone", date: 3, items: {}, updated: 3, deleted: true },
  ];
  const now = { "a-one": item("done"), "a-two": item("done"), "b-one": item("na") };
  const trend = Rounds.trend(rounds, groups, now);
  assert.deepEqual(trend.rounds.map((r) => r.id), ["r1", "r2"]);
  assert.deepEqual(trend.rows, [{ id: "p1", values: [0, 50, 100] }, { id: "p2", values: [0, 0, null] }]);
  const since = Rounds.sinceLast(rounds, { "a-two": item("done") }, ["a-one", "a-two", "b-one"]);
  assert.equal(since.round.id, "r2");
  assert.deepEqual([since.improved, since.slipped], [["a-two"], ["a-one"]]);
  assert.equal(Rounds.sinceLast([], now, ["a-one"]), null);
});

test("the JSON export carries plan, rounds, meta and combined and imports back whole", () => {
  let d = S.parse(JSON.stringify(v1)).data;
  d = { ...d, plan: Plan.set({}, "a-one", { owner: "営業 <b>", due: "2026-04-01", status: "doing" }, 7) };
  d = S.setCombined(S.setMeta(d, { title: "T", participants: "A, B" }, 8), ["A", "B"], ["a-one"], 9);
  const back = S.readImport(S.toJSON(d, "me", 10));
  assert.equal(back.error, null);
  assert.deepEqual(back.data, d);
});

test("the share link carries the plan when it fits, and says so when it does not", () => {
  const items = { "a-one": item("done") };
  const plan = Plan.set({}, "a-two", { owner: "佐藤", due: "2026-06-30", status: "doing" }, 3);
  const small = Share.encode(items, plan, 1);
  assert.equal(small.plan, true);
  const back = Share.decode(small.fragment);
  assert.deepEqual(back.plan["a-two"], action({ owner: "佐藤", due: "2026-06-30", status: "doing", updated: 0 }));
  let big = {};
  for (let i = 0; i < 60; i++) big = Plan.set(big, "item-" + i, { owner: "x".repeat(60) }, 1);
  const large = Share.encode(items, big, 1);
  assert.equal(large.plan, false);
  assert.equal(Share.decode(large.fragment).plan, null, "left out, so the receiver's plan is kept");
  assert.deepEqual(Share.decode(large.fragment).items, { "a-one": item("done", 0) });
  const bad = Buffer.from(JSON.stringify({ v: 1, i: {}, p: { "a-one": [0, "", "2026-02-30"] } })).toString("base64url");
  assert.equal(Share.decode("cl=" + bad).error, "date");
});

test("an import says whether it holds a plan, so a version 1 file leaves the plan alone", () => {
  assert.equal(S.readImport(JSON.stringify({ format: S.FORMAT, ...v1 })).hasPlan, false);
  assert.equal(S.readImport(JSON.stringify({ format: S.FORMAT, version: 2, items: {}, plan: {} })).hasPlan, true);
});
