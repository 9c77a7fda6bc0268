// The Author page (#/author): an instructor writes or pastes one chapter file
// of exercises in TOML (docs/catalogue-format.md), picks a variant, and sees as
// they type what `derive author FILE --variant N --json` reports: the lint
// problems, and each exercise's card as a learner sees it (prompt, answer
// fields graded by the engine, hints, solution). Every document comes from the
// Author page's own wasm module (modules/authoring.js: the same C++ as the
// CLI); this file only lays them out. Nothing leaves the browser, and the
// preview records nothing in the learner's progress.
//
// Loaded on demand from app.js with modules/authoring.js, so the trainer's
// first load carries neither this code nor the module.
import { exerciseCard } from './card.js';
import { h } from './dom.js';
import { MAX_VARIANT } from './engine.js';

// The name the lint report gives the text, as the CLI names a file.
const LABEL = 'exercise.toml';
// Long enough to skip the runs of a burst of keys, short enough to feel live.
const TYPING_PAUSE_MS = 300;

function variantOf(text) {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= MAX_VARIANT ? n : null;
}

// "exercise.toml:21: message", as `derive lint` prints it.
const issueText = (issue) => `${issue.file}${issue.line > 0 ? `:${issue.line}` : ''}: ${issue.message}`;

// engine: the trainer's engine (a card's picture draws with its calculator).
// authoring: loadAuthoring()'s module. template: the text the field starts with.
export function authorPage(engine, authoring, template) {
  const source = h('textarea', {
    id: 'author-toml', rows: 24, spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
    'aria-describedby': 'author-toml-hint',
  });
  source.value = template;
  const variant = h('input', {
    id: 'author-variant', type: 'text', inputmode: 'numeric', value: '0', 'aria-describedby': 'author-variant-hint',
  });
  const restart = h('button', { type: 'button', class: 'quiet', id: 'author-template' }, 'Start again from the template');
  const report = h('section', { class: 'card lint-report', 'aria-labelledby': 'author-report-title' },
    h('h2', { id: 'author-report-title' }, 'Lint report'));
  const reportBody = h('div', { role: 'status' });
  report.append(reportBody);
  const previewTitle = h('h2', { id: 'author-preview-title' }, 'Preview');
  const cards = h('div', { class: 'author-cards' });
  const preview = h('section', { class: 'author-preview', 'aria-labelledby': 'author-preview-title' }, previewTitle, cards);

  let latest = 0; // the run whose result may be shown: newer text wins
  const run = async () => {
    const mine = ++latest;
    const n = variantOf(variant.value.trim());
    if (n === null) {
      reportBody.replaceChildren(h('p', { class: 'error' }, `The variant must be a whole number from 0 to ${MAX_VARIANT}; 0 shows the canonical numbers.`));
      return;
    }
    const toml = source.value;
    const doc = await authoring.preview(toml, LABEL, n);
    if (mine !== latest) return;
    if (doc.error) {
      reportBody.replaceChildren(h('p', { class: 'error' }, doc.error));
      cards.replaceChildren();
      return;
    }
    const exercises = doc.exercises.length;
    reportBody.replaceChildren(doc.issues.length
      ? h('div', null,
        h('p', { class: 'error' }, `${doc.issues.length} ${doc.issues.length === 1 ? 'problem' : 'problems'}; the preview shows what loads.`),
        h('ul', { class: 'issues' }, doc.issues.map((issue) => h('li', null, h('code', null, issueText(issue))))))
      : h('p', { class: 'ok' }, `No problems: ${exercises} ${exercises === 1 ? 'exercise' : 'exercises'}, checked as derive lint checks them.`));
    previewTitle.textContent = `Preview of variant ${n}`;
    // The card reads its document and grades through this stand-in for the
    // trainer's engine: the preview's card, and the module's grade of the same text.
    const stand = {
      card: (id) => doc.exercises.find((e) => e.id === id).card,
      grade: (id, v, answers) => authoring.grade(toml, LABEL, id, v, answers),
      calc: (...args) => engine.calc(...args),
    };
    cards.replaceChildren(...doc.exercises.map((e) => (e.card.error
      ? h('article', { class: 'card exercise', 'data-exercise': e.id }, h('h3', null, e.id), h('p', { class: 'error' }, `Variant ${n} cannot be drawn: ${e.card.error}`))
      : exerciseCard(stand, e.id, n, { heading: 'h3', fixedVariant: true, preview: true }))));
  };

  let pause;
  const soon = () => {
    clearTimeout(pause);
    pause = setTimeout(run, TYPING_PAUSE_MS);
  };
  source.addEventListener('input', soon);
  variant.addEventListener('input', soon);
  restart.addEventListener('click', () => {
    source.value = template;
    run();
    source.focus();
  });
  run();

  return [h('h1', { tabindex: '-1' }, 'Author an exercise'),
    h('p', { class: 'lead' }, 'Write one chapter file of exercises in TOML, or paste one, and see the problems derive lint finds and each exercise as a learner sees it, for any variant. It all runs in this browser; docs/catalogue-format.md explains every key and has a tutorial.'),
    h('section', { class: 'card author-input', 'aria-label': 'Exercise file and variant' },
      h('div', { class: 'field wide' }, h('label', { for: 'author-toml' }, 'Exercise file (TOML)'), source,
        h('span', { class: 'hint', id: 'author-toml-hint' }, 'The preview follows as you type. The text stays in this page: copy it into a file of catalogue/ when it is done.')),
      h('div', { class: 'field' }, h('label', { for: 'author-variant' }, 'Variant'), variant,
        h('span', { class: 'hint', id: 'author-variant-hint' }, '0 is the canonical numbers; 1, 2, … are drawn')),
      h('p', null, restart)),
    report, preview];
}
