// Accessibility checks of one view in every mode, for any view test to call:
//
//   await assertAccessible(env, 'review', async (page) => { await page.goto(`${env.url}#/review`); ... });
//
// opens the view on a fresh page at 1280 and 375 px wide, in the light and the
// dark scheme (prefers-color-scheme emulated before the first load), and
// fails unless axe-core finds no violation (harness.axeViolations: WCAG 2.2 A
// and AA and axe's best practices) and the checks axe does not make hold:
//   - fields and progress tracks: their border against what is around them at
//     3:1 or more (WCAG 2.2, 1.4.11 non-text contrast), computed from the
//     relative luminance of WCAG 2.2's definition;
//   - a verdict's stripe is green, red or amber (the --good, --bad, --warn
//     colour of the stylesheet), never the text colour;
//   - header links and breadcrumbs are targets of 24 × 24 px at least (2.5.8).
// Not a test file itself (node --test only runs *.test.mjs).
import assert from 'node:assert/strict';
import { axeViolations, newPage } from './harness.mjs';

export const MODES = [1280, 375].flatMap((width) => ['light', 'dark'].map((scheme) => ({ width, scheme })));

// Runs in the page: the problems axe does not look for, as sentences.
function ownChecks() {
  const rgb = (text) => {
    const m = text.match(/rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/);
    return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
  };
  // WCAG 2.2's relative luminance and contrast ratio.
  const channel = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const luminance = ({ r, g, b }) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (x, y) => { const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  // The first opaque background behind an element (its parent's and up).
  const behind = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a === 1) return c;
    }
    return rgb(getComputedStyle(document.documentElement).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 };
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
  const problems = [];
  for (const el of document.querySelectorAll('input[type=text], select, progress')) {
    const style = getComputedStyle(el);
    if (el.offsetParent === null) continue; // not shown
    const border = rgb(style.borderTopColor);
    const width = parseFloat(style.borderTopWidth);
    // A field's border against the page around it and its own fill; a
    // track's against the page (its fill is the empty part of the track).
    const against = [behind(el), el.tagName === 'PROGRESS' ? null : rgb(style.backgroundColor)].filter((c) => c && c.a === 1);
    const worst = Math.min(...against.map((c) => ratio(border, c)));
    if (!(width > 0) || worst < 3) problems.push(`${name(el)}: border ${style.borderTopColor} ${width}px has contrast ${worst.toFixed(2)}:1 (at least 3:1 needed)`);
  }
  const root = getComputedStyle(document.documentElement);
  const colour = (v) => { const probe = document.createElement('span'); probe.style.color = root.getPropertyValue(v); document.body.append(probe); const c = getComputedStyle(probe).color; probe.remove(); return c; };
  for (const el of document.querySelectorAll('[data-verdict]')) {
    const style = getComputedStyle(el);
    const expected = colour({ correct: '--good', incorrect: '--bad', unreadable: '--warn' }[el.dataset.verdict]);
    if (style.borderLeftColor !== expected || style.borderLeftColor === style.color || parseFloat(style.borderLeftWidth) < 3) {
      problems.push(`verdict ${el.dataset.verdict}: stripe ${style.borderLeftWidth} ${style.borderLeftColor}, expected ${expected} (text ${style.color})`);
    }
  }
  for (const el of document.querySelectorAll('header.site a, .crumbs a')) {
    const box = el.getBoundingClientRect();
    if (box.width < 24 || box.height < 24) problems.push(`${name(el)} "${el.textContent}": target ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px (24 × 24 needed)`);
  }
  return problems;
}

// The problems of the page as it is now: axe's violations and ownChecks'.
export async function accessibilityProblems(page) {
  return [...await axeViolations(page), ...await page.evaluate(ownChecks)];
}

// Opens the view with `go(page)` in each of MODES on a fresh page of
// env.browser and asserts that it has no accessibility problem, nor any
// console error or warning.
export async function assertAccessible(env, view, go, modes = MODES) {
  for (const { width, scheme } of modes) {
    const p = await newPage(env.browser, { width, height: width > 600 ? 800 : 740 });
    try {
      await p.page.emulateMedia({ colorScheme: scheme });
      await go(p.page);
      // One frame, so the formulas' overflow marks (a ResizeObserver) are set.
      await p.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      assert.deepEqual(await accessibilityProblems(p.page), [], `${view} at ${width} px, ${scheme}`);
      assert.deepEqual(p.problems, [], `${view} at ${width} px, ${scheme}: console`);
    } finally {
      await p.context.close();
    }
  }
}
