// The home page's "today" block, loaded after the home is drawn: how many
// reviews are due, the overall mastery figure, and "Continue": to the day's
// session when it has anything left, else to the first exercise (book
// order) not solved yet.
import { h } from './dom.js';
import * as store from './store.js';
import { dayQueue, totals } from './review-log.js';
import { count } from './days.js';

export function todayBlock(engine) {
  const progress = store.load();
  const { queue } = dayQueue(engine, progress);
  if (queue.error) return h('p', { class: 'error' }, `The review schedule could not be computed: ${queue.error}`);
  const left = queue.due.length + queue.new.length;
  const unsolved = engine.catalogue().chapters.flatMap((c) => c.exercises).find((e) => !(progress.exercises[e.id]?.solved.length > 0));
  const go = left > 0 ? { href: '#/review/session', label: 'Continue today\'s session' }
    : unsolved ? { href: `#/ex/${unsolved.id}`, label: `Continue: ${unsolved.title}` } : null;
  const all = totals(queue.exercises);
  return h('section', { class: 'card today', 'aria-labelledby': 'today-home' },
    h('h2', { id: 'today-home' }, 'Today'),
    h('p', { 'data-due': String(queue.due.length) },
      `${count(queue.due.length, 'review')} due and ${count(queue.new.length, 'new exercise')} for today. `,
      h('a', { href: '#/review' }, 'See the schedule')),
    h('p', { 'data-mastered': String(all.mastered) },
      `${all.mastered} of ${all.total} exercises mastered, ${all.familiar} familiar, ${all.learning} learning. `,
      h('a', { href: '#/progress' }, 'See your progress')),
    go ? h('p', null, h('a', { class: 'button primary', href: go.href, 'data-action': 'continue' }, go.label)) : null);
}
