// The drill (#/drill), loaded on the first visit: timed rounds of fresh
// variants from the chapters the learner ticks, with no hints, no solution
// and no formula (the question's prompt alone: cold). Each answer is graded by the engine and recorded in the log
// with its time and `drill: true` (store.js), like any other attempt, so it
// also counts as a review (review-log.js). After the round: this round's
// time per exercise beside the median and the best of every right drill
// answer to it so far.
import { h, uid } from './dom.js';
import { MAX_FIELD_CHARACTERS } from './engine.js';
import * as store from './store.js';
import { drillTimes, nextVariant } from './review-log.js';

export const ROUND_SIZES = [5, 10, 20];
// What the learner chose last, kept for this visit.
const choice = { chapters: null, size: ROUND_SIZES[0] };

const seconds = (s) => `${s.toFixed(1)} s`;

// Up to `size` exercises of `ids`, in a random order (each at most once).
function pick(ids, size) {
  const pool = [...ids];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size);
}

export function drillPage(engine) {
  const chapters = engine.catalogue().chapters;
  choice.chapters ??= new Set([chapters[0].name]);
  const stage = h('div', { class: 'drill-stage' });
  const boxes = chapters.map((c) => {
    const box = h('input', { type: 'checkbox', name: 'chapter', value: c.name, id: uid('chapter'), checked: choice.chapters.has(c.name) });
    return { box, row: h('li', null, box, ' ', h('label', { for: box.id }, c.title)) };
  });
  const size = h('select', { id: uid('size'), name: 'size' }, ROUND_SIZES.map((n) => h('option', { value: String(n), selected: n === choice.size }, `${n} questions`)));
  const problem = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card drill-setup', novalidate: true },
    h('fieldset', null, h('legend', null, 'Chapters'), h('ul', { class: 'drill-chapters' }, boxes.map((b) => b.row))),
    h('p', { class: 'field' }, h('label', { for: size.id }, 'Round'), size),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-action': 'start' }, 'Start the round')),
    problem);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    choice.chapters = new Set(boxes.filter((b) => b.box.checked).map((b) => b.box.value));
    choice.size = Number(size.value);
    const ids = chapters.filter((c) => choice.chapters.has(c.name)).flatMap((c) => c.exercises.map((e) => e.id));
    if (ids.length === 0) {
      problem.textContent = 'Tick at least one chapter to drill.';
      return;
    }
    problem.textContent = '';
    form.hidden = true;
    runRound(engine, stage, pick(ids, choice.size), () => { form.hidden = false; form.querySelector('button').focus(); });
  });
  return [h('h1', { tabindex: '-1' }, 'Drill'),
    h('p', { class: 'lead' }, 'Timed rounds, cold: fresh numbers, no formula, no hints, no solution. The clock runs from the moment a question appears to your answer; the times go into your log.'),
    form, stage];
}

// One question after another; `done` is called when the learner leaves the results.
function runRound(engine, stage, ids, done) {
  const results = [];
  const ask = (i) => {
    if (i === ids.length) return showResults(engine, stage, results, done);
    const id = ids[i];
    const variant = nextVariant(store.load(), id);
    question(engine, stage, id, variant, `${i + 1} of ${ids.length}`, (result) => {
      results.push(result);
      return i + 1 === ids.length ? 'See the times' : 'Next question';
    }, () => ask(i + 1));
  };
  ask(0);
}

// A drill question: answered(result) records it and names the button that
// leads on; next() goes on.
function question(engine, stage, id, variant, position, answered, next) {
  const card = engine.card(id, variant);
  if (card.error) {
    stage.replaceChildren(h('p', { class: 'error' }, card.error), h('button', { type: 'button', onclick: next }, 'Next question'));
    return;
  }
  const parts = card.symbolic ? [{ unit: '', precision: `an expression in ${card.variables.join(', ')}` }] : card.parts;
  const prompt = h('p', { class: 'prompt', id: uid('prompt') }, card.prompt);
  const inputs = parts.map(() => h('input', {
    name: 'answer', type: 'text', id: uid('answer'), autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
    enterkeyhint: 'done', maxlength: MAX_FIELD_CHARACTERS, 'aria-describedby': prompt.id,
  }));
  const fields = parts.map((part, i) => h('div', { class: 'field' },
    h('label', { for: inputs[i].id }, parts.length > 1 ? `Part ${i + 1}` : 'Answer'),
    h('span', { class: 'entry' }, inputs[i], part.unit ? h('span', { class: 'unit' }, part.unit) : null),
    h('span', { class: 'hint' }, `give ${part.precision}`)));
  const verdict = h('div', { class: 'verdict', 'aria-live': 'polite' });
  const check = h('button', { type: 'submit', class: 'primary' }, 'Check');
  const form = h('form', { class: 'answer', novalidate: true }, fields, h('div', { class: 'actions' }, check));
  const shownAt = performance.now();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (check.disabled) return;
    const answers = inputs.map((x) => x.value);
    const result = engine.grade(id, variant, answers);
    const ms = performance.now() - shownAt;
    if (result.error || result.status === 'unreadable') {
      verdict.dataset.verdict = 'unreadable';
      verdict.replaceChildren(h('p', null, result.error || result.feedback), h('p', null, 'Not counted: the clock keeps running.'));
      return;
    }
    store.save(store.record(store.load(), {
      exercise: id, variant, status: result.status, answer: store.answerText(answers), ms, hints: 0,
      slip: result.diagnosis ?? null, at: Date.now(), drill: true,
    }));
    for (const input of inputs) input.readOnly = true;
    check.disabled = true;
    const correct = result.status === 'correct';
    verdict.dataset.verdict = result.status;
    const label = answered({ id, title: card.title, correct, seconds: ms / 1000 });
    const on = h('button', { type: 'button', class: 'primary', 'data-action': 'next', onclick: next }, label);
    verdict.replaceChildren(h('p', { class: 'word' }, `${correct ? 'Correct' : 'Not quite'} · ${seconds(ms / 1000)}`),
      h('p', null, result.feedback), h('p', null, on));
    on.focus();
  });
  stage.replaceChildren(h('article', { class: 'card exercise drill-question', 'data-exercise': id },
    h('header', null, h('h2', { class: 'title' }, card.title), h('p', { class: 'variant' }, `${position} · variant ${card.variant}`)),
    prompt, form, verdict));
  inputs[0].focus();
}

function showResults(engine, stage, results, done) {
  const times = drillTimes(store.load());
  const right = results.filter((r) => r.correct).length;
  const cell = (x) => h('td', null, x);
  stage.replaceChildren(h('section', { class: 'card drill-results', 'aria-labelledby': 'drill-results' },
    h('h2', { id: 'drill-results', tabindex: '-1' }, 'Times of this round'),
    h('p', null, `${right} of ${results.length} right.`),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Times per exercise' },
      h('table', null,
        h('thead', null, h('tr', null, ['Exercise', 'This round', 'Median (right drill answers)', 'Best', 'Right drill answers'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, results.map((r) => {
          const t = times.get(r.id);
          return h('tr', { 'data-exercise': r.id },
            h('th', { scope: 'row' }, r.title),
            cell(`${seconds(r.seconds)}${r.correct ? '' : ' (wrong)'}`),
            cell(t ? seconds(t.median) : '–'), cell(t ? seconds(t.best) : '–'), cell(String(t ? t.count : 0)));
        })))),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', 'data-action': 'again', onclick: done }, 'Another round'))));
  stage.querySelector('#drill-results').focus();
}
