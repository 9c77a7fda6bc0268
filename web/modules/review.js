// The Review page (#/review) and the day's session (#/review/session?n=K),
// loaded on the first visit. What is due comes from the engine
// (engine.reviewQueue, FSRS-6 over the history that review-log.js makes of
// the store's log); nothing about the schedule is stored, so it is computed
// again after every answer and the queue changes as the learner goes.
//
// The session: due reviews first (most overdue first), then exercises never
// reviewed in book order, at most NEW_PER_DAY a day. Each exercise is shown
// at a fresh variant (review-log.js nextVariant) on the usual card
// (card.js), which records every answer in the log; the rating the engine
// gives the outcome is shown under it.
import { h } from './dom.js';
import * as store from './store.js';
import { exerciseCard } from './card.js';
import { dayQueue, nextVariant, NEW_PER_DAY } from './review-log.js';
import { count, dateOf, fromToday, when } from './days.js';

// Why an outcome got its rating (review::rate, docs/review.md).
const REASON = {
  again: 'the answer was wrong',
  hard: 'right after a hint, a wrong try or the solution',
  good: 'right',
  easy: 'right in well under the par time',
};
const RATING = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

// Exercises skipped in this visit's session ("Skip for now"): they wait at the
// end of the day's queue until the page is reloaded or the day changes.
const skipped = { day: null, ids: new Set() };

const titlesOf = (engine) => new Map(engine.catalogue().chapters.flatMap((c) => c.exercises.map((e) => [e.id, e.title])));

// The day's session, in order: [{id, review: bool, due_day?}].
function sessionItems(queue) {
  const items = [...queue.due.map((d) => ({ id: d.exercise, review: true, due: d.due_day })),
    ...queue.new.map((id) => ({ id, review: false }))];
  return [...items.filter((x) => !skipped.ids.has(x.id)), ...items.filter((x) => skipped.ids.has(x.id))];
}

// "2 reviews and 3 new exercises left today".
const leftToday = (queue) => `${count(queue.due.length, 'review')} and ${count(queue.new.length, 'new exercise')} left today`;

// Exercises scheduled after today, grouped by day: [[day, [ids]]], soonest first.
function comingUp(queue) {
  const byDay = new Map();
  for (const e of queue.exercises) {
    if (e.due_day === undefined || e.due_day <= queue.today) continue;
    if (!byDay.has(e.due_day)) byDay.set(e.due_day, []);
    byDay.get(e.due_day).push(e.exercise);
  }
  return [...byDay].sort(([a], [b]) => a - b);
}

function problem(queue) {
  return h('p', { class: 'error' }, `The schedule could not be computed: ${queue.error}`);
}

// #/review: what is due now, what is new today, and when the next ones come.
export function reviewPage(engine) {
  const { queue } = dayQueue(engine, store.load());
  const head = [h('h1', { tabindex: '-1' }, 'Review'),
    h('p', { class: 'lead' }, `Each exercise comes back just before you would forget it (the FSRS-6 scheduler), with new numbers every time. A day's session takes the reviews that are due first, then up to ${NEW_PER_DAY} exercises you have not done yet, in book order.`)];
  if (queue.error) return [...head, problem(queue)];
  const titles = titlesOf(engine);
  const link = (id) => h('a', { href: `#/ex/${id}` }, titles.get(id) ?? id);
  const later = comingUp(queue);
  const start = queue.due.length + queue.new.length > 0
    ? h('p', null, h('a', { class: 'button primary', href: '#/review/session' }, 'Start today\'s session'))
    : h('p', null, later.length ? `Nothing is left for today. The next review is on ${when(later[0][0], queue.today)}.` : 'Nothing is left for today.');
  return [...head,
    h('section', { class: 'card review-today', 'aria-labelledby': 'today-heading' },
      h('h2', { id: 'today-heading' }, `Today, ${dateOf(queue.today)}`),
      h('p', null, `${count(queue.due.length, 'review')} due and ${count(queue.new.length, 'new exercise')}.`),
      start,
      h('p', { class: 'meta' }, 'For timed practice without hints, try a ', h('a', { href: '#/drill' }, 'drill'), '; ',
        h('a', { href: '#/progress' }, 'Progress'), ' shows how well each exercise is known.')),
    h('section', { 'aria-labelledby': 'due-heading' },
      h('h2', { id: 'due-heading' }, 'Due now'),
      queue.due.length
        ? h('ul', { class: 'review-list' }, queue.due.map((d) => h('li', null, link(d.exercise), ` · due ${d.due_day === queue.today ? 'today' : `since ${when(d.due_day, queue.today)}`}`)))
        : h('p', null, 'No review is due.')),
    h('section', { 'aria-labelledby': 'new-heading' },
      h('h2', { id: 'new-heading' }, 'New today'),
      queue.new.length
        ? h('ol', { class: 'review-list' }, queue.new.map((id) => h('li', null, link(id))))
        : h('p', null, queue.exercises.every((e) => e.mastery !== 'new') ? 'Every exercise has been started.' : `Today's ${NEW_PER_DAY} new exercises are started; more come tomorrow.`)),
    h('section', { 'aria-labelledby': 'later-heading' },
      h('h2', { id: 'later-heading' }, 'Coming up'),
      later.length
        ? h('ul', { class: 'review-list' }, later.slice(0, 10).map(([day, ids]) => h('li', null,
          h('strong', null, `${dateOf(day)} (${fromToday(day, queue.today)})`), `: ${ids.map((id) => titles.get(id) ?? id).join(', ')}`)))
        : h('p', null, 'Nothing is scheduled yet: answer an exercise and it is given a next review.'))];
}

// #/review/session?n=K: the head of the day's queue on a card. K only makes
// each step's address differ, so that "Next" is a new hash.
export function sessionPage(engine, step) {
  const progress = store.load();
  const { today, queue } = dayQueue(engine, progress);
  if (skipped.day !== today) Object.assign(skipped, { day: today, ids: new Set() });
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/review' }, 'Review'), ' › Today\'s session');
  const heading = h('h1', { tabindex: '-1' }, 'Today\'s session');
  if (queue.error) return [crumbs, heading, problem(queue)];
  const items = sessionItems(queue);
  const left = h('p', { class: 'lead', 'data-left': '' }, leftToday(queue));
  if (items.length === 0) {
    const next = comingUp(queue)[0];
    return [crumbs, heading, h('p', { class: 'lead', 'data-left': '' }, 'Done for today.'),
      h('p', null, next ? `The next review is on ${when(next[0], today)}. ` : '', 'Meanwhile: ',
        h('a', { href: '#/drill' }, 'a timed drill'), ' or ', h('a', { href: '#/progress' }, 'your progress'), '.')];
  }
  const item = items[0];
  const variant = nextVariant(progress, item.id);
  const nextHref = `#/review/session?n=${step + 1}`;
  const rated = h('p', { class: 'rated', 'aria-live': 'polite' });
  const skip = h('a', { class: 'button', href: nextHref, 'data-action': 'skip' }, 'Skip for now');
  skip.addEventListener('click', () => { if (!rated.textContent) skipped.ids.add(item.id); });
  // After each answer: the rating of this review and when the exercise comes back.
  const onProgress = () => {
    const after = dayQueue(engine, store.load());
    const review = after.reviews.findLast((r) => r.exercise === item.id && r.variant === variant && r.day === after.today);
    if (!review || after.queue.error) return;
    const standing = after.queue.exercises.find((e) => e.exercise === item.id);
    rated.dataset.rating = review.rating;
    rated.textContent = `Rated ${RATING[review.rating]} (${REASON[review.rating]}): next review ${standing ? when(standing.due_day, after.today) : 'not scheduled'}.`;
    left.textContent = leftToday(after.queue);
    skip.textContent = 'Move on →';
    skip.hidden = review.correct; // the card's own Next link has the focus
  };
  const card = exerciseCard(engine, item.id, variant, {
    heading: 'h2', onProgress, next: { href: nextHref, label: 'Next in today\'s session →' },
  });
  const kind = item.review ? `Review · due ${item.due === today ? 'today' : `since ${when(item.due, today)}`}` : 'New exercise';
  return [crumbs, heading, left, h('p', { class: 'session-kind' }, kind), card, rated, h('p', null, skip)];
}
