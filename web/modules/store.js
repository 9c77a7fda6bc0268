// Progress in localStorage. Format (version 1):
//   {"version": 1, "exercises": {"<id>": {"attempts": n, "solved": [variants]}}}
// attempts counts readable answers checked (unreadable ones are not counted);
// solved lists the variants answered correctly, ascending, without repeats.
// The pure functions (migrate, record, chapterCounts) touch no storage, so
// tests can call them directly.

export const KEY = 'derive.progress';
export const VERSION = 1;

export const empty = () => ({ version: VERSION, exercises: {} });

const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const isCount = (x) => Number.isSafeInteger(x) && x >= 0;

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

// Keeps every well-formed entry and repairs or drops the rest; never throws.
function clean(data) {
  const out = empty();
  if (!isObject(data.exercises)) return out;
  for (const [id, e] of Object.entries(data.exercises)) {
    if (!isObject(e)) continue;
    const solved = Array.isArray(e.solved) ? [...new Set(e.solved.filter(isCount))].sort((a, b) => a - b) : [];
    out.exercises[id] = { attempts: Math.max(isCount(e.attempts) ? e.attempts : 0, solved.length), solved };
  }
  return out;
}

// Upgrades stored data of any known version to the current one. Anything
// unusable (null, an array, a string) gives empty progress. A version newer
// than this app is read as far as it matches version 1.
export function migrate(data) {
  if (!isObject(data)) return empty();
  if (data.version === undefined) return clean(fromV0(data));
  return clean(data);
}

// Parses stored text; corrupt JSON gives empty progress.
export function parse(text) {
  try { return migrate(JSON.parse(text)); } catch { return empty(); }
}

// Returns new progress after a graded answer (status from engine.grade).
export function record(progress, id, variant, status) {
  if (status !== 'correct' && status !== 'incorrect') return progress;
  const old = progress.exercises[id] || { attempts: 0, solved: [] };
  const solved = status === 'correct' && !old.solved.includes(variant)
    ? [...old.solved, variant].sort((a, b) => a - b) : old.solved;
  return { ...progress, exercises: { ...progress.exercises, [id]: { attempts: old.attempts + 1, solved } } };
}

// {solved, total} for a list of exercise ids: an exercise counts as solved
// once any of its variants is.
export function chapterCounts(progress, ids) {
  return { solved: ids.filter((id) => progress.exercises[id]?.solved.length > 0).length, total: ids.length };
}

// localStorage may be missing or refuse access (private modes, quotas): the
// app then keeps progress for this visit only.
function storage() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

let current = null;

export function load() {
  if (!current) {
    let text = null;
    try { text = storage()?.getItem(KEY) ?? null; } catch { /* unreadable storage */ }
    current = text == null ? empty() : parse(text);
  }
  return current;
}

export function save(progress) {
  current = progress;
  try { storage()?.setItem(KEY, JSON.stringify(progress)); } catch { /* full or denied */ }
}

export function reset() {
  current = empty();
  try { storage()?.removeItem(KEY); } catch { /* denied */ }
}
