// Unit tests of the checklist's state logic (overrides/assets/javascripts/checklist/model/).
// Run with `node --test tests/js/`: Node's own test runner, nothing to install.
import test from "node:test";
import assert from "node:assert/strict";
import * as S from "../../overrides/assets/javascripts/checklist/model/state.mjs";
import * as Share from "../../overrides/assets/javascripts/checklist/model/share.mjs";

const item = (state, updated = 1, note = "") => ({ state, note, updated });
const meta = { title: "", participants: "", updated: 0 };
const data = (items, rounds = []) => ({ version: 2, items, plan: {}, rounds, meta, combined: null });
const round = (id, date, items = {}, extra = {}) => ({ id, name: id, date, items, updated: date, deleted: false, ...extra });
const ids = ["a-one", "a-two", "a-three"];

test("nothing stored is an empty checklist, not an error", () => {
  assert.deepEqual(S.parse(null), { data: S.empty(), error: null });
});

test("stored data round-trips through JSON", () => {
  const stored = data({ "a-one": item("done", 5, "ok") }, [{ ...round("r1", 9, { "a-one": item("na", 0) }), name: "Q1" }]);
  assert.deepEqual(S.parse(JSON.stringify(stored)), { data: stored, error: null });
});

test("unreadable storage is reported as garbage", () => {
  assert.equal(S.parse("{not json").error, "garbage");
  assert.equal(S.parse("undefined").error, "garbage");
});

test("a value of the wrong shape is refused", () => {
  for (const raw of ["42", '"text"', "[]", "null", '{"version":1}', '{"version":"1","items":{}}', '{"version":-1,"items":{}}']) {
    assert.equal(S.parse(raw).error, "shape", raw);
  }
});

test("data from a newer version is refused, not overwritten or guessed at", () => {
  assert.deepEqual(S.parse('{"version":3,"items":{}}'), { data: null, error: "future" });
});

test("version 0 (a bare map of ticks) is migrated", () => {
  const { data: migrated } = S.parse('{"a-one":true,"a-two":false,"BAD ID":true}');
  assert.equal(migrated.version, 2);
  assert.equal(migrated.items["a-one"].state, "done");
  assert.equal(migrated.items["a-two"].state, "open");
  assert.equal(migrated.items["BAD ID"], undefined);
  assert.equal(S.parse('{"a-one":true,"a-two":"x"}').error, "shape");
  assert.equal(S.parse("{}").error, "shape");
});

test("hostile entries are dropped and long text is cut", () => {
  const raw = JSON.stringify({
    version: 1,
    items: {
      __proto__: item("done"),
      "BAD ID": item("done"),
      "a-one": { state: "pwned" },
      "a-two": { state: "done", note: "x".repeat(5000), updated: "soon" },
      "a-three": "done",
    },
    rounds: [{ id: "<script>", items: {} }, "x", { id: "r1", name: 5, date: -1, items: null }],
  });
  const { data: clean } = S.parse(raw);
  assert.deepEqual(Object.keys(clean.items), ["a-two"]);
  assert.equal(clean.items["a-two"].note.length, S.LIMIT.note);
  assert.equal(clean.items["a-two"].updated, 0);
  assert.deepEqual(clean.rounds, [{ id: "r1", name: "", date: 0, items: {}, updated: 0, deleted: false }]);
  assert.equal({}.state, undefined, "no prototype pollution");
});

test("an item id like 'constructor' does not find Object's prototype", () => {
  const merged = S.merge(data({}), data({ constructor: item("done", 3) }));
  assert.deepEqual(merged.items.constructor, item("done", 3));
  assert.equal(S.score({}, ["constructor"]).open, 1);
});

test("merge keeps the later change of every item, from either side", () => {
  const a = data({ "a-one": item("done", 10), "a-two": item("open", 5) });
  const b = data({ "a-one": item("open", 4), "a-two": item("na", 8), "a-three": item("done", 1) });
  const merged = S.merge(a, b);
  assert.equal(merged.items["a-one"].state, "done");
  assert.equal(merged.items["a-two"].state, "na");
  assert.equal(merged.items["a-three"].state, "done");
});

test("merge unites rounds by id, in date order", () => {
  const merged = S.merge(data({}, [round("r2", 2), round("r1", 1)]), data({}, [round("r1", 1), round("r3", 3)]));
  assert.deepEqual(merged.rounds.map((x) => x.id), ["r1", "r2", "r3"]);
});

test("update changes state and note separately and stamps the time", () => {
  let d = S.update(S.empty(), { "a-one": { state: "done" } }, 7);
  d = S.update(d, { "a-one": { note: "why" } }, 8);
  assert.deepEqual(d.items["a-one"], item("done", 8, "why"));
  assert.equal(S.update(d, { "a-one": { state: "bogus" } }, 9).items["a-one"].state, "done");
});

test("update returns new objects, so an old value can be kept for undo", () => {
  const before = data({ "a-one": item("done") });
  const after = S.update(before, { "a-one": { state: "open" } }, 2);
  assert.equal(before.items["a-one"].state, "done");
  assert.equal(after.items["a-one"].state, "open");
});

test("replace makes other stored ids open, with a newer time than anything else", () => {
  const before = data({ "a-one": item("done", 3), "gone-item": item("done", 3) });
  const after = S.replace(before, { "a-two": item("na", 1, "n") }, 10);
  assert.deepEqual(after.items["a-one"], item("open", 10));
  assert.deepEqual(after.items["gone-item"], item("open", 10));
  assert.deepEqual(after.items["a-two"], item("na", 10, "n"));
  // Another tab's older copy cannot bring the replaced answers back.
  assert.equal(S.merge(before, after).items["a-one"].state, "open");
});

test("items not on the page (removed from the dataset) survive every change", () => {
  let d = data({ "removed-item": item("done", 1, "keep me") });
  d = S.update(d, { "a-one": { state: "done" } }, 2);
  d = S.merge(d, data({ "a-two": item("done", 3) }));
  assert.deepEqual(d.items["removed-item"], item("done", 1, "keep me"));
  // It counts again as soon as its id is back on the page.
  assert.equal(S.score(d.items, ["removed-item"]).done, 1);
});

test("score leaves not-applicable items out of the total; levels in plain terms", () => {
  const items = { "a-one": item("done"), "a-two": item("na") };
  assert.deepEqual(S.score(items, ids), { done: 1, open: 1, na: 1, total: 2, level: "high" });
  assert.equal(S.score({ "a-one": item("done"), "a-two": item("done") }, ids).level, "mid");
  assert.equal(S.score({ "a-one": item("done"), "a-two": item("done"), "a-three": item("na") }, ids).level, "low");
  assert.equal(S.score({ "a-one": item("na"), "a-two": item("na"), "a-three": item("na") }, ids).level, "none");
  assert.equal(S.score({}, ids).level, "high");
});

test("compare tells improved, slipped and scope changes apart", () => {
  const before = { "a-one": item("done"), "a-two": item("open"), "a-three": item("open") };
  const after = { "a-one": item("open"), "a-two": item("done"), "a-three": item("na") };
  assert.deepEqual(S.compare(before, after, ids), { improved: ["a-two"], slipped: ["a-one"], changed: ["a-three"] });
  assert.deepEqual(S.compare(before, before, ids), { improved: [], slipped: [], changed: [] });
});

test("combine counts answers per item and flags disagreement", () => {
  const rows = S.combine([{ "a-one": item("done") }, { "a-one": item("open") }, { "a-one": item("na"), "a-two": item("done") }], ids);
  assert.deepEqual(rows["a-one"], { done: 1, open: 1, na: 1, split: true });
  assert.deepEqual(rows["a-two"], { done: 1, open: 2, na: 0, split: true });
  assert.deepEqual(rows["a-three"], { done: 0, open: 3, na: 0, split: false });
  assert.equal(S.combine([{ "a-one": item("done") }, { "a-one": item("done") }], ids)["a-one"].split, false);
});

test("snapshot saves a named, dated round and leaves the answers as they are", () => {
  const d = S.snapshot(data({ "a-one": item("done", 4, "n") }), "Q1 review", 1000);
  assert.equal(d.rounds.length, 1);
  assert.deepEqual(d.rounds[0], { id: "r" + (1000).toString(36), name: "Q1 review", date: 1000, items: { "a-one": item("done", 0, "n") }, updated: 1000, deleted: false });
  assert.equal(d.items["a-one"].state, "done");
});

test("the JSON export imports back with full fidelity", () => {
  const d = S.snapshot(data({ "a-one": item("done", 4, "<b>note</b>"), "a-two": item("na", 5) }), "Q1", 99);
  const back = S.readImport(S.toJSON(d, "Sales", Date.UTC(2025, 0, 2)));
  assert.equal(back.error, null);
  assert.equal(back.name, "Sales");
  assert.deepEqual(back.data, d);
});

test("bad import files are refused with a reason", () => {
  assert.equal(S.readImport("hello").error, "notjson");
  assert.equal(S.readImport("").error, "notjson");
  assert.equal(S.readImport('{"format":"something-else","version":1,"items":{}}').error, "shape");
  assert.equal(S.readImport('{"items":[1,2]}').error, "shape");
  assert.equal(S.readImport(JSON.stringify({ format: S.FORMAT, version: 3, items: {} })).error, "future");
  assert.equal(S.readImport(" ".repeat(S.LIMIT.file + 1)).error, "huge");
});

test("a share link carries answers and notes (Japanese too) and decodes to the same", () => {
  const items = { "a-one": item("done", 1, "営業に確認 ✓"), "a-two": item("na", 1), "a-three": item("open", 1) };
  const { fragment } = Share.encode(items, {}, 1234);
  assert.match(fragment, /^cl=[\w-]+$/);
  const back = Share.decode("#" + fragment);
  assert.equal(back.error, null);
  assert.equal(back.date, 1234);
  assert.deepEqual(back.items, { "a-one": item("done", 0, "営業に確認 ✓"), "a-two": item("na", 0) });
});

test("a tampered share link is an error, never a partial load", () => {
  const good = Share.encode({ "a-one": item("done") }, {}, 1).fragment;
  for (const bad of ["cl=", "cl=%%%", "cl=" + good.slice(3, -2), "cl=<script>", "cl=" + "A".repeat(S.LIMIT.link + 1), "cl=bnVsbA", "cl=_-_-"]) {
    assert.equal(Share.decode(bad).error, "link", bad);
  }
  const future = Buffer.from(JSON.stringify({ v: 2, i: {} })).toString("base64url");
  assert.equal(Share.decode("cl=" + future).error, "future");
});

test("a share link with hostile entries keeps only valid ones", () => {
  const raw = Buffer.from(JSON.stringify({ v: 1, t: "x", i: { "a-one": [1, "<b>x</b>"], "a-two": [9], "BAD": [1], "a-three": "done" } })).toString("base64url");
  const back = Share.decode("cl=" + raw);
  assert.deepEqual(back.items, { "a-one": item("done", 0, "<b>x</b>") });
  assert.equal(back.date, 0);
});
