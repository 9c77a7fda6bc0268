// The SCORM player (docs/instructors.md): the page sco.html of a package made
// by `derive export-scorm` loads this module. It shows the package's
// exercises as the trainer's cards, reports score and status to the LMS,
// keeps progress in cmi.suspend_data and resumes from it.
import { loadEngine } from './modules/engine.js';
import { h } from './modules/dom.js';
import { exerciseCard } from './modules/card.js';
import { ScormSession, findApi } from './modules/scorm.js';
import * as progress from './modules/sco-progress.js';

// The percentage solved that passes when the LMS sets no mastery score.
const DEFAULT_MASTERY = 80;
const main = document.getElementById('main');
const config = JSON.parse(document.getElementById('derive-sco').textContent);

// A first visit draws each exercise's numbers at random, so learners of one
// course do not all share the book's; the numbers are kept from then on.
function randomVariant() {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (words[0] & 0x1fffff) * 2 ** 32 + words[1]; // 53 bits: 0 .. MAX_VARIANT
}

async function start() {
  let engine;
  try {
    engine = await loadEngine({ wasmUrl: new URL('derive.wasm', import.meta.url).href });
  } catch (error) {
    main.replaceChildren(h('h1', null, 'The engine did not load'), h('p', { class: 'error' }, String(error.message || error)));
    return;
  }
  const api = findApi(config.scorm);
  const session = api ? new ScormSession(api, config.scorm) : null;
  const count = config.exercises.length;
  const saved = session ? progress.decode(session.get('cmi.suspend_data'), count) : null;
  const records = saved || config.exercises.map(() => progress.fresh(randomVariant()));
  const mastery = session ? session.mastery(DEFAULT_MASTERY) : DEFAULT_MASTERY;

  const line = h('p', { class: 'progress', role: 'status' });
  const notice = h('p', { class: 'notice', role: 'alert', hidden: true });
  const save = () => {
    const result = progress.summary(records, mastery);
    line.textContent = `${result.solved} of ${result.total} solved${result.done > result.solved ? ` · ${result.done - result.solved} with help` : ''} · score ${result.raw} %`;
    if (session && !session.finished) session.report(result, progress.encode(records));
    notice.hidden = !session?.errors.length;
    notice.textContent = session?.errors.length ? `The learning platform refused: ${session.errors.at(-1)}` : '';
  };
  const cards = config.exercises.map((id, i) => h('div', { class: 'slot' }, exerciseCard(engine, id, records[i].variant, {
    onGraded: (check) => { records[i] = progress.graded(records[i], check); save(); },
    onSolution: (variant) => { records[i] = progress.solutionOpened(records[i], variant); save(); },
    onVariant: (variant) => { records[i] = { ...records[i], variant }; save(); },
  })));
  document.title = config.title;
  main.replaceChildren(...[h('h1', { tabindex: '-1' }, config.title),
    session ? null : h('p', { class: 'notice' }, 'No learning platform was found (no SCORM API): answers are graded but not reported.'),
    notice, line, ...cards].filter(Boolean));
  save();
  if (session) {
    // pagehide is the last event a closing or navigating page reliably gets;
    // beforeunload is there for older LMS frames.
    addEventListener('pagehide', () => session.finish());
    addEventListener('beforeunload', () => session.finish());
  }
}

start();
