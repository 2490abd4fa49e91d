// Unit tests of what the report page shows (overrides/assets/javascripts/checklist/model/summary.mjs,
// summarize): from version-2 data, and from version-1 data that has no plan, meta or combination.
import test from "node:test";
import assert from "node:assert/strict";
import * as R from "../../overrides/assets/javascripts/checklist/model/summary.mjs";

const item = (state, note = "", updated = 1) => ({ state, note, updated });
const catalogue = {
  steps: [{ id: "goal", label: "Goal" }, { id: "plan", label: "Plan" }, { id: "action", label: "Action" }],
  patterns: [
    { id: "a", title: "1. A", step: "goal", items: [{ id: "a-one", text: "A one", measure: "m" }, { id: "a-two", text: "A two", measure: "m" }] },
    { id: "b", title: "2. B", step: "goal", items: [{ id: "b-one", text: "B one", measure: "m" }, { id: "b-two", text: "B two", measure: "m" }] },
    { id: "c", title: "3. C", step: "action", items: [{ id: "c-one", text: "C one", measure: "m" }] },
  ],
};
const summarize = (data) => R.summarize(data, catalogue);

test("version-1 data reads as no plan, no meta, no combination", () => {
  const r = summarize({ version: 1, items: { "a-one": item("done", "", 50) }, rounds: [] });
  assert.equal(r.empty, false);
  assert.deepEqual(r.actions, []);
  assert.equal(r.title, "");
  assert.equal(r.participants, "");
  assert.equal(r.combined, null);
  assert.equal(r.round, null);
  assert.equal(r.date, 50);
});

test("nothing answered, planned or combined is an empty report", () => {
  assert.equal(summarize({ version: 1, items: {}, rounds: [] }).empty, true);
  assert.equal(summarize({ version: 1, items: { "a-one": item("open") }, rounds: [] }).empty, true);
  assert.equal(summarize({ version: 1, items: { "a-one": item("open", "just a note") }, rounds: [] }).empty, false);
  const planned = { version: 2, items: {}, rounds: [], plan: { "a-one": { owner: "", due: "", status: "planned", updated: 1, removed: false } } };
  assert.equal(summarize(planned).empty, false);
  planned.plan["a-one"].removed = true;
  assert.equal(summarize(planned).empty, true);
});

test("verdicts rank riskiest first; a step is at risk at its worst pattern's level", () => {
  const items = { "a-one": item("done"), "b-one": item("done"), "b-two": item("open"), "c-one": item("done") };
  const r = summarize({ version: 1, items, rounds: [] });
  assert.deepEqual(r.ranked.map((row) => [row.pattern.id, row.s.level]), [["a", "high"], ["b", "high"], ["c", "low"]]);
  assert.deepEqual(r.steps.map((s) => [s.step.id, s.level, s.patterns.map((p) => p.id)]), [["goal", "high", ["a", "b"]]]);
});

test("the latest round that is not deleted names the answers when they have not changed since", () => {
  const items = { "a-one": item("done", "n", 7) };
  const rounds = [
    { id: "r1", name: "Q1", date: 10, items: { "a-one": item("done", "n", 0) }, updated: 10, deleted: false },
    { id: "r2", name: "Q2 (deleted)", date: 20, items: {}, updated: 30, deleted: true },
  ];
  const r = summarize({ version: 2, items, rounds, plan: {}, meta: { title: "", participants: "", updated: 0 }, combined: null });
  assert.equal(r.round.name, "Q1");
  assert.equal(r.roundMatches, true);
  assert.equal(r.date, 10);
  items["a-two"] = item("done", "", 40);
  const changed = summarize({ version: 2, items, rounds, plan: {}, meta: { title: "", participants: "", updated: 0 }, combined: null });
  assert.equal(changed.roundMatches, false);
  assert.equal(changed.date, 40);
});

test("participants fall back to the combined members; disagreements keep only known statements", () => {
  const data = {
    version: 2, items: {}, rounds: [], plan: {}, meta: { title: "T", participants: "", updated: 0 },
    combined: { date: 5, members: ["Sales", "IT"], split: ["b-two", "gone-item", "a-one"], updated: 5 },
  };
  const r = summarize(data);
  assert.equal(r.empty, false);
  assert.equal(r.participants, "");
  assert.deepEqual(r.members, ["Sales", "IT"]); // the page joins them in its language (cl_list_join)
  assert.deepEqual(r.split.map((w) => w.item.id), ["b-two", "a-one"]);
  data.meta.participants = "Sato, Suzuki";
  assert.equal(summarize(data).participants, "Sato, Suzuki");
  assert.deepEqual(summarize(data).members, []);
});

test("notes are listed in catalogue order with their answer", () => {
  const r = summarize({ version: 1, items: { "c-one": item("na", "later"), "a-two": item("open", "first") }, rounds: [] });
  assert.deepEqual(r.notes.map((n) => [n.item.id, n.state, n.note]), [["a-two", "open", "first"], ["c-one", "na", "later"]]);
});
