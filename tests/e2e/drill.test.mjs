// The drill (#/drill, web/modules/drill.js): a timed round of fresh variants
// from the chapters ticked, no hints or solution, each answer's time in the
// log marked as a drill answer, and the median and best per exercise after
// the round, computed here from the log the page wrote.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deriveJson, rightAnswers, setup, withNewPage, wrongAnswers } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const catalogue = deriveJson('exercise', 'list');
const show = (id, variant) => deriveJson('exercise', 'show', id, '--variant', String(variant));

// Answers the drill's question on the screen; returns its id and variant.
async function answerQuestion(page, right) {
  const card = page.locator('.drill-question');
  await card.locator('input[name="answer"]').first().waitFor();
  const id = await card.getAttribute('data-exercise');
  const variant = Number((await card.locator('.variant').textContent()).match(/variant (\d+)/)[1]);
  const answers = (right ? rightAnswers : wrongAnswers)(show(id, variant));
  const inputs = card.locator('input[name="answer"]');
  for (let i = 0; i < answers.length; i++) await inputs.nth(i).fill(answers[i]);
  await inputs.last().press('Enter');
  await card.locator(`[data-verdict="${right ? 'correct' : 'incorrect'}"]`).waitFor();
  return { id, variant };
}

test('a drill round from the chosen chapters records each answer\'s time and shows median and best', () => withNewPage(env.browser, async ({ page }) => {
  await page.goto(`${env.url}#/drill`);
  await page.waitForSelector('form.drill-setup');
  // Only the LLM chapter: untick the others.
  for (const box of await page.locator('input[name="chapter"]').all()) await box.setChecked((await box.getAttribute('value')) === 'llm');
  await page.locator('select[name="size"]').selectOption('5');
  await page.locator('[data-action="start"]').click();

  const llm = catalogue.filter((e) => e.chapter === 'llm').map((e) => e.id);
  const asked = [];
  for (let i = 0; i < 5; i++) {
    const card = page.locator('.drill-question');
    await card.waitFor();
    assert.equal(await card.locator('[data-action="hint"], [data-action="solution"]').count(), 0, 'no hints, no solution');
    const q = await answerQuestion(page, i !== 2);
    asked.push(q);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'next', 'the button that leads on has the focus');
    await page.keyboard.press('Enter');
  }
  assert.deepEqual(asked.map((q) => q.id).sort(), [...llm].sort(), 'five different exercises of the chapter');
  assert.ok(asked.every((q) => q.variant === 0), 'never tried before: each starts at variant 0');

  const log = await page.evaluate(() => JSON.parse(localStorage.getItem('derive.progress')).log);
  assert.equal(log.length, 5);
  assert.ok(log.every((a) => a.drill === true && a.hints === 0 && a.ms > 0), 'each answer is a drill answer with its time');
  assert.deepEqual(log.map((a) => a.correct), [true, true, false, true, true]);

  // The results: one row per question; median and best of the right drill answers in the log.
  const rows = page.locator('.drill-results tbody tr');
  assert.equal(await rows.count(), 5);
  for (const a of log) {
    const cells = await page.locator(`.drill-results tr[data-exercise="${a.exercise}"] td`).allTextContents();
    const s = `${(a.ms / 1000).toFixed(1)} s`;
    assert.equal(cells[0], a.correct ? s : `${s} (wrong)`);
    assert.deepEqual(cells.slice(1), a.correct ? [s, s, '1'] : ['–', '–', '0'], `${a.exercise}: one answer so far`);
  }

  // A second round: fresh variants, and the median over both rounds.
  await page.locator('[data-action="again"]').click();
  await page.locator('[data-action="start"]').click();
  const second = [];
  for (let i = 0; i < 5; i++) {
    second.push(await answerQuestion(page, true));
    await page.keyboard.press('Enter');
  }
  assert.ok(second.every((q) => q.variant === 1), 'each exercise at its next variant');
  const all = await page.evaluate(() => JSON.parse(localStorage.getItem('derive.progress')).log);
  for (const id of llm) {
    const times = all.filter((a) => a.exercise === id && a.correct).map((a) => a.ms / 1000).sort((x, y) => x - y);
    const median = times.length === 2 ? (times[0] + times[1]) / 2 : times[0];
    const cells = await page.locator(`.drill-results tr[data-exercise="${id}"] td`).allTextContents();
    assert.deepEqual(cells.slice(1), [`${median.toFixed(1)} s`, `${times[0].toFixed(1)} s`, String(times.length)], id);
  }
}));
