// axe-core and the checks it does not make (tests/e2e/a11y.mjs) on every view
// of the trainer at 1280 and 375 px, light and dark: zero problems. Views added
// later call assertAccessible the same way in their own test files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accessibilityProblems, assertAccessible } from './a11y.mjs';
import { answer, appReady, deriveJson, newPage, openExercise, setup, wrongAnswers } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// llm.kv-cache: a formula that is cut off at 375 px, two hints, a diagnosis.
const ID = 'llm.kv-cache';

const VIEWS = [
  ['home', async (page) => { await page.goto(`${env.url}#/`); await appReady(page); }],
  ['chapter', async (page) => {
    await page.goto(`${env.url}#/chapter/llm`);
    await page.locator('[data-exercise]').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.picture-slot'));
  }],
  ['exercise with feedback (a wrong answer)', async (page) => {
    await openExercise(page, env.url, ID, 0);
    assert.equal(await answer(page, ID, wrongAnswers(deriveJson('exercise', 'show', ID, '--variant', '0'))), 'incorrect');
  }],
  ['exercise with its solution open', async (page) => {
    await openExercise(page, env.url, ID, 0);
    await page.locator('[data-action="solution"]').click();
    await page.locator('section.solution:not([hidden])').waitFor();
  }],
  ['calculator', async (page) => {
    await page.goto(`${env.url}#/calc?f=kv_cache_bytes`);
    await page.locator('.calc .params input[type="text"]').first().waitFor();
  }],
  ['analyze', async (page) => { await page.goto(`${env.url}#/analyze`); await page.waitForSelector('#model-file'); }],
];

describe('every view passes axe at 1280 and 375 px, light and dark', () => {
  for (const [view, go] of VIEWS) test(view, () => assertAccessible(env, view, go));
});

describe('the answer field speaks the question', () => {
  test('the prompt is the field\'s description and the unit is in its name', async () => {
    const p = await newPage(env.browser);
    try {
      await openExercise(p.page, env.url, ID, 0);
      const show = deriveJson('exercise', 'show', ID, '--variant', '0');
      const field = p.page.locator(`[data-exercise="${ID}"] input[name="answer"]`);
      const description = await field.evaluate((el) => el.getAttribute('aria-describedby').split(' ')
        .map((id) => document.getElementById(id).textContent).join(' '));
      assert.ok(description.startsWith(show.prompt.slice(0, 40)), `description: ${description}`);
      // Playwright computes the accessible name as assistive technology does.
      const named = p.page.getByRole('textbox', { name: `Answer in ${show.answer.unit}`, exact: true });
      assert.equal(await named.count(), 1, `one field named "Answer in ${show.answer.unit}"`);
      assert.equal(await named.evaluate((el) => el.name), 'answer');
      assert.equal(await field.evaluate((el) => el === document.activeElement), true, 'the field has the focus');
    } finally {
      await p.context.close();
    }
  });
});

describe('formulas cut off at 375 px', () => {
  test('each scrolls in a focusable region marked as scrolling, on every chapter page', async () => {
    const { chapters } = await (async () => {
      const p = await newPage(env.browser);
      await p.page.goto(`${env.url}#/`);
      await appReady(p.page);
      const names = await p.page.locator('ol.chapters h2 a').evaluateAll((as) => as.map((a) => a.hash.split('/').pop()));
      await p.context.close();
      return { chapters: names };
    })();
    let cut = 0;
    const p = await newPage(env.browser, { width: 375, height: 740 });
    try {
      for (const chapter of chapters) {
        await p.page.goto(`${env.url}#/chapter/${chapter}`);
        await p.page.locator('[data-exercise]').first().waitFor();
        await p.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const boxes = await p.page.locator('.formula').evaluateAll((els) => els.map((el) => ({
          overflows: el.scrollWidth > el.clientWidth + 1, marked: el.classList.contains('scrolls'), tabindex: el.getAttribute('tabindex'),
        })));
        for (const [i, box] of boxes.entries()) {
          assert.equal(box.marked, box.overflows, `${chapter}, formula ${i + 1}: marked as scrolling exactly when it overflows`);
          if (box.overflows) { cut += 1; assert.equal(box.tabindex, '0', `${chapter}, formula ${i + 1}: focusable`); }
        }
        const problems = (await accessibilityProblems(p.page)).filter((line) => line.startsWith('scrollable-region-focusable'));
        assert.deepEqual(problems, [], chapter);
      }
      assert.ok(cut > 0, 'some formula is cut off at 375 px, or this test checks nothing');
    } finally {
      await p.context.close();
    }
  });
});
