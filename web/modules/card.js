// One exercise card. DOM contract (kept for the browser tests, see docs/web.md):
//   article[data-exercise=<id>]  input[name=answer] (one per part, in order)
//   [data-verdict=correct|incorrect|unreadable]  button[data-action=new-variant]
//   button[data-action=solution]  button[data-action=hint] (aria-disabled=true once no
//   hint is left)  section.hints li (one per step revealed)
import { h, uid } from './dom.js';
import { MAX_FIELD_CHARACTERS, MAX_VARIANT } from './engine.js';
import * as store from './store.js';

// engine: modules/engine.js's, or web/app.js's stand-in while it loads (it
// has `loaded`, the promise of the engine, and knows only the first card).
// options: {heading: 'h1' | 'h2', onVariant(v), onProgress(), next: {href, label}, given,
//   onGraded({variant, status, counted, helped, answers, hints}), onSolution(variant),
//   fixedVariant: true leaves out "New numbers" (an assignment's numbers are the learner's own),
//   preview: true records nothing in the progress (the Author page's card of an exercise being written)}
// next: where "Next" leads once the answer is right (it then takes the focus).
// given: chosen parameter values ("kernel:3,in_channels:16", a layer's numbers)
// or a real variant ({real: NAME}) instead of a drawn variant; such answers are graded but not counted in the
// progress, which is kept per variant, and "New numbers" goes to variant 1.
// onGraded follows every graded check (counted: it was a new attempt; helped:
// the solution of these numbers had been opened; hints: how many were open);
// onSolution, every opening of the solution. The SCORM player (web/sco.js)
// reports to the LMS through them, the embed (modules/embed.js) as events.
export function exerciseCard(engine, id, variant, options = {}) {
  const root = h('article', { class: 'card exercise', 'data-exercise': id });
  render(engine, root, id, variant, options);
  return root;
}

function status(id) {
  const e = store.load().exercises[id];
  if (!e || e.attempts === 0) return '';
  const tries = `${e.attempts} ${e.attempts === 1 ? 'attempt' : 'attempts'}`;
  return e.solved.length ? `Solved · ${tries}` : e.helped.length ? `Practised with help · ${tries}` : tries;
}

// Some "units" name the kind of number rather than a unit of measure; the
// field shows no unit for them.
const KIND = /^(probability|integer|float|ratio|factor|log10|reward|loss|gradient)$/;
// "the exact count" is the engine's word for any whole-number answer; a
// zero point or a quantized level is an integer, not a count.
const precision = (part) => (part.unit === 'integer' ? part.precision.replace('exact count', 'exact integer') : part.precision);

function render(engine, root, id, variant, options) {
  const card = engine.card(id, variant, options.given);
  const chosen = options.given !== undefined;
  const unrecorded = chosen || options.preview === true;
  // Each attempt's time counts from here (store.js: the log's ms).
  const shownAt = performance.now();
  root.replaceChildren();
  root.classList.remove('revealed');
  if (card.error) {
    root.append(h('p', { class: 'error' }, card.error));
    return;
  }
  const heading = options.heading || 'h2';
  const meta = h('p', { class: 'meta' }, status(id));
  // Another tab (or an import) changed the progress: the old card's
  // subscription ends once its line is gone.
  const unsubscribe = store.on('change', () => (meta.isConnected ? (meta.textContent = status(id)) : unsubscribe()));
  const symbolic = card.symbolic;
  const parts = symbolic ? [{ unit: '', precision: `an expression in ${card.variables.join(', ')}` }] : card.parts;

  // The focus lands in the first field, so the question is each field's
  // description (read with it) and the unit is part of its name ("Answer in MMACs").
  const promptId = uid('prompt');
  const inputs = parts.map((part, i) => {
    const hint = uid('hint');
    const input = h('input', {
      name: 'answer', type: 'text', id: uid('answer'), autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'off', enterkeyhint: 'done', 'aria-describedby': `${promptId} ${hint}`, maxlength: MAX_FIELD_CHARACTERS,
    });
    const label = symbolic ? `Expression in ${card.variables.join(', ')}` : parts.length > 1 ? `Part ${i + 1}` : 'Answer';
    const unit = part.unit && !KIND.test(part.unit) ? part.unit : null;
    return {
      input,
      row: h('div', { class: 'field' },
        h('label', { for: input.id }, label, unit ? [' ', h('span', { class: 'visually-hidden' }, `in ${unit}`)] : null),
        h('span', { class: 'entry' }, input, unit ? h('span', { class: 'unit', 'aria-hidden': 'true' }, unit) : null),
        h('span', { class: 'hint', id: hint }, symbolic ? `e.g. written with ${card.variables.join(', ')}` : `give ${precision(part)}`)),
    };
  });

  const verdict = h('div', { class: 'verdict', 'aria-live': 'polite' });
  const steps = card.steps || [];
  const remark = card.explanation.split('\n').slice(steps.length).filter(Boolean);
  const solution = h('section', { class: 'solution', hidden: true, 'aria-label': 'Worked solution' },
    h('ol', null, steps.map((s) => h('li', null, s))),
    remark.map((r) => h('p', { class: 'remark' }, r)));
  // On a phone the verb is dropped ("Solution", state in aria-expanded) so
  // the buttons take less room (with Hint they wrap to a second row at 375 px).
  const verb = h('span', { class: 'verb' }, 'Show ');
  const solutionButton = h('button', { type: 'button', class: 'quiet', 'data-action': 'solution', 'aria-expanded': 'false' }, verb, h('span', { class: 'noun' }, 'solution'));
  solutionButton.addEventListener('click', () => {
    const open = solution.hidden;
    solution.hidden = !open;
    solutionButton.setAttribute('aria-expanded', String(open));
    verb.textContent = open ? 'Hide ' : 'Show ';
    if (open) {
      root.classList.add('revealed');
      const before = store.load();
      const after = unrecorded ? before : store.markShown(before, id, variant);
      if (after !== before) store.save(after);
      options.onSolution?.(variant);
    }
  });

  // Hints: the worked steps one at a time, with this variant's numbers, never
  // the last step (it holds the answer; the solution has it). The list is a
  // live region, so each new step is read out while the focus stays on the button.
  // The engine says how many steps a hint may show (hint_steps: never the
  // step that gives the answer, even in another unit).
  const hintable = card.hint_steps;
  let hints = 0;
  const hintList = h('ol', { id: uid('hints') });
  const hintNote = h('p', { class: 'remark', hidden: true }, 'No more hints: the next step gives the answer, which "Show solution" has.');
  const hintBox = h('section', { class: 'hints', hidden: true, 'aria-label': 'Hints' },
    h('div', { 'aria-live': 'polite' }, hintList, hintNote));
  const hintLabel = h('span', null, hintable ? 'Hint' : 'No more hints');
  const hintButton = h('button', { type: 'button', class: 'quiet', 'data-action': 'hint', 'aria-controls': hintList.id }, hintLabel);
  const exhausted = () => {
    hintButton.setAttribute('aria-disabled', 'true');
    hintLabel.textContent = 'No more hints';
  };
  if (!hintable) exhausted();
  hintButton.addEventListener('click', () => {
    hintBox.hidden = false;
    if (hints < hintable) {
      hintList.append(h('li', null, steps[hints]));
      hints += 1;
    }
    if (hints >= hintable) {
      exhausted();
      hintNote.hidden = false;
    }
  });
  const newButton = h('button', { type: 'button', class: 'quiet', 'data-action': 'new-variant', title: 'New numbers (N)' }, 'New numbers');
  newButton.addEventListener('click', async () => {
    const next = chosen ? 1 : variant >= MAX_VARIANT ? 0 : variant + 1;
    // A stand-in engine (web/app.js) knows only the first card: new numbers wait for the engine.
    let drawing = engine;
    try {
      if (engine.loaded) drawing = await engine.loaded;
    } catch {
      return; // the engine did not load: the page says why
    }
    options.onVariant?.(next);
    render(drawing, root, id, next, { ...options, given: undefined });
    root.querySelector('input[name="answer"]')?.focus();
  });

  const form = h('form', { class: 'answer', novalidate: true }, inputs.map((x) => x.row),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Check'), hintButton, solutionButton, options.fixedVariant ? null : newButton));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // Enter in an earlier part with a later part still empty moves on instead
    // of checking, unless the engine reads every part from what is typed
    // (several parts in one field, "3.125, 1.5": the grader splits them,
    // src/exercise/grader.cpp), which it shows by grading rather than
    // answering "unreadable".
    // The card's own root node: the document, or the shadow root of an embed.
    const at = inputs.findIndex((x) => x.input === root.getRootNode().activeElement);
    const empty = inputs.findIndex((x, i) => i > at && at >= 0 && x.input.value.trim() === '');
    const answers = inputs.map((x) => x.input.value);
    // Grading is in the trainer engine's deferred part (engine.complete; the
    // Author page's engine has none); should it not be fetched, grade fetches
    // it itself or says why it cannot.
    if (engine.complete) await engine.complete().catch(() => {});
    const result = engine.grade(id, variant, answers, options.given);
    if (empty > 0 && (result.error || result.status === 'unreadable')) return inputs[empty].input.focus();
    showVerdict(verdict, result);
    if (result.error) return;
    const before = store.load();
    const after = unrecorded ? before : store.record(before, {
      exercise: id, variant, status: result.status, answer: store.answerText(answers),
      ms: performance.now() - shownAt, hints, slip: result.diagnosis ?? null, at: Date.now(),
    });
    if (after === before && result.status !== 'unreadable' && !unrecorded) {
      verdict.append(h('p', { class: 'counted' }, 'The same answer as last time on these numbers: not counted as another attempt.'));
    } else if (after !== before) {
      store.save(after);
      if (result.status === 'correct' && after.exercises[id].helped.includes(variant)) {
        verdict.append(h('p', { class: 'counted' }, 'Counted as practised with help, not solved: the solution of these numbers was opened. New numbers give a fresh try.'));
      }
    }
    meta.textContent = status(id);
    options.onGraded?.({
      variant, status: result.status, counted: after !== before && result.status !== 'unreadable',
      helped: Boolean(after.exercises[id]?.helped.includes(variant)), answers, hints,
    });
    if (result.status === 'correct') {
      root.classList.add('revealed');
      if (options.next && !verdict.querySelector('a.next')) {
        const next = h('a', { class: 'button primary next', href: options.next.href }, options.next.label);
        verdict.append(h('p', null, next));
        next.focus();
      }
    }
    options.onProgress?.();
  });

  const formula = formulaOf(card);
  root.append(...[
    h('header', null,
      h(heading, { class: 'title' }, card.title),
      card.real ? h('p', { class: 'variant', title: 'Numbers of a real model, GPU or board, named in the question' }, 'real numbers')
        : chosen ? h('p', { class: 'variant', title: 'Numbers given by the address, not drawn' }, 'chosen numbers')
        : h('p', { class: 'variant', title: 'Variant number: share it to give someone the same numbers' }, `variant ${card.variant}`)),
    formula ? formulaBox(formula) : null,
    h('p', { class: 'prompt', id: promptId }, promptOf(card)),
    picture(engine, card),
    form, hintBox, verdict, meta, solution].filter(Boolean));
}

function showVerdict(el, result) {
  if (result.error) {
    el.dataset.verdict = 'unreadable';
    el.replaceChildren(h('p', null, result.error));
    return;
  }
  const word = { correct: 'Correct', incorrect: 'Not quite', unreadable: 'Could not read that' }[result.status];
  el.dataset.verdict = result.status;
  el.replaceChildren(h('p', { class: 'word' }, word), h('p', null, result.feedback));
  if (result.diagnosis) el.append(h('p', { class: 'diagnosis' }, result.diagnosis));
}

// The engine converts each exercise's formula to MathML once
// (src/exercise/formula.cpp); it is parsed as XML, never as HTML.
const mathOf = (mathml) => document.importNode(new DOMParser().parseFromString(mathml, 'application/xml').documentElement, true);
const formulaOf = (card) => (card.formula ? mathOf(card.formula.mathml) : null);

// The prompt's text with the maths it writes as plain text (10^6, x_min)
// typeset by the engine the same way as the formula (card.prompt_runs); each
// keeps its plain text as its alttext (MathML's text alternative).
function promptOf(card) {
  return (card.prompt_runs ?? [{ text: card.prompt }]).map((run) => {
    if (!run.mathml) return run.text;
    const math = mathOf(run.mathml);
    math.setAttribute('alttext', run.text);
    return math;
  });
}

// A formula wider than the card scrolls sideways: it then becomes a focusable
// region (so a keyboard can scroll it) with shadows at the edges that still
// hide part of it, and loses both once it fits again.
const overflowWatch = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => {
  for (const { target } of entries) {
    const scrolls = target.scrollWidth > target.clientWidth + 1;
    target.classList.toggle('scrolls', scrolls);
    if (scrolls) {
      target.setAttribute('tabindex', '0');
      target.setAttribute('role', 'group');
      target.setAttribute('aria-label', 'Formula, scrolls sideways');
    } else {
      for (const name of ['tabindex', 'role', 'aria-label']) target.removeAttribute(name);
    }
  }
}) : null;

function formulaBox(formula) {
  const box = h('div', { class: 'formula' }, formula);
  overflowWatch?.observe(box);
  return box;
}

// The catalogue says what each card draws (card.picture: a kind and its
// values); modules/plots.js is fetched only when a card has a picture, which
// keeps it out of the first load of most pages.
function picture(engine, card) {
  if (!card.picture) return null;
  const slot = h('div', { class: 'picture-slot' });
  // A stand-in engine (web/app.js) draws no picture: that waits for the engine.
  Promise.all([import('./plots.js'), engine.loaded ?? engine]).then(([{ pictureFor }, drawing]) => {
    const figure = pictureFor(drawing, card.picture);
    if (figure) slot.replaceWith(figure);
    else slot.remove();
  });
  return slot;
}
