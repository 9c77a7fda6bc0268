// The Progress page (#/progress), loaded on the first visit: how well each
// exercise is known, from the engine's replay of the review history
// (engine.reviewQueue's `exercises`, review::mastery: new, learning,
// familiar, mastered; docs/review.md says when each holds). A picture of
// chapters × exercises, each cell a link whose name says its level, shown by
// a symbol as well as a colour; and the totals, per chapter and overall.
import { h } from './dom.js';
import * as store from './store.js';
import { dayQueue, totals } from './review-log.js';
import { when } from './days.js';

// The four levels in order, with the symbol each cell shows (a shape, so
// the level never rests on colour alone).
export const LEVELS = [
  { name: 'new', symbol: '○', says: 'not reviewed yet' },
  { name: 'learning', symbol: '◔', says: 'the last answer was wrong, or it holds for less than a week' },
  { name: 'familiar', symbol: '◑', says: 'holds for a week or more' },
  { name: 'mastered', symbol: '●', says: 'holds for a month or more, and recall today is at least 90 %' },
];

// "2 mastered · 1 familiar · 1 learning · 1 new" (the levels with any).
export const totalsText = (t) => [...LEVELS].reverse().filter((l) => t[l.name] > 0).map((l) => `${t[l.name]} ${l.name}`).join(' · ') || 'nothing yet';

function cell(standing, title, today) {
  const level = LEVELS.find((l) => l.name === standing.mastery);
  const detail = standing.reviews ? `; ${standing.reviews} ${standing.reviews === 1 ? 'review' : 'reviews'}, next ${when(standing.due_day, today)}` : '';
  const label = `${title}: ${standing.mastery}${detail}`;
  return h('li', null, h('a', { class: `mastery-cell mastery-${level.name}`, href: `#/ex/${standing.exercise}`, 'aria-label': label, title: label },
    h('span', { 'aria-hidden': 'true' }, level.symbol)));
}

export function progressPage(engine) {
  const { queue } = dayQueue(engine, store.load());
  const head = [h('h1', { tabindex: '-1' }, 'Progress'),
    h('p', { class: 'lead' }, 'How well you know each exercise, from your reviews: the scheduler\'s estimate of how long each one stays with you.')];
  if (queue.error) return [...head, h('p', { class: 'error' }, `The schedule could not be computed: ${queue.error}`)];
  const standing = new Map(queue.exercises.map((e) => [e.exercise, e]));
  const chapters = engine.catalogue().chapters;
  const all = totals(queue.exercises);
  return [...head,
    h('p', { class: 'mastery-overall', 'data-totals': '' }, h('strong', null, `${all.mastered} of ${all.total} mastered`), ` · ${all.familiar} familiar · ${all.learning} learning · ${all.new} new`),
    h('ol', { class: 'mastery-grid', 'aria-label': 'Mastery by chapter and exercise' }, chapters.map((c, i) => {
      const list = c.exercises.map((e) => standing.get(e.id) ?? { exercise: e.id, mastery: 'new' });
      return h('li', { class: 'mastery-chapter' },
        h('h2', null, h('a', { href: `#/chapter/${c.name}` }, `${i + 1}. ${c.title}`)),
        h('ul', { class: 'mastery-cells', 'aria-label': `${c.title}: exercises` }, list.map((s, j) => cell(s, c.exercises[j].title, queue.today))),
        h('p', { class: 'meta' }, totalsText(totals(list))));
    })),
    h('section', { 'aria-labelledby': 'legend-heading' },
      h('h2', { id: 'legend-heading' }, 'Key'),
      h('ul', { class: 'mastery-legend' }, LEVELS.map((l) => h('li', null,
        h('span', { class: `mastery-cell mastery-${l.name}`, 'aria-hidden': 'true' }, l.symbol), ' ', h('strong', null, l.name), `: ${l.says}`)))),
    h('p', null, h('a', { href: '#/review' }, 'Review'), ' brings each exercise back when it is due; a ', h('a', { href: '#/drill' }, 'drill'), ' times you without hints.')];
}
