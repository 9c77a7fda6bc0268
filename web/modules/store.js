// Progress in localStorage under KEY. Format (version 2):
//   {"version": 2,
//    "exercises": {"<id>": {"attempts": n, "solved": [variants], "helped": [variants],
//                           "shown": [variants], "last": {"variant": n, "answer": "text"} | null}},
//    "log": [{"exercise": id, "variant": n, "correct": bool, "ms": n, "hints": n,
//             "slip": "text" | null, "at": epoch ms, "drill": true (only on a drill's answers)}]}
// attempts counts graded answers (readable ones; the same answer text checked
// again on the same variant, `last`, is not another attempt). solved lists the
// variants answered right without their solution opened; helped, the variants
// answered right after their solution was opened (shown lists the variants
// whose solution was opened; a variant once shown can only be practised with
// help). Variant lists are ascending, without repeats, and solved and helped
// never share a variant. log holds every graded attempt, oldest first, and
// keeps the last LOG_CAP of them: ms is the time from the card being shown to
// the check, hints the steps revealed by then, slip the engine's diagnosis of
// a wrong answer, at the time of the check (Date.now()).
//
// Version 1 was {"version": 1, "exercises": {"<id>": {"attempts": n, "solved": [variants]}}}
// with every right answer counted as solved; version 0 is described at fromV0.
// migrate() upgrades both. The pure functions (migrate, record, markShown,
// merge, readImport, chapterCounts) touch no storage, so tests call them directly.

export const KEY = 'derive.progress';
export const VERSION = 2;
// Bounds the log: an attempt is 100 to 300 bytes of JSON (a diagnosis is
// the long part), so 2,000 of them stay under about 0.6 MB, well inside the
// 5 MB that browsers give localStorage per site.
export const LOG_CAP = 2000;

export const empty = () => ({ version: VERSION, exercises: {}, log: [] });

const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const isCount = (x) => Number.isSafeInteger(x) && x >= 0;
const variants = (list) => (Array.isArray(list) ? [...new Set(list.filter(isCount))].sort((a, b) => a - b) : []);
const union = (a, b) => variants([...a, ...b]);
const entryOf = (progress, id) => progress.exercises[id] || { attempts: 0, solved: [], helped: [], shown: [], last: null };

// Version 0 (the first prototype, no version key) kept one entry per exercise
// with the last variant tried and a flag:
//   {"<id>": {"tries": n, "solved": true|false, "variant": n}}
function fromV0(old) {
  const exercises = {};
  for (const [id, e] of Object.entries(old)) {
    if (!isObject(e)) continue;
    const variant = isCount(e.variant) ? e.variant : 0;
    exercises[id] = { attempts: e.tries, solved: e.solved === true ? [variant] : [] };
  }
  return { version: 1, exercises };
}

// A version 1 right answer is kept as solved: version 1 did not record
// whether the solution was open, and nothing can tell now.
function cleanEntry(e) {
  const solved = variants(e.solved);
  const helped = variants(e.helped).filter((v) => !solved.includes(v));
  const shown = union(variants(e.shown), helped);
  const last = isObject(e.last) && isCount(e.last.variant) && typeof e.last.answer === 'string'
    ? { variant: e.last.variant, answer: e.last.answer } : null;
  const attempts = Math.max(isCount(e.attempts) ? e.attempts : 0, solved.length + helped.length);
  return { attempts, solved, helped, shown, last };
}

function cleanAttempt(a) {
  if (!isObject(a) || typeof a.exercise !== 'string' || !isCount(a.variant) || typeof a.correct !== 'boolean'
    || !isCount(a.ms) || !isCount(a.hints) || !isCount(a.at)) return null;
  return { exercise: a.exercise, variant: a.variant, correct: a.correct, ms: a.ms, hints: a.hints,
    slip: typeof a.slip === 'string' ? a.slip : null, at: a.at, ...(a.drill === true ? { drill: true } : {}) };
}

// Two attempts are the same record when every field is the same.
const attemptKey = (a) => JSON.stringify([a.at, a.exercise, a.variant, a.correct, a.ms, a.hints, a.slip, a.drill === true]);

// Oldest first (equal times in the order of their keys, so that every tab
// sorts alike), repeats removed, the last LOG_CAP kept.
function tidyLog(list) {
  const seen = new Set();
  const out = [];
  const keyed = list.map((a) => [attemptKey(a), a]);
  keyed.sort(([kx, x], [ky, y]) => x.at - y.at || (kx < ky ? -1 : kx > ky ? 1 : 0));
  for (const [k, a] of keyed) {
    if (!seen.has(k)) { seen.add(k); out.push(a); }
  }
  return out.slice(-LOG_CAP);
}

// Keeps every well-formed entry and repairs or drops the rest; never throws.
function clean(data) {
  const out = empty();
  if (isObject(data.exercises)) {
    for (const [id, e] of Object.entries(data.exercises)) if (isObject(e)) out.exercises[id] = cleanEntry(e);
  }
  if (Array.isArray(data.log)) out.log = tidyLog(data.log.map(cleanAttempt).filter(Boolean));
  return out;
}

// Upgrades stored data of any known version (0, 1, 2) to the current one.
// Anything unusable (null, an array, a string) gives empty progress. A version
// newer than this app is read as far as it matches version 2.
export function migrate(data) {
  if (!isObject(data)) return empty();
  if (data.version === undefined) return clean(fromV0(data));
  return clean(data);
}

// Parses stored text; corrupt JSON gives empty progress.
export function parse(text) {
  try { return migrate(JSON.parse(text)); } catch { return empty(); }
}

// The answer fields of one check as one text: each trimmed, joined by U+001F
// (which no field can hold usefully), so "5" and " 5 " are the same answer.
export const answerText = (answers) => answers.map((a) => a.trim()).join('\u001f');

// Returns new progress after a graded answer, or `progress` itself when the
// answer does not count: an unreadable one, or the same answer text as the
// last one checked for this exercise on the same variant.
//   attempt: {exercise, variant, status (engine.grade's), answer (answerText),
//             ms, hints, slip (diagnosis or null), at, drill (optional: a timed
//             drill round's answer, modules/drill.js; logged as drill: true)}
export function record(progress, attempt) {
  const { exercise: id, variant, status, answer } = attempt;
  if (status !== 'correct' && status !== 'incorrect') return progress;
  const old = entryOf(progress, id);
  if (old.last && old.last.variant === variant && old.last.answer === answer) return progress;
  const correct = status === 'correct';
  const helpedNow = correct && old.shown.includes(variant) && !old.solved.includes(variant);
  const entry = {
    attempts: old.attempts + 1,
    solved: correct && !helpedNow ? union(old.solved, [variant]) : old.solved,
    helped: helpedNow ? union(old.helped, [variant]) : old.helped,
    shown: old.shown,
    last: { variant, answer },
  };
  const logged = { exercise: id, variant, correct, ms: Math.max(0, Math.round(attempt.ms)), hints: attempt.hints,
    slip: correct ? null : attempt.slip ?? null, at: attempt.at, ...(attempt.drill ? { drill: true } : {}) };
  return { ...progress, exercises: { ...progress.exercises, [id]: entry }, log: [...progress.log, logged].slice(-LOG_CAP) };
}

// Returns new progress in which the solution of `variant` counts as opened.
export function markShown(progress, id, variant) {
  const old = entryOf(progress, id);
  if (old.shown.includes(variant)) return progress;
  return { ...progress, exercises: { ...progress.exercises, [id]: { ...old, shown: union(old.shown, [variant]) } } };
}

// Progress that holds both a and b (two tabs, or an imported file): the union
// of solved, helped and shown variants (a variant solved in either stays
// solved), the larger attempt count, the log of both merged by time without
// repeats. `last` is the one of the side with more attempts. The result does
// not depend on the order of a and b (ids sorted, ties broken by content), so
// two tabs that merge each other's writes settle on the same progress.
export function merge(a, b) {
  const out = empty();
  for (const id of [...new Set([...Object.keys(a.exercises), ...Object.keys(b.exercises)])].sort()) {
    const x = entryOf(a, id);
    const y = entryOf(b, id);
    out.exercises[id] = cleanEntry({
      attempts: Math.max(x.attempts, y.attempts),
      solved: union(x.solved, y.solved),
      helped: union(x.helped, y.helped),
      shown: union(x.shown, y.shown),
      last: y.attempts !== x.attempts ? (y.attempts > x.attempts ? y.last : x.last)
        : JSON.stringify(y.last) > JSON.stringify(x.last) ? y.last : x.last,
    });
  }
  out.log = tidyLog([...a.log, ...b.log]);
  return out;
}

// Reads an exported file's text: {progress} or {error: what is wrong with it}.
// Stricter than parse(), which turns anything into progress: a file must be
// JSON holding progress of version 1 or 2 (or the version 0 shape); migrate()
// then cleans it.
export function readImport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: `This file is not JSON (${error.message}), so it holds no derive progress.` };
  }
  if (!isObject(data)) return { error: 'This file holds no derive progress: expected a JSON object with "version" and "exercises".' };
  if (data.version === undefined) {
    const entries = Object.values(data);
    const v0 = entries.length > 0 && entries.every((e) => isObject(e) && ('tries' in e || 'solved' in e));
    return v0 ? { progress: migrate(data) }
      : { error: 'This file holds no derive progress: it has no "version" and is not the first prototype\'s format.' };
  }
  if (!Number.isSafeInteger(data.version) || data.version < 1 || data.version > VERSION) {
    return { error: `This file's progress is version ${JSON.stringify(data.version)}; this app reads versions 1 to ${VERSION}.` };
  }
  if (!isObject(data.exercises)) return { error: 'This file holds no derive progress: "exercises" is missing or not an object.' };
  return { progress: migrate(data) };
}

// {solved, helped, total} for a list of exercise ids: an exercise counts as
// solved once any of its variants is, and as practised with help when none is
// solved and some variant was answered right with the solution open.
export function chapterCounts(progress, ids) {
  const solved = ids.filter((id) => progress.exercises[id]?.solved.length > 0).length;
  const helped = ids.filter((id) => !(progress.exercises[id]?.solved.length > 0) && progress.exercises[id]?.helped.length > 0).length;
  return { solved, helped, total: ids.length };
}

// localStorage may be missing or refuse access (private modes): the app then
// keeps progress for this visit only.
function storage() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

let current = null;
const listeners = { change: new Set(), error: new Set() };

// A save failure that no one has heard of yet: given to the first 'error'
// listener, so a failure is never lost for want of a listener.
let unheard = null;

// on('change', fn): progress changed under this page (another tab wrote it,
// or update() was called); on('error', fn(message)): a save failed. Returns a
// function that unsubscribes.
export function on(kind, fn) {
  listeners[kind].add(fn);
  if (kind === 'error' && unheard) { fn(unheard); unheard = null; }
  return () => listeners[kind].delete(fn);
}
function emit(kind, ...args) {
  if (kind === 'error' && listeners.error.size === 0) unheard = args[0];
  for (const fn of [...listeners[kind]]) fn(...args);
}

export function load() {
  if (!current) {
    let text = null;
    try { text = storage()?.getItem(KEY) ?? null; } catch { /* unreadable storage */ }
    current = text == null ? empty() : parse(text);
  }
  return current;
}

// Why a save failed, in the learner's words.
function saveProblem(error) {
  const full = error?.name === 'QuotaExceededError' || error?.code === 22;
  return full
    ? 'Your progress could not be saved: this browser\'s storage for the site is full. It is kept while this tab stays open; export it to keep a copy.'
    : `Your progress could not be saved (${error?.name || 'error'}: ${error?.message || error}). It is kept while this tab stays open; export it to keep a copy.`;
}

// Stores progress; a failure is reported to the 'error' listeners, and the
// progress stays in memory for this visit. Returns whether it was stored.
export function save(progress) {
  current = progress;
  try {
    storage()?.setItem(KEY, JSON.stringify(progress));
    return true;
  } catch (error) {
    emit('error', saveProblem(error));
    return false;
  }
}

// save(), then tells the 'change' listeners (an import, for instance).
export function update(progress) {
  const stored = save(progress);
  emit('change');
  return stored;
}

export function reset() {
  current = empty();
  try { storage()?.removeItem(KEY); } catch { /* denied */ }
}

// Another tab wrote KEY: merge its progress with this page's instead of one
// overwriting the other, and write the merge back when it holds more than
// what the other tab wrote (the other tab merges it in turn; both settle on
// the same progress since merge is commutative and idempotent). A removed key
// is the other tab's reset.
export function onStorage(event) {
  if (event.key !== KEY && event.key !== null) return;
  if (event.newValue == null) {
    current = empty();
  } else {
    const theirs = parse(event.newValue);
    const merged = merge(load(), theirs);
    current = merged;
    if (JSON.stringify(merged) !== JSON.stringify(merge(theirs, empty()))) save(merged);
  }
  emit('change');
}

// Call once per page: follow the writes of other tabs.
export function listen() {
  globalThis.addEventListener?.('storage', onStorage);
}
