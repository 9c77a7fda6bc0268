// Numbers and tables of the report pages (Analyze, Models): exact counts
// grouped in thousands, byte counts in both conventions, and wide tables that
// scroll inside a focusable region so a keyboard can reach what is cut off.
import { h } from './dom.js';

export const grouped = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n ?? ''));

// 1,234,567 B → "1.23 MB (1.18 MiB)": both conventions, as the exercises teach.
export function bytesText(n) {
  if (typeof n !== 'number') return '';
  if (n < 1000) return `${grouped(n)} B`;
  const si = ['kB', 'MB', 'GB'];
  const iec = ['KiB', 'MiB', 'GiB'];
  let k = 0;
  while (k < 2 && n >= 1000 ** (k + 2)) k++;
  let j = 0;
  while (j < 2 && n >= 1024 ** (j + 2)) j++;
  return `${grouped(n)} B = ${(n / 1000 ** (k + 1)).toPrecision(3)} ${si[k]} = ${(n / 1024 ** (j + 1)).toPrecision(3)} ${iec[j]}`;
}

// `head`: the column titles; `rows`: the cells, text or elements.
export function table(caption, head, rows) {
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', null, h('caption', null, caption),
      h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c)))))));
}
