// The SCO's side of the SCORM run-time: find the LMS's API object and talk
// to it in the data model of SCORM 1.2 or SCORM 2004.
//
// Discovery is the one ADL's run-time books give (SCORM 1.2 RTE 3.3.6.1,
// SCORM 2004 RTE 3.1.5): look for `API` (1.2) or `API_1484_11` (2004) on this
// window and each window.parent up the chain, then on window.opener and its
// parents; give up after 500 steps (ADL's sample limit) so a cycle cannot hang.

const NAMES = { '1.2': 'API', 2004: 'API_1484_11' };
const MAX_STEPS = 500;

function search(start, name) {
  let win = start;
  for (let step = 0; win && step < MAX_STEPS; step += 1) {
    try {
      if (win[name]) return win[name];
    } catch {
      return null; // another origin's window: the API cannot be there for us
    }
    if (win.parent === win) break;
    win = win.parent;
  }
  return null;
}

export function findApi(version, win = window) {
  const name = NAMES[version];
  if (!name) throw new Error(`SCORM version must be 1.2 or 2004, got ${version}`);
  let opener = null;
  try {
    opener = win.opener;
  } catch { /* a foreign opener */ }
  return search(win, name) || (opener ? search(opener, name) : null);
}

// "PT1H2M3.4S" (2004, ISO 8601 duration) or "0001:02:03.40" (1.2,
// CMITimespan HHHH:MM:SS.SS) for `ms` milliseconds.
export function sessionTime(version, ms) {
  const cs = Math.max(0, Math.round(ms / 10)); // hundredths of a second
  const h = Math.floor(cs / 360000), m = Math.floor((cs % 360000) / 6000), s = (cs % 6000) / 100;
  if (version === '1.2') return `${String(Math.min(h, 9999)).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
  return `PT${h}H${m}M${s.toFixed(2)}S`;
}

// One session with the LMS: initialize on creation, report, finish once.
// Every call returns the API's answer; a refused call is kept in `errors`
// (with the LMS's code and text) so the page can say what went wrong.
export class ScormSession {
  constructor(api, version) {
    this.api = api;
    this.version = version;
    this.errors = [];
    this.finished = false;
    this.started = Date.now();
    this.v12 = version === '1.2';
    this.ok = this.call(this.v12 ? 'LMSInitialize' : 'Initialize', '');
  }

  call(method, ...args) {
    const result = String(this.api[method](...args));
    if (result === 'false') {
      const getError = this.v12 ? 'LMSGetLastError' : 'GetLastError';
      const describe = this.v12 ? 'LMSGetErrorString' : 'GetErrorString';
      const code = String(this.api[getError]());
      this.errors.push(`${method}(${args.join(', ')}): ${code} ${this.api[describe](code)}`);
    }
    return result;
  }

  get(element) {
    return this.call(this.v12 ? 'LMSGetValue' : 'GetValue', element);
  }

  set(element, value) {
    return this.call(this.v12 ? 'LMSSetValue' : 'SetValue', element, String(value));
  }

  commit() {
    return this.call(this.v12 ? 'LMSCommit' : 'Commit', '');
  }

  // The mastery percentage the LMS sets, if any (1.2: cmi.student_data.mastery_score,
  // 0-100, from the manifest's adlcp:masteryscore; 2004: cmi.scaled_passing_score, -1..1).
  mastery(fallback) {
    const text = this.v12 ? this.get('cmi.student_data.mastery_score') : this.get('cmi.scaled_passing_score');
    const value = Number.parseFloat(text);
    if (!Number.isFinite(value) || text === '') return fallback;
    return this.v12 ? value : value * 100;
  }

  // Score and status from a sco-progress summary, the suspend data, commit.
  report(result, suspend) {
    if (this.v12) {
      this.set('cmi.core.score.min', 0);
      this.set('cmi.core.score.max', 100);
      this.set('cmi.core.score.raw', result.raw);
      this.set('cmi.core.lesson_status', result.complete ? (result.passed ? 'passed' : 'failed') : 'incomplete');
      this.set('cmi.core.exit', result.complete ? '' : 'suspend');
    } else {
      this.set('cmi.score.min', 0);
      this.set('cmi.score.max', 100);
      this.set('cmi.score.raw', result.raw);
      this.set('cmi.score.scaled', result.raw / 100);
      this.set('cmi.progress_measure', result.total ? result.done / result.total : 0);
      this.set('cmi.completion_status', result.complete ? 'completed' : 'incomplete');
      this.set('cmi.success_status', result.complete ? (result.passed ? 'passed' : 'failed') : 'unknown');
      this.set('cmi.exit', result.complete ? 'normal' : 'suspend');
    }
    this.set('cmi.suspend_data', suspend);
    return this.commit();
  }

  finish() {
    if (this.finished) return;
    this.finished = true;
    this.set(this.v12 ? 'cmi.core.session_time' : 'cmi.session_time', sessionTime(this.version, Date.now() - this.started));
    this.commit();
    this.call(this.v12 ? 'LMSFinish' : 'Terminate', '');
  }
}
