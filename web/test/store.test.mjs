// node --test web/test/store.test.mjs : the storage format and its migration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, parse, record, chapterCounts, empty } from '../modules/store.js';

test('v0 entries become v1 with attempts and the solved variant', () => {
  const v0 = { 'count.conv-macs': { tries: 3, solved: true, variant: 7 }, 'llm.kv-cache': { tries: 1, solved: false, variant: 2 } };
  assert.deepEqual(migrate(v0), {
    version: 1,
    exercises: { 'count.conv-macs': { attempts: 3, solved: [7] }, 'llm.kv-cache': { attempts: 1, solved: [] } },
  });
});

test('v0 with missing fields is repaired, not dropped', () => {
  assert.deepEqual(migrate({ 'quant.levels': { solved: true } }).exercises, { 'quant.levels': { attempts: 1, solved: [0] } });
});

test('v1 passes through and is cleaned', () => {
  const v1 = { version: 1, exercises: { a: { attempts: 4, solved: [3, 1, 3, -1, 'x'] }, b: 'junk' } };
  assert.deepEqual(migrate(v1), { version: 1, exercises: { a: { attempts: 4, solved: [1, 3] } } });
});

test('corrupt data gives empty progress without throwing', () => {
  for (const text of ['', '{', 'null', '[]', '"text"', '42', '{"version":1,"exercises":[]}']) assert.deepEqual(parse(text), empty());
});

test('record counts readable attempts and solved variants once', () => {
  let p = empty();
  p = record(p, 'a', 2, 'unreadable');
  assert.deepEqual(p.exercises, {});
  p = record(p, 'a', 2, 'incorrect');
  p = record(p, 'a', 2, 'correct');
  p = record(p, 'a', 2, 'correct');
  assert.deepEqual(p.exercises.a, { attempts: 3, solved: [2] });
  assert.deepEqual(chapterCounts(p, ['a', 'b']), { solved: 1, total: 2 });
});
