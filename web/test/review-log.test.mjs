// node --test web/test/review-log.test.mjs : the store's log of attempts as
// the review scheduler's history (web/modules/review-log.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  reviewsOf, rated, historyText, unixDay, nextVariant, medianAndBest, drillTimes, totals,
} from '../modules/review-log.js';
import { empty, record, markShown, answerText } from '../modules/store.js';

const DAY = 86400000;
const day0 = 20424; // any Unix day
const at = (day, hour) => (day0 + day) * DAY + hour * 3600000;

// Progress after the given checks, each recorded through store.record as the
// card does: [id, variant, correct, answer, {ms, hints, at, drill}].
function progressOf(checks, shown = []) {
  let p = empty();
  for (const [id, variant] of shown) p = markShown(p, id, variant);
  for (const [id, variant, correct, answer, more] of checks) {
    p = record(p, { exercise: id, variant, status: correct ? 'correct' : 'incorrect', answer: answerText([answer]),
      ms: 30000, hints: 0, slip: null, ...more });
  }
  return p;
}

test('unixDay counts whole UTC days from the epoch, before it too', () => {
  assert.equal(unixDay(0), 0);
  assert.equal(unixDay(DAY - 1), 0);
  assert.equal(unixDay(DAY), 1);
  assert.equal(unixDay(-1), -1);
  assert.equal(unixDay(at(0, 23.99)), day0);
  assert.equal(unixDay(at(1, 0)), day0 + 1);
});

test('a right first answer is one review, right, with its time and no help', () => {
  const reviews = reviewsOf(progressOf([['llm.kv-cache', 3, true, '1', { ms: 41250, at: at(0, 9) }]]));
  assert.equal(reviews.length, 1);
  assert.deepEqual(reviews[0], { exercise: 'llm.kv-cache', variant: 3, day: day0, correct: true, seconds: 41.25, hints: 0, retried: false, at: at(0, 9), drill: false });
});

test('wrong tries before the right one on the same numbers are one review, retried; later answers are not another', () => {
  const reviews = reviewsOf(progressOf([
    ['llm.kv-cache', 3, false, '1', { at: at(0, 9) }],
    ['llm.kv-cache', 3, false, '2', { at: at(0, 9.1) }],
    ['llm.kv-cache', 3, true, '3', { ms: 90000, hints: 2, at: at(0, 9.2) }],
    ['llm.kv-cache', 3, false, '4', { at: at(0, 9.3) }],
  ]));
  assert.equal(reviews.length, 1);
  assert.equal(reviews[0].correct, true);
  assert.equal(reviews[0].retried, true);
  assert.equal(reviews[0].hints, 2);
  assert.equal(reviews[0].seconds, 90);
  assert.equal(reviews[0].at, at(0, 9.2));
});

test('only wrong answers make a wrong review; the hints are the most revealed', () => {
  const reviews = reviewsOf(progressOf([
    ['count.conv-macs', 0, false, '1', { hints: 1, at: at(0, 9) }],
    ['count.conv-macs', 0, false, '2', { hints: 2, ms: 50000, at: at(0, 10) }],
  ]));
  assert.deepEqual(reviews.map((r) => [r.correct, r.hints, r.seconds]), [[false, 2, 50]]);
});

test('a right answer after the solution was opened counts as retried (practised with help)', () => {
  const p = progressOf([['quant.levels', 5, true, '8', { at: at(0, 9) }]], [['quant.levels', 5]]);
  assert.deepEqual(p.exercises['quant.levels'].helped, [5]);
  assert.equal(reviewsOf(p)[0].retried, true);
});

test('new numbers, or the same numbers on another day, are another review; order is by first attempt', () => {
  const reviews = reviewsOf(progressOf([
    ['llm.kv-cache', 0, true, '1', { at: at(0, 9) }],
    ['count.conv-macs', 0, false, '1', { at: at(0, 9.5) }],
    ['llm.kv-cache', 1, true, '2', { at: at(0, 10) }],
    ['count.conv-macs', 0, true, '2', { at: at(0, 11) }],
    ['llm.kv-cache', 0, true, '9', { at: at(3, 8) }],
  ]));
  assert.deepEqual(reviews.map((r) => [r.exercise, r.variant, r.day - day0, r.correct, r.retried]), [
    ['llm.kv-cache', 0, 0, true, false],
    ['count.conv-macs', 0, 0, true, true],
    ['llm.kv-cache', 1, 0, true, false],
    ['llm.kv-cache', 0, 3, true, false],
  ]);
});

test('a review is a drill review only when every attempt of it was a drill answer', () => {
  const reviews = reviewsOf(progressOf([
    ['llm.kv-cache', 7, true, '1', { drill: true, at: at(0, 9) }],
    ['count.conv-macs', 2, false, '1', { drill: true, at: at(0, 9) }],
    ['count.conv-macs', 2, true, '2', { at: at(0, 10) }],
  ]));
  assert.deepEqual(reviews.map((r) => r.drill), [true, false]);
});

test('the history has one "EXERCISE DAY RATING" line per rated review; reviews the engine cannot rate are left out', () => {
  const reviews = reviewsOf(progressOf([
    ['llm.kv-cache', 0, true, '1', { at: at(0, 9) }],
    ['gone.exercise', 0, true, '1', { at: at(0, 10) }],
    ['llm.kv-cache', 1, false, '1', { at: at(2, 9) }],
  ]));
  const seen = [];
  const rate = (r) => {
    seen.push([r.exercise, r.correct, r.retried]);
    return r.exercise === 'gone.exercise' ? { error: 'no exercise gone.exercise' } : { rating: r.correct ? 'good' : 'again' };
  };
  const out = rated(reviews, rate);
  assert.deepEqual(seen, [['llm.kv-cache', true, false], ['gone.exercise', true, false], ['llm.kv-cache', false, false]]);
  assert.equal(historyText(out), `llm.kv-cache ${day0} good\nllm.kv-cache ${day0 + 2} again`);
  assert.equal(historyText([]), '');
});

test('a fresh variant is one past every variant seen of that exercise', () => {
  assert.equal(nextVariant(empty(), 'llm.kv-cache'), 0);
  const p = progressOf([['llm.kv-cache', 4, true, '1', { at: at(0, 9) }], ['count.conv-macs', 9, true, '1', { at: at(0, 9) }]], [['llm.kv-cache', 11]]);
  assert.equal(nextVariant(p, 'llm.kv-cache'), 12);
  assert.equal(nextVariant(p, 'count.conv-macs'), 10);
  assert.equal(nextVariant(p, 'quant.levels'), 0);
  const last = progressOf([['llm.kv-cache', Number.MAX_SAFE_INTEGER, true, '1', { at: at(0, 9) }]]);
  assert.equal(nextVariant(last, 'llm.kv-cache'), 0, 'past the last variant it starts again');
});

test('median and best of the right drill answers per exercise', () => {
  assert.equal(medianAndBest([]), null);
  assert.deepEqual(medianAndBest([30, 10, 20]), { median: 20, best: 10, count: 3 });
  assert.deepEqual(medianAndBest([40, 10, 20, 30]), { median: 25, best: 10, count: 4 });
  const p = progressOf([
    ['llm.kv-cache', 1, true, '1', { drill: true, ms: 12000, at: at(0, 9) }],
    ['llm.kv-cache', 2, true, '1', { drill: true, ms: 8000, at: at(0, 9.1) }],
    ['llm.kv-cache', 3, false, '1', { drill: true, ms: 1000, at: at(0, 9.2) }],
    ['llm.kv-cache', 4, true, '1', { ms: 2000, at: at(0, 9.3) }],
  ]);
  assert.deepEqual([...drillTimes(p)], [['llm.kv-cache', { median: 10, best: 8, count: 2 }]]);
});

test('totals count each mastery level of the standings', () => {
  assert.deepEqual(totals([]), { new: 0, learning: 0, familiar: 0, mastered: 0, total: 0 });
  assert.deepEqual(totals([{ mastery: 'new' }, { mastery: 'mastered' }, { mastery: 'new' }, { mastery: 'learning' }]),
    { new: 2, learning: 1, familiar: 0, mastered: 1, total: 4 });
});
