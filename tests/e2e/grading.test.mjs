// One exercise at a time, by its deep link: right and wrong answers, a
// multi-part and the symbolic question, new numbers, and Enter in a multi-part
// card. Every page must stay free of console errors, warnings and page errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answer, deriveJson, newPage, openExercise, promptText, rightAnswers, setup, wrongAnswers } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// A fresh page per test; its problems are asserted empty at the end.
async function withPage(fn, viewport) {
  const p = await newPage(env.browser, viewport);
  try {
    await fn(p);
    assert.deepEqual(p.problems, [], 'no console errors or warnings and no page errors');
  } finally {
    await p.context.close();
  }
}

describe('llm.kv-cache by deep link', () => {
  const show = deriveJson('exercise', 'show', 'llm.kv-cache', '--variant', '0');

  test('shows the same prompt as the CLI, focuses the answer field', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'llm.kv-cache', 0);
    assert.equal(await promptText(page.locator('[data-exercise="llm.kv-cache"]')), show.prompt);
    assert.equal(await page.locator('.variant').textContent(), 'variant 0');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'answer');
  }));

  test('the right answer, typed and Enter: correct', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'llm.kv-cache', 0);
    // Typed key by key into the focused field, as a person would.
    await page.keyboard.type(rightAnswers(show)[0]);
    await page.keyboard.press('Enter');
    const verdict = page.locator('[data-exercise="llm.kv-cache"] [data-verdict]');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'correct');
    assert.equal(await verdict.getAttribute('aria-live'), 'polite');
    assert.match(await verdict.textContent(), /Correct/);
    assert.match(await page.locator('.meta').textContent(), /Solved · 1 attempt/);
  }));

  test('twice the value: incorrect, with a diagnosis', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'llm.kv-cache', 0);
    const wrong = wrongAnswers(show);
    assert.equal(await answer(page, 'llm.kv-cache', wrong), 'incorrect');
    const check = deriveJson('exercise', 'check', 'llm.kv-cache', '--variant', '0', '--answer', wrong[0]);
    const diagnosis = page.locator('[data-exercise="llm.kv-cache"] [data-verdict] .diagnosis');
    assert.ok(check.diagnosis, 'the CLI names the slip');
    assert.equal(await diagnosis.textContent(), check.diagnosis, 'the page shows the CLI diagnosis');
    assert.ok(await diagnosis.isVisible());
    // A second check replaces the verdict in place: still one verdict element.
    assert.equal(await answer(page, 'llm.kv-cache', rightAnswers(show)), 'correct');
    assert.equal(await page.locator('[data-exercise="llm.kv-cache"] [data-verdict]').count(), 1);
  }));

  test('an unreadable answer is reported and not counted', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'llm.kv-cache', 0);
    assert.equal(await answer(page, 'llm.kv-cache', ['banana']), 'unreadable');
    assert.equal((await page.locator('.meta').textContent()).trim(), '');
  }));
});

describe('combo.stacking: two parts', () => {
  const show = deriveJson('exercise', 'show', 'combo.stacking', '--variant', '0');

  test('two answer fields; Enter in the first moves to the second; both right: correct', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'combo.stacking', 0);
    const inputs = page.locator('[data-exercise="combo.stacking"] input[name="answer"]');
    assert.equal(await inputs.count(), 2);
    const [a, b] = rightAnswers(show);
    await page.keyboard.type(a);
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('[data-exercise="combo.stacking"] [data-verdict]').count(), 0, 'no check yet');
    assert.equal(await inputs.nth(1).evaluate((el) => el === document.activeElement), true, 'focus moved to part 2');
    await page.keyboard.type(b);
    await page.keyboard.press('Enter');
    const verdict = page.locator('[data-exercise="combo.stacking"] [data-verdict]');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'correct');
  }));

  test('one part wrong: incorrect', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'combo.stacking', 0);
    const [a] = rightAnswers(show);
    const [, wrongB] = wrongAnswers(show);
    assert.equal(await answer(page, 'combo.stacking', [a, wrongB]), 'incorrect');
  }));
});

describe('kd.infinite-temperature: a symbolic answer', () => {
  test('one field; "1/C" correct, "C" incorrect, "1/(C)" correct', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'kd.infinite-temperature', 0);
    assert.equal(await page.locator('[data-exercise="kd.infinite-temperature"] input[name="answer"]').count(), 1);
    assert.equal(await answer(page, 'kd.infinite-temperature', ['C']), 'incorrect');
    assert.equal(await answer(page, 'kd.infinite-temperature', ['1/C']), 'correct');
    assert.equal(await answer(page, 'kd.infinite-temperature', ['1/(C)']), 'correct');
  }));
});

describe('new numbers', () => {
  test('the button draws the next variant: new prompt, ?v= and "variant" label', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'count.conv-macs', 4);
    const card = page.locator('[data-exercise="count.conv-macs"]');
    const prompt = await promptText(card);
    await card.locator('[data-action="new-variant"]').click();
    await page.waitForFunction(() => location.hash.endsWith('?v=5'));
    const next = deriveJson('exercise', 'show', 'count.conv-macs', '--variant', '5');
    assert.notEqual(await promptText(card), prompt);
    assert.equal(await promptText(card), next.prompt);
    assert.equal(await card.locator('.variant').textContent(), 'variant 5');
    // The new numbers grade against the new variant.
    assert.equal(await answer(page, 'count.conv-macs', rightAnswers(next)), 'correct');
  }));

  test('the N key (outside a field) and Alt+N (inside one) do the same', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'quant.levels', 0);
    await page.keyboard.press('Alt+n');
    await page.waitForFunction(() => location.hash.endsWith('?v=1'));
    await page.locator('h1').first().click(); // focus leaves the text field
    await page.keyboard.press('n');
    await page.waitForFunction(() => location.hash.endsWith('?v=2'));
    assert.equal(await page.locator('.variant').textContent(), 'variant 2');
  }));

  test('a deep link to a variant shows exactly those numbers', () => withPage(async ({ page }) => {
    const show = deriveJson('exercise', 'show', 'llm.kv-cache', '--variant', '17');
    await openExercise(page, env.url, 'llm.kv-cache', 17);
    assert.equal(await promptText(page.locator('[data-exercise="llm.kv-cache"]')), show.prompt);
  }));
});

describe('solution', () => {
  test('the solution button opens the CLI worked steps and reveals the picture labels', () => withPage(async ({ page }) => {
    await openExercise(page, env.url, 'measure.ridge-point', 0);
    const card = page.locator('[data-exercise="measure.ridge-point"]');
    const button = card.locator('[data-action="solution"]');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await card.locator('section.solution').isVisible(), false);
    assert.equal(await card.locator('svg.plot .answer').first().isVisible(), false, 'answer label hidden');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.equal(await card.locator('section.solution').isVisible(), true);
    const show = deriveJson('exercise', 'show', 'measure.ridge-point', '--variant', '0');
    assert.equal(await card.locator('section.solution li').first().textContent(), show.explanation.split('\n')[0]);
    assert.equal(await card.locator('svg.plot .answer').first().isVisible(), true, 'answer label revealed');
  }));
});
