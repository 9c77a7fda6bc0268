// Hints and honest progress in the browser: hints reveal the worked steps one
// at a time and never the last; a right answer after the solution was opened
// is practised with help, not solved; checking the same answer again is not
// another attempt; progress survives export and import into a fresh context
// and two tabs writing at once; a full storage quota is shown to the learner.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { answer, appReady, axeViolations, deriveJson, openExercise, rightAnswers, setup, watch, withNewPage, wrongAnswers } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });
const withPage = (fn, viewport) => withNewPage(env.browser, fn, viewport);

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('derive.progress')));
const show = (id, variant) => deriveJson('exercise', 'show', id, '--variant', String(variant));
const catalogue = deriveJson('exercise', 'list');
const chapterNames = [...new Set(catalogue.map((e) => e.chapter))];

// The home page's progress line of the chapter that holds exercise `id`.
async function homeProgress(page, id) {
  const index = chapterNames.indexOf(catalogue.find((e) => e.id === id).chapter);
  const row = page.locator('ol.chapters > li').nth(index).locator('.progress');
  await row.waitFor();
  return { value: Number(await row.locator('progress').getAttribute('value')), text: await row.locator('span').textContent() };
}

describe('hints', () => {
  test('Hint reveals the worked steps one at a time, never the last, and the attempt records how many', () => withPage(async ({ page }) => {
    const id = 'count.conv-macs';
    const variant = 5;
    await openExercise(page, env.url, id, variant);
    const card = page.locator(`[data-exercise="${id}"]`);
    // The worked solution's steps (in the page, hidden until opened).
    const steps = await card.locator('section.solution li').allTextContents();
    assert.ok(steps.length >= 3, `${id} has at least three steps (${steps.length})`);
    const button = card.locator('[data-action="hint"]');
    assert.equal(await card.locator('section.hints').isVisible(), false, 'no hint before asking');
    for (let k = 1; k < steps.length; k++) {
      await button.click();
      assert.deepEqual(await card.locator('section.hints li').allTextContents(), steps.slice(0, k), `after ${k} hints`);
      assert.equal(await button.evaluate((b) => b === document.activeElement), true, 'the focus stays on the button');
    }
    assert.equal((await button.textContent()).trim(), 'No more hints');
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    // aria-disabled: still focusable and pressable (Playwright would wait for "enabled").
    await button.click({ force: true });
    const hints = await card.locator('section.hints li').allTextContents();
    assert.equal(hints.length, steps.length - 1, 'pressing again reveals nothing more');
    assert.ok(!hints.includes(steps.at(-1)), 'the last step is never a hint');
    assert.equal(await card.locator('section.solution').isVisible(), false, 'the solution stays closed');
    assert.match(await card.locator('section.hints').textContent(), /No more hints.*Show solution/);
    assert.equal(await card.locator('section.hints [aria-live="polite"] ol').count(), 1, 'the steps are in a live region');
    const box = await button.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `the button is a 24 px target (${box.width} × ${box.height})`);
    assert.deepEqual(await axeViolations(page), [], 'axe: no violations with hints shown');

    const right = rightAnswers(show(id, variant));
    // Twice the MACs: the engine diagnoses it (FLOPs for MACs), and the log keeps that.
    const wrong = wrongAnswers(show(id, variant));
    const slip = deriveJson('exercise', 'check', id, '--answer', wrong[0], '--variant', String(variant)).diagnosis;
    assert.equal(typeof slip, 'string', 'the CLI diagnoses twice the answer');
    assert.equal(await answer(page, id, wrong), 'incorrect');
    assert.equal(await answer(page, id, right), 'correct');
    const p = await stored(page);
    assert.deepEqual(p.log.map((a) => [a.exercise, a.variant, a.correct, a.hints]),
      [[id, variant, false, steps.length - 1], [id, variant, true, steps.length - 1]]);
    assert.ok(p.log.every((a) => Number.isInteger(a.ms) && a.ms > 0), 'each attempt has its time since the card was shown');
    assert.deepEqual(p.log.map((a) => a.slip), [slip, null], "the wrong answer's diagnosis, as the CLI gives it");
    assert.deepEqual(p.exercises[id].solved, [variant], 'hints alone do not take the solve away');

    // New numbers start again from no hint; Alt+H in the answer field is the button.
    await card.locator('[data-action="new-variant"]').click();
    assert.equal(await card.locator('section.hints li').count(), 0);
    assert.equal((await card.locator('[data-action="hint"]').textContent()).trim(), 'Hint');
    await card.locator('input[name="answer"]').press('Alt+KeyH');
    assert.equal(await card.locator('section.hints li').count(), 1);
  }));

  test('at 375 px, light and dark, the hint button and the revealed steps pass axe', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'llm.kv-cache', 1);
    await page.locator('[data-action="hint"]').click();
    await page.locator('section.hints li').first().waitFor();
    const box = await page.locator('[data-action="hint"]').boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `24 px target at 375 px (${box.width} × ${box.height})`);
    assert.deepEqual(await axeViolations(page), [], 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page), [], 'dark');
  }, { width: 375, height: 800 }));
});

describe('honest progress', () => {
  test('a right answer after the solution was opened is practised with help; the same answer again is not an attempt', () => withPage(async ({ page }) => {
    const id = 'llm.kv-cache';
    await openExercise(page, env.url, id, 3);
    const card = page.locator(`[data-exercise="${id}"]`);
    const wrong = wrongAnswers(show(id, 3));
    assert.equal(await answer(page, id, wrong), 'incorrect');
    assert.equal(await answer(page, id, wrong), 'incorrect');
    assert.match(await card.locator('[data-verdict]').textContent(), /not counted as another attempt/);
    assert.equal((await stored(page)).exercises[id].attempts, 1, 'Enter twice on one answer is one attempt');

    await card.locator('[data-action="solution"]').click();
    assert.equal(await answer(page, id, rightAnswers(show(id, 3))), 'correct');
    assert.match(await card.locator('[data-verdict]').textContent(), /practised with help, not solved/);
    assert.match(await card.locator('.meta').textContent(), /^Practised with help · 2 attempts$/);
    let p = await stored(page);
    assert.deepEqual([p.exercises[id].solved, p.exercises[id].helped, p.exercises[id].attempts], [[], [3], 2]);
    assert.equal(p.log.length, 2);

    // After a reload the solution is still known to have been opened, and
    // the same right answer is still the same answer.
    await page.reload();
    await page.waitForSelector(`[data-exercise="${id}"] input[name="answer"]:enabled`);
    assert.equal(await answer(page, id, rightAnswers(show(id, 3))), 'correct');
    p = await stored(page);
    assert.deepEqual([p.exercises[id].solved, p.exercises[id].attempts, p.log.length], [[], 2, 2]);

    await page.goto(`${env.url}#/`);
    assert.deepEqual(await homeProgress(page, id), { value: 0, text: `0 of ${catalogue.filter((e) => e.chapter === 'llm').length} solved · 1 with help` });

    // Fresh numbers, solution closed: solved.
    await openExercise(page, env.url, id, 4);
    assert.equal(await answer(page, id, rightAnswers(show(id, 4))), 'correct');
    p = await stored(page);
    assert.deepEqual([p.exercises[id].solved, p.exercises[id].helped], [[4], [3]]);
    await page.goto(`${env.url}#/`);
    assert.equal((await homeProgress(page, id)).value, 1);
  }));
});

describe('progress survives', () => {
  test('export, then import into a fresh context, restores the progress; a bad file changes nothing', () => withPage(async ({ page }) => {
    const id = 'quant.levels';
    await openExercise(page, env.url, id, 2);
    assert.equal(await answer(page, id, rightAnswers(show(id, 2))), 'correct');
    const exportButton = page.locator('[data-action="export"]');
    await exportButton.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    assert.match(download.suggestedFilename(), /^derive-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-export-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(exported, await stored(page), 'the file holds the stored progress');

      await withPage(async ({ page: fresh }) => {
        await fresh.goto(`${env.url}#/`);
        await appReady(fresh);
        assert.equal((await homeProgress(fresh, id)).value, 0, 'a fresh context has no progress');
        const picker = fresh.locator('input[data-action="import-file"]');
        await picker.waitFor({ state: 'attached' });
        await picker.setInputFiles({ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('not json at all') });
        await fresh.locator('.backup .said').filter({ hasText: 'not JSON' }).waitFor();
        assert.match(await fresh.locator('.backup .said').textContent(), /^photo\.json: This file is not JSON .* Your progress is unchanged\.$/);
        assert.equal(await fresh.evaluate(() => localStorage.getItem('derive.progress')), null, 'nothing written');

        await picker.setInputFiles(file);
        await fresh.locator('.backup .said').filter({ hasText: 'Imported' }).waitFor();
        assert.deepEqual(await stored(fresh), exported);
        assert.equal((await homeProgress(fresh, id)).value, 1, 'the bar is redrawn in place');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));

  test('two tabs answering at once keep both answers', () => withPage(async ({ page, context }) => {
    const second = await context.newPage();
    const seen = watch(second);
    const [a, b] = ['llm.kv-cache', 'count.conv-macs'];
    await openExercise(page, env.url, a, 0);
    await openExercise(second, env.url, b, 0);
    // Both tabs have loaded their (empty) progress before either writes.
    assert.equal(await answer(page, a, rightAnswers(show(a, 0))), 'correct');
    assert.equal(await answer(second, b, rightAnswers(show(b, 0))), 'correct');
    for (const tab of [page, second]) {
      await tab.waitForFunction(([x, y]) => {
        const p = JSON.parse(localStorage.getItem('derive.progress'));
        return p?.exercises[x]?.solved.length === 1 && p?.exercises[y]?.solved.length === 1;
      }, [a, b]);
    }
    // Each tab's own memory holds both: its home page, drawn without a reload, counts both.
    for (const tab of [page, second]) {
      await tab.evaluate(() => { location.hash = '#/'; });
      assert.equal((await homeProgress(tab, a)).value, 1);
      assert.equal((await homeProgress(tab, b)).value, 1);
    }
    const p = await stored(page);
    assert.deepEqual(p.log.map((x) => x.exercise).sort(), [a, b].sort());
    assert.deepEqual(seen.problems, []);
  }));

  test('a full storage quota is shown to the learner, and the progress is kept for the visit', () => withPage(async ({ page }) => {
    const id = 'llm.kv-cache';
    await openExercise(page, env.url, id, 6);
    await page.locator('[data-action="export"]').waitFor();
    await page.evaluate(() => {
      Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    assert.equal(await answer(page, id, rightAnswers(show(id, 6))), 'correct');
    const notice = page.locator('#save-problem[role="alert"]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /could not be saved: this browser's storage for the site is full/);
    assert.match(await page.locator(`[data-exercise="${id}"] .meta`).textContent(), /^Solved · 1 attempt$/);
    assert.equal(await page.evaluate(() => localStorage.getItem('derive.progress')), null, 'nothing was stored');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await notice.count(), 0);
  }));
});
