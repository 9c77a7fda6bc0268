// node --test web/test/store.test.mjs : the storage format, its migration,
// the recording rules, the merge of two tabs' progress and the import check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  migrate, parse, record, markShown, merge, readImport, answerText, chapterCounts, empty, LOG_CAP, VERSION,
} from '../modules/store.js';

// An entry as version 2 writes it, for the fields a test does not care about.
const entry = (fields) => ({ attempts: 0, solved: [], helped: [], shown: [], last: null, ...fields });

// One graded check of `answer` on exercise `id`, variant `variant`.
const check = (id, variant, status, answer, more = {}) => ({
  exercise: id, variant, status, answer: answerText([answer]), ms: 1500, hints: 0, slip: null, at: 1000, ...more,
});

test('the current version is 2', () => assert.equal(VERSION, 2));

test('v0 entries become v2 with attempts, the solved variant and an empty log', () => {
  const v0 = { 'count.conv-macs': { tries: 3, solved: true, variant: 7 }, 'llm.kv-cache': { tries: 1, solved: false, variant: 2 } };
  assert.deepEqual(migrate(v0), {
    version: 2,
    exercises: { 'count.conv-macs': entry({ attempts: 3, solved: [7] }), 'llm.kv-cache': entry({ attempts: 1 }) },
    log: [],
  });
});

test('v0 with missing fields is repaired, not dropped', () => {
  assert.deepEqual(migrate({ 'quant.levels': { solved: true } }).exercises, { 'quant.levels': entry({ attempts: 1, solved: [0] }) });
});

test('v1 becomes v2: its right answers stay solved, nothing is helped, the log starts empty', () => {
  const v1 = { version: 1, exercises: { a: { attempts: 4, solved: [3, 1, 3, -1, 'x'] }, b: 'junk' } };
  assert.deepEqual(migrate(v1), { version: 2, exercises: { a: entry({ attempts: 4, solved: [1, 3] }) }, log: [] });
});

test('v2 is cleaned: a variant both solved and helped stays solved, malformed log entries are dropped', () => {
  const good = { exercise: 'a', variant: 1, correct: true, ms: 900, hints: 2, slip: null, at: 5 };
  const v2 = {
    version: 2,
    exercises: { a: { attempts: 1, solved: [1], helped: [1, 2], shown: [], last: { variant: 2, answer: 7 } } },
    log: [good, { ...good, ms: -1 }, { ...good, correct: 'yes' }, null, { ...good, at: 6, slip: 42 }],
  };
  assert.deepEqual(migrate(v2), {
    version: 2,
    exercises: { a: entry({ attempts: 2, solved: [1], helped: [2], shown: [2] }) },
    log: [good, { ...good, at: 6, slip: null }],
  });
});

test('corrupt data gives empty progress without throwing', () => {
  for (const text of ['', '{', 'null', '[]', '"text"', '42', '{"version":1,"exercises":[]}']) assert.deepEqual(parse(text), empty());
});

test('record counts readable attempts and solved variants once', () => {
  let p = empty();
  p = record(p, check('a', 2, 'unreadable', 'five'));
  assert.deepEqual(p.exercises, {});
  p = record(p, check('a', 2, 'incorrect', '4'));
  p = record(p, check('a', 2, 'correct', '5'));
  p = record(p, check('a', 2, 'correct', '5.0'));
  assert.deepEqual(p.exercises.a, entry({ attempts: 3, solved: [2], last: { variant: 2, answer: '5.0' } }));
  assert.deepEqual(chapterCounts(p, ['a', 'b']), { solved: 1, helped: 0, total: 2 });
});

test('the same answer checked again on the same variant is not another attempt', () => {
  const once = record(empty(), check('a', 2, 'incorrect', '4'));
  assert.equal(record(once, check('a', 2, 'incorrect', '4')), once, 'Enter again: the same progress');
  assert.equal(record(once, check('a', 2, 'incorrect', ' 4 ')), once, 'spaces around it do not make it new');
  const other = record(once, check('a', 3, 'incorrect', '4'));
  assert.equal(other.exercises.a.attempts, 2, 'the same text on other numbers is a new attempt');
  const back = record(record(once, check('a', 2, 'incorrect', '6')), check('a', 2, 'incorrect', '4'));
  assert.equal(back.exercises.a.attempts, 3, 'an earlier answer typed again after another one counts');
  assert.equal(back.log.length, 3);
});

test('a right answer after the solution was opened is practised with help, not solved', () => {
  let p = markShown(empty(), 'a', 4);
  p = record(p, check('a', 4, 'correct', '9'));
  assert.deepEqual(p.exercises.a, entry({ attempts: 1, helped: [4], shown: [4], last: { variant: 4, answer: '9' } }));
  assert.deepEqual(chapterCounts(p, ['a']), { solved: 0, helped: 1, total: 1 });
  p = record(p, check('a', 5, 'correct', '11'));
  assert.deepEqual(p.exercises.a.solved, [5], 'other numbers, solution closed: solved');
  assert.deepEqual(chapterCounts(p, ['a']), { solved: 1, helped: 0, total: 1 });
  const solvedFirst = markShown(record(empty(), check('b', 1, 'correct', '3')), 'b', 1);
  assert.deepEqual(record(solvedFirst, check('b', 1, 'correct', '3.0')).exercises.b.solved, [1],
    'opening the solution after solving takes nothing away');
  assert.equal(markShown(p, 'a', 4), p, 'opening it twice changes nothing');
});

test('record logs each graded attempt with its time, hints and slip', () => {
  let p = record(empty(), check('a', 1, 'incorrect', '50176', { ms: 2345.6, hints: 2, slip: 'step 2', at: 10 }));
  p = record(p, check('a', 1, 'correct', '14450688', { ms: 8000, hints: 3, slip: 'ignored on a right answer', at: 20 }));
  assert.deepEqual(p.log, [
    { exercise: 'a', variant: 1, correct: false, ms: 2346, hints: 2, slip: 'step 2', at: 10 },
    { exercise: 'a', variant: 1, correct: true, ms: 8000, hints: 3, slip: null, at: 20 },
  ]);
});

test(`the log keeps the last ${LOG_CAP} attempts`, () => {
  let p = empty();
  const total = LOG_CAP + 5;
  for (let i = 0; i < total; i++) p = record(p, check('a', i, 'incorrect', '1', { at: i }));
  assert.equal(p.log.length, LOG_CAP);
  assert.equal(p.log[0].at, total - LOG_CAP, 'the oldest are dropped');
  assert.equal(p.log.at(-1).at, total - 1);
  assert.equal(p.exercises.a.attempts, total, 'the attempt count is not capped');
  const stored = { ...p, log: [...p.log, ...Array.from({ length: 3 }, (_, i) => ({ ...p.log[0], at: total + i }))] };
  assert.equal(migrate(stored).log.length, LOG_CAP, 'a longer stored log is cut on reading');
});

test('merge: union of variants, max of attempts, the log by time without repeats, in either order', () => {
  let tab1 = record(empty(), check('a', 1, 'correct', '1', { at: 100 }));
  tab1 = record(tab1, check('b', 0, 'incorrect', '2', { at: 300 }));
  let tab2 = record(empty(), check('a', 2, 'incorrect', '5', { at: 200 }));
  tab2 = record(tab2, check('a', 2, 'incorrect', '6', { at: 250 }));
  tab2 = record(markShown(tab2, 'c', 3), check('c', 3, 'correct', '7', { at: 400 }));
  const both = merge(tab1, tab2);
  assert.deepEqual(both, merge(tab2, tab1), 'the order does not matter');
  assert.deepEqual(both.exercises.a, entry({ attempts: 2, solved: [1], last: { variant: 2, answer: '6' } }));
  assert.deepEqual(both.exercises.b, tab1.exercises.b);
  assert.deepEqual(both.exercises.c, tab2.exercises.c);
  assert.deepEqual(both.log.map((a) => a.at), [100, 200, 250, 300, 400]);
  assert.deepEqual(merge(both, tab1), both, 'merging what is already in changes nothing');
  assert.deepEqual(merge(both, both), both);
});

test('merge: a variant solved in one tab and helped in the other is solved', () => {
  const solved = record(empty(), check('a', 1, 'correct', '1'));
  const helped = record(markShown(empty(), 'a', 1), check('a', 1, 'correct', '1'));
  const both = merge(helped, solved).exercises.a;
  assert.deepEqual([both.solved, both.helped, both.shown], [[1], [], [1]]);
});

test('merge of a version 2 log with too many attempts keeps the newest', () => {
  const log = (from) => Array.from({ length: LOG_CAP }, (_, i) => ({ exercise: 'a', variant: 0, correct: false, ms: 1, hints: 0, slip: null, at: from + i }));
  const merged = merge({ ...empty(), log: log(0) }, { ...empty(), log: log(LOG_CAP / 2) });
  assert.equal(merged.log.length, LOG_CAP);
  assert.equal(merged.log[0].at, LOG_CAP / 2);
  assert.equal(merged.log.at(-1).at, LOG_CAP / 2 + LOG_CAP - 1);
});

test('readImport takes an exported file and files of versions 0 and 1', () => {
  const p = record(markShown(empty(), 'a', 1), check('a', 1, 'correct', '3'));
  assert.deepEqual(readImport(JSON.stringify(p, null, 1)), { progress: p });
  assert.deepEqual(readImport('{"version": 1, "exercises": {"a": {"attempts": 2, "solved": [5]}}}').progress.exercises.a,
    entry({ attempts: 2, solved: [5] }));
  assert.deepEqual(readImport('{"a": {"tries": 1, "solved": true, "variant": 3}}').progress.exercises.a,
    entry({ attempts: 1, solved: [3] }));
});

test('readImport says what is wrong with a file that holds no progress', () => {
  const cases = [
    ['not json', /not JSON/],
    ['[1, 2]', /expected a JSON object/],
    ['{}', /no "version"/],
    ['{"name": "a photo"}', /no "version"/],
    ['{"version": 3, "exercises": {}}', /version 3; this app reads versions 1 to 2/],
    ['{"version": "2", "exercises": {}}', /version "2"/],
    ['{"version": 2}', /"exercises" is missing/],
  ];
  for (const [text, message] of cases) {
    const read = readImport(text);
    assert.equal(read.progress, undefined, text);
    assert.match(read.error, message, text);
  }
});

test('a drill answer is logged with drill: true, which survives a reload and a merge', () => {
  const p = record(empty(), check('llm.kv-cache', 3, 'correct', '1', { drill: true, at: 5000 }));
  assert.equal(p.log[0].drill, true);
  const plain = record(empty(), check('llm.kv-cache', 3, 'correct', '1', { at: 5000 }));
  assert.equal('drill' in plain.log[0], false);
  assert.equal(parse(JSON.stringify(p)).log[0].drill, true);
  const both = merge(p, plain);
  assert.deepEqual(both.log.map((a) => a.drill === true), [false, true], 'a drill answer and the same answer outside a drill are two records');
});
