// Full-page screenshots of every kind of view at 1280 and 375 px wide, saved
// to test-artifacts/screenshots/ for a person to look at (the test itself
// checks only that each view drew without errors and that nothing overflows
// the viewport horizontally).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  answer, appReady, deriveJson, newPage, openExercise, repo, rightAnswers, screenshotPath, setup, wrongAnswers,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const WIDTHS = [1280, 375];
const models = path.resolve(repo, '..', 'shared', 'models');

// Each view: a name and how to get there on a fresh page.
// Stores a log in which llm.kv-cache was answered wrong three days ago (due),
// count.conv-macs right ten days ago, quant.levels right 40 and 32 days ago.
async function withReviews(page) {
  const DAY = 86400000;
  const today = Math.floor(Date.now() / DAY);
  const attempt = (exercise, variant, correct, daysAgo) => ({ exercise, variant, correct, ms: 20000, hints: 0, slip: null, at: (today - daysAgo) * DAY });
  const log = [attempt('quant.levels', 2, true, 40), attempt('quant.levels', 3, true, 32), attempt('count.conv-macs', 2, true, 10), attempt('llm.kv-cache', 7, false, 3)];
  await page.goto(`${env.url}#/`);
  await appReady(page);
  await page.waitForLoadState('networkidle'); // the modules fetched after the first view: a reload would cut them off
  await page.evaluate((log) => localStorage.setItem('derive.progress', JSON.stringify({ version: 2, exercises: {}, log })), log);
  await page.reload();
  await appReady(page);
}

const VIEWS = [
  ['home', async (page) => { await page.goto(`${env.url}#/`); await appReady(page); }],
  ['chapter-quantize', async (page) => {
    await page.goto(`${env.url}#/chapter/quantize`);
    await page.locator('[data-exercise]').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.picture-slot'));
  }],
  ['exercise-feedback-solution', async (page) => {
    const show = deriveJson('exercise', 'show', 'llm.kv-cache', '--variant', '0');
    await openExercise(page, env.url, 'llm.kv-cache', 0);
    await answer(page, 'llm.kv-cache', wrongAnswers(show));
    await page.locator('[data-action="solution"]').click();
  }],
  ['exercise-multipart-correct', async (page) => {
    const show = deriveJson('exercise', 'show', 'combo.stacking', '--variant', '0');
    await openExercise(page, env.url, 'combo.stacking', 0);
    await answer(page, 'combo.stacking', rightAnswers(show));
  }],
  ['exercise-symbolic-unreadable', async (page) => {
    await openExercise(page, env.url, 'kd.infinite-temperature', 0);
    await answer(page, 'kd.infinite-temperature', ['1/']);
  }],
  ...['measure.ridge-point', 'quant.quantize', 'kd.soft-prob'].map((id) => [`picture-${id}`, async (page) => {
    await openExercise(page, env.url, id, 0);
    await page.locator(`[data-exercise="${id}"] figure.picture svg.plot`).waitFor();
  }]),
  ['picture-quant.quantize-solved', async (page) => {
    const show = deriveJson('exercise', 'show', 'quant.quantize', '--variant', '0');
    await openExercise(page, env.url, 'quant.quantize', 0);
    await page.locator('figure.picture svg.plot').waitFor();
    await answer(page, 'quant.quantize', rightAnswers(show));
  }],
  ['calculator', async (page) => {
    await page.goto(`${env.url}#/calc?f=kv_cache_bytes`);
    const fields = page.locator('.calc .params input[type="text"]');
    await fields.first().waitFor();
    for (const [i, text] of ['32', '8', '128', '4096'].entries()) await fields.nth(i).fill(text);
    await page.locator('.calc section.card').nth(1).locator('input').fill('kv_cache_bytes(32, 8, 128, 4096) / 1e9');
  }],
  // The Analyze page with a real model and a board (only where ../shared/models is).
  ...(fs.existsSync(path.join(models, 'kws.tflite')) ? [['analyze-kws', async (page) => {
    await page.goto(`${env.url}#/analyze`);
    await page.waitForSelector('#model-file');
    await page.selectOption('#board-picker', 'uno-r4-minima');
    await page.setInputFiles('#model-file', path.join(models, 'kws.tflite'));
    await page.locator('.analysis svg.plot').waitFor();
  }]] : []),
  // The learner's day, from a log with one review due, one coming up and one mastered.
  ['review', async (page) => { await withReviews(page); await page.goto(`${env.url}#/review`); await page.waitForSelector('#due-heading'); }],
  ['review-session', async (page) => {
    await withReviews(page);
    await page.goto(`${env.url}#/review/session`);
    const card = page.locator('main [data-exercise]');
    await card.locator('input[name="answer"]').first().waitFor();
    const id = await card.getAttribute('data-exercise');
    const variant = (await card.locator('.variant').textContent()).replace(/\D/g, '');
    await answer(page, id, wrongAnswers(deriveJson('exercise', 'show', id, '--variant', variant)));
    await page.waitForSelector('.rated[data-rating]');
  }],
  ['progress', async (page) => { await withReviews(page); await page.goto(`${env.url}#/progress`); await page.waitForSelector('.mastery-grid'); }],
  ['drill', async (page) => {
    await page.goto(`${env.url}#/drill`);
    await page.locator('[data-action="start"]').click();
    await page.waitForSelector('.drill-question input[name="answer"]');
  }],
  // The Models page with Mixtral (8 experts, 2 per token) past its longest context.
  ['models-mixtral', async (page) => {
    await page.goto(`${env.url}#/models`);
    await page.waitForSelector('.models section[aria-label="Serving memory"]');
    await page.selectOption('#model-picker', 'mixtral-8x7b');
    await page.fill('#context', '65536');
    await page.press('#context', 'Tab');
    await page.waitForFunction(() => document.querySelector('.models section[aria-label="Parameters"] h2')?.textContent.startsWith('Mixtral')
      && document.querySelector('.status')?.textContent.includes('65,536'));
  }],
  ['not-found', async (page) => { await page.goto(`${env.url}#/nowhere`); await appReady(page); }],
];

for (const scheme of ['light', 'dark']) {
  describe(`screenshots, ${scheme}`, () => {
    for (const width of WIDTHS) {
      for (const [name, go] of VIEWS) {
        // Dark mode only at phone width, where most reading happens, to keep the run short.
        if (scheme === 'dark' && width !== 375) continue;
        test(`${name} at ${width} px`, async () => {
          const p = await newPage(env.browser, { width, height: width > 600 ? 800 : 740 });
          try {
            await p.page.emulateMedia({ colorScheme: scheme });
            await go(p.page);
            // Let fonts and layout settle before measuring and capturing.
            await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
            const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            await p.page.screenshot({ path: screenshotPath(`${name}-${width}${scheme === 'dark' ? '-dark' : ''}`), fullPage: true });
            assert.equal(overflow, 0, 'no horizontal scrolling');
            assert.deepEqual(p.problems, [], 'no console errors or warnings and no page errors');
          } finally {
            await p.context.close();
          }
        });
      }
    }
  });
}
