// The SCORM player's progress: one record per exercise of the package, the
// score and status reported to the LMS, and the compact text kept in
// cmi.suspend_data, which SCORM 1.2 bounds at 4,096 characters (SCORM 1.2
// Run-Time Environment, 3.4.4: cmi.suspend_data is a CMIString4096).
//
// Suspend data: "d1:" then one entry per exercise in package order, joined by
// ",". An entry is a state letter, the variant in base 36 and, after ".", the
// counted attempts in base 36:
//   n  not tried yet          a  tried, not answered correctly
//   v  solution opened, not answered correctly
//   s  solved (correct before opening the solution of those numbers)
//   h  answered correctly with help (after opening the solution)
// e.g. "d1:s5k.2,n0,a2w1z.1". The longest entry is 16 characters (variant
// 2^53 - 1 is 11 base-36 digits; attempts stop counting at 36^3 - 1), so a
// package of N exercises needs at most 17 N + 2 characters: 240 exercises fit.
import { MAX_VARIANT } from './engine.js';

export const SUSPEND_LIMIT = 4096;
export const MAX_ATTEMPTS = 36 ** 3 - 1;
const PREFIX = 'd1:';
const STATES = 'navsh';

export const fresh = (variant = 0) => ({ state: 'n', variant, attempts: 0 });

export function encode(records) {
  return PREFIX + records.map((r) => `${r.state}${r.variant.toString(36)}${r.attempts ? `.${r.attempts.toString(36)}` : ''}`).join(',');
}

// The records of `text` for a package of `count` exercises, or null when the
// text is not ours, is damaged or was saved for another number of exercises
// (the player then starts afresh rather than guess).
export function decode(text, count) {
  if (typeof text !== 'string' || !text.startsWith(PREFIX)) return null;
  const entries = text.slice(PREFIX.length).split(',');
  if (entries.length !== count) return null;
  const records = [];
  for (const entry of entries) {
    const m = /^([a-z])([0-9a-z]{1,11})(?:\.([0-9a-z]{1,3}))?$/.exec(entry);
    if (!m || !STATES.includes(m[1])) return null;
    const variant = parseInt(m[2], 36);
    if (variant > MAX_VARIANT) return null;
    records.push({ state: m[1], variant, attempts: m[3] ? parseInt(m[3], 36) : 0 });
  }
  return records;
}

// A graded check of an exercise: the record after it. A correct answer is
// "solved" unless the solution of those numbers was opened (then "with
// help"); a solved exercise stays solved whatever follows.
export function graded(record, { variant, status, counted, helped }) {
  const attempts = Math.min(MAX_ATTEMPTS, record.attempts + (counted ? 1 : 0));
  let { state } = record;
  if (status === 'correct') state = state === 's' || !helped ? 's' : 'h';
  else if (counted && state === 'n') state = 'a';
  return { state, variant, attempts };
}

export function solutionOpened(record, variant) {
  return { ...record, variant, state: record.state === 's' || record.state === 'h' ? record.state : 'v' };
}

// What the LMS is told. raw: the percentage solved without help (0-100,
// whole); complete once every exercise was answered correctly (with help or
// not); passed when complete and raw reaches `mastery` (a percentage).
export function summary(records, mastery) {
  const total = records.length;
  const solved = records.filter((r) => r.state === 's').length;
  const done = records.filter((r) => r.state === 's' || r.state === 'h').length;
  const raw = total ? Math.round((100 * solved) / total) : 0;
  const complete = done === total;
  return { total, solved, done, raw, complete, passed: complete && raw >= mastery };
}
