// node --test web/test/store-tabs.test.mjs : two tabs writing one
// localStorage. Each tab is its own instance of store.js (imported under a
// different query string); the fake storage delivers each write to the other
// tab as a `storage` event, a task later, as browsers do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';

const values = new Map();
const tabs = [];
let writes = 0;
globalThis.localStorage = {
  getItem: (key) => (values.has(key) ? values.get(key) : null),
  setItem(key, value) {
    writes += 1;
    const writer = currentWriter;
    values.set(key, String(value));
    for (const tab of tabs) {
      if (tab !== writer) setImmediate(() => { currentWriter = tab; tab.onStorage({ key, newValue: String(value) }); currentWriter = null; });
    }
  },
  removeItem(key) {
    const writer = currentWriter;
    values.delete(key);
    for (const tab of tabs) if (tab !== writer) setImmediate(() => tab.onStorage({ key, newValue: null }));
  },
};
let currentWriter = null;
// Runs fn as tab `tab` (so its writes reach the other tab only).
const as = (tab, fn) => { currentWriter = tab; try { return fn(); } finally { currentWriter = null; } };
const settle = async () => { for (let i = 0; i < 20; i++) await tick(); };

const one = await import('../modules/store.js?tab=1');
const two = await import('../modules/store.js?tab=2');
tabs.push(one, two);

const check = (id, variant, at) => ({ exercise: id, variant, status: 'correct', answer: String(variant), ms: 10, hints: 0, slip: null, at });

test('two tabs that both answer keep both answers, and stop writing once they agree', async () => {
  // Both tabs have loaded (empty) progress before either answers.
  assert.deepEqual(one.load().exercises, {});
  assert.deepEqual(two.load().exercises, {});
  as(one, () => one.save(one.record(one.load(), check('a', 1, 100))));
  // Tab two has not had the event yet: without the merge its write would erase tab one's.
  as(two, () => two.save(two.record(two.load(), check('b', 2, 200))));
  await settle();
  const stored = JSON.parse(values.get(one.KEY));
  assert.deepEqual(stored.exercises.a.solved, [1]);
  assert.deepEqual(stored.exercises.b.solved, [2]);
  assert.deepEqual(stored.log.map((x) => x.at), [100, 200]);
  assert.deepEqual(one.load(), two.load(), 'both tabs hold the same progress');
  assert.ok(writes <= 4, `the tabs settle after a few writes (${writes})`);
  const before = writes;
  await settle();
  assert.equal(writes, before, 'no write goes back and forth once they agree');
});

test('a reset in one tab resets the other', async () => {
  assert.ok(Object.keys(two.load().exercises).length > 0);
  as(one, () => one.reset());
  await settle();
  assert.deepEqual(two.load().exercises, {});
  assert.equal(values.get(one.KEY), undefined, 'tab two does not write its old progress back');
});

test('a failed save is reported to the error listener, also one that subscribes later', () => {
  const full = globalThis.localStorage.setItem;
  globalThis.localStorage.setItem = () => { throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' }); };
  try {
    assert.equal(one.save(one.empty()), false);
    const heard = [];
    one.on('error', (message) => heard.push(message));
    assert.equal(heard.length, 1);
    assert.match(heard[0], /storage for the site is full/);
    two.on('error', (message) => heard.push(message));
    two.save(two.empty());
    assert.equal(heard.length, 2);
  } finally {
    globalThis.localStorage.setItem = full;
  }
});
