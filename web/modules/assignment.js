// The #/assignment/<token> page (docs/instructors.md): the exercises of an
// assignment link with the learner's own variants, and the results code to
// hand in. The variants and the code come from the engine (the same C++ as
// `derive assignment`), so the instructor's `variants` and `verify` agree.
import { h, uid } from './dom.js';
import { exerciseCard } from './card.js';

// titles: exercise id -> title, from the catalogue.
export function assignmentPage(engine, token, titles) {
  const about = engine.assignment(token, '');
  if (about.error) {
    return [h('h1', { tabindex: '-1' }, 'This assignment link cannot be read'),
      h('p', { class: 'lead' }, 'Ask your instructor for the link again; it may have been cut when it was copied.'),
      h('p', { class: 'error' }, about.error)];
  }
  const field = h('input', { id: uid('learner'), name: 'learner', type: 'text', autocomplete: 'name', maxlength: '200', required: true });
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const start = h('form', { class: 'answer learner', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: field.id }, 'Your name or student id'),
      h('span', { class: 'entry' }, field),
      h('span', { class: 'hint' }, 'as your instructor asked: your numbers are made from it')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Start')), problem);
  const body = h('div', { class: 'assignment' });
  start.addEventListener('submit', (event) => {
    event.preventDefault();
    const set = engine.assignment(token, field.value);
    problem.hidden = !set.error;
    problem.textContent = set.error || '';
    if (set.error) return field.focus();
    field.readOnly = true;
    start.querySelector('button').hidden = true;
    body.replaceChildren(...exercises(engine, token, field.value, set));
    body.querySelector('input[name="answer"]')?.focus();
  });
  return [h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Exercises'), ' › Assignment'),
    h('h1', { tabindex: '-1' }, `Assignment: ${about.name}`),
    h('p', { class: 'lead' }, `${about.exercises.length} ${about.exercises.length === 1 ? 'exercise' : 'exercises'}: `,
      about.exercises.map((e) => titles.get(e.id) || e.id).join(', '), '.'),
    start, body];
}

function exercises(engine, token, learner, set) {
  // The last checked answer of each exercise: what the code hands in.
  const answers = set.exercises.map(() => ['']);
  const cards = set.exercises.map((e, i) => h('div', { class: 'slot' }, exerciseCard(engine, e.id, e.variant, {
    fixedVariant: true,
    onGraded: (check) => { answers[i] = check.answers; },
  })));
  const code = h('textarea', { id: uid('code'), name: 'results-code', readonly: true, rows: '3', hidden: true, spellcheck: 'false' });
  const note = h('p', { class: 'remark', role: 'status' });
  const make = h('button', { type: 'button', class: 'primary', 'data-action': 'results-code' }, 'Make my results code');
  make.addEventListener('click', () => {
    const result = engine.resultsCode(token, learner, answers);
    code.hidden = Boolean(result.error);
    code.value = result.code || '';
    note.textContent = result.error || 'Copy this code and hand it in. It holds the last answer you checked in each exercise; your instructor grades it. Check more answers and make a new code at any time.';
    if (result.code) code.select();
  });
  return [...cards, h('section', { class: 'card hand-in', 'aria-label': 'Hand in' },
    h('h2', null, 'Hand in'), h('p', null, make), h('label', { for: code.id }, 'Your results code'), code, note)];
}
