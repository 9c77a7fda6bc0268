// Day numbers (Unix days, UTC: review-log.js unixDay) in words, for the
// review, progress and home pages.

// "Thu 3 Dec" for a Unix day, read in UTC like the day itself.
export const dateOf = (day) => new Date(day * 86400000).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

// "today", "tomorrow", "in 3 days", "yesterday", "3 days ago".
export function fromToday(day, today) {
  const n = day - today;
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

// "Thu 3 Dec (in 3 days)", or "today" / "tomorrow" with the date.
export const when = (day, today) => `${dateOf(day)} (${fromToday(day, today)})`;

// "1 exercise", "2 exercises".
export const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
