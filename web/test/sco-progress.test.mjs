// The SCORM player's progress records: encoding round trip, the 4,096
// characters of SCORM 1.2's cmi.suspend_data for the whole book at the
// longest variant numbers, the state rules and the score.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAX_VARIANT } from '../modules/engine.js';
import { MAX_ATTEMPTS, SUSPEND_LIMIT, decode, encode, fresh, graded, solutionOpened, summary } from '../modules/sco-progress.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Every exercise id of the catalogue, chapter by chapter: a package can hold
// at most the whole book.
const chapters = fs.readdirSync(path.join(repo, 'catalogue')).filter((f) => f.endsWith('.toml')).map((f) =>
  [...fs.readFileSync(path.join(repo, 'catalogue', f), 'utf8').matchAll(/^\[\[exercise\]\]\s*\nid = "([^"]+)"/gm)].map((m) => m[1]));
const book = chapters.flat();

test('the catalogue was read: an id for every [[exercise]] of every chapter file', () => {
  const headers = fs.readdirSync(path.join(repo, 'catalogue')).filter((f) => f.endsWith('.toml'))
    .map((f) => fs.readFileSync(path.join(repo, 'catalogue', f), 'utf8').match(/^\[\[exercise\]\]$/gm)?.length ?? 0);
  assert.deepEqual(chapters.map((ids) => ids.length), headers);
  assert.ok(book.length > 0);
});

test('the whole book at the longest variant, the most attempts and the longest state fits in cmi.suspend_data', () => {
  const worst = book.map(() => ({ state: 's', variant: MAX_VARIANT, attempts: MAX_ATTEMPTS }));
  const text = encode(worst);
  assert.ok(text.length <= SUSPEND_LIMIT, `${text.length} characters for ${book.length} exercises`);
  assert.deepEqual(decode(text, book.length), worst);
  // The largest chapter, the unit a package usually holds, with room to spare.
  const largest = Math.max(...chapters.map((ids) => ids.length));
  assert.ok(encode(worst.slice(0, largest)).length <= SUSPEND_LIMIT / 8);
});

test('records round-trip, and damaged or foreign text is refused', () => {
  const records = [fresh(), { state: 'a', variant: 12345, attempts: 3 }, { state: 'h', variant: 7, attempts: 40 }, { state: 'v', variant: 0, attempts: 0 }];
  const text = encode(records);
  assert.equal(text, 'd1:n0,a9ix.3,h7.14,v0');
  assert.deepEqual(decode(text, 4), records);
  assert.equal(decode(text, 3), null, 'another number of exercises');
  for (const bad of ['', 'viewed=1,2', 'd1:x0,n0,n0,n0', 'd1:n0,n0,n0,', `d1:n${(MAX_VARIANT + 1).toString(36)},n0,n0,n0`, null]) {
    assert.equal(decode(bad, 4), null, String(bad));
  }
});

test('a correct answer solves unless the solution was opened; solved stays solved', () => {
  let r = fresh(5);
  r = graded(r, { variant: 5, status: 'incorrect', counted: true, helped: false });
  assert.deepEqual(r, { state: 'a', variant: 5, attempts: 1 });
  r = graded(r, { variant: 5, status: 'unreadable', counted: false, helped: false });
  assert.equal(r.attempts, 1);
  const helped = graded(solutionOpened(r, 5), { variant: 5, status: 'correct', counted: true, helped: true });
  assert.deepEqual(helped, { state: 'h', variant: 5, attempts: 2 });
  const solved = graded(r, { variant: 5, status: 'correct', counted: true, helped: false });
  assert.equal(solved.state, 's');
  assert.equal(solutionOpened(solved, 6).state, 's');
  assert.equal(graded(solved, { variant: 6, status: 'incorrect', counted: true, helped: false }).state, 's');
});

test('the score counts unaided solutions; complete needs every exercise answered correctly', () => {
  const s = { state: 's', variant: 0, attempts: 1 };
  const h = { state: 'h', variant: 0, attempts: 2 };
  assert.deepEqual(summary([s, h, fresh()], 80), { total: 3, solved: 1, done: 2, raw: 33, complete: false, passed: false });
  assert.deepEqual(summary([s, s, s, s, h], 80), { total: 5, solved: 4, done: 5, raw: 80, complete: true, passed: true });
  assert.equal(summary([s, h], 80).passed, false);
});
