// The rest of the app: progress that survives a reload, the calculator, and
// grading with the network gone. No console errors, warnings or page errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answer, appReady, deriveCalc, deriveJson, newPage, openExercise, rightAnswers, setup, wrongAnswers } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function withPage(fn, viewport) {
  const p = await newPage(env.browser, viewport);
  try {
    await fn(p);
    assert.deepEqual(p.problems, [], 'no console errors or warnings and no page errors');
  } finally {
    await p.context.close();
  }
}

// The home page's progress bar of the chapter at `index` (0-based).
async function chapterProgress(page, index) {
  const bar = page.locator('ol.chapters > li').nth(index).locator('progress');
  await bar.waitFor();
  return { value: Number(await bar.getAttribute('value')), max: Number(await bar.getAttribute('max')) };
}

describe('progress', () => {
  test('a solved exercise still counts after a reload, on the home page and its chapter page', () => withPage(async ({ page }) => {
    const catalogue = deriveJson('exercise', 'list');
    const chapters = [...new Set(catalogue.map((e) => e.chapter))];
    const llm = chapters.indexOf('llm');
    const inLlm = catalogue.filter((e) => e.chapter === 'llm').length;

    await page.goto(`${env.url}#/`);
    assert.deepEqual(await chapterProgress(page, llm), { value: 0, max: inLlm }, 'fresh storage: nothing solved');

    const show = deriveJson('exercise', 'show', 'llm.kv-cache', '--variant', '2');
    await openExercise(page, env.url, 'llm.kv-cache', 2);
    assert.equal(await answer(page, 'llm.kv-cache', rightAnswers(show)), 'correct');

    await page.goto(`${env.url}#/`);
    await appReady(page);
    await page.reload();
    assert.deepEqual(await chapterProgress(page, llm), { value: 1, max: inLlm });
    assert.match(await page.locator('ol.chapters > li').nth(llm).locator('.progress span').textContent(), /^1 of \d+ solved$/);
    for (const [i] of chapters.entries()) {
      if (i !== llm) assert.equal((await chapterProgress(page, i)).value, 0, `chapter ${chapters[i]} untouched`);
    }
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('derive.progress')));
    assert.equal(stored.version, 2);
    const { last, ...entry } = stored.exercises['llm.kv-cache'];
    assert.deepEqual(entry, { attempts: 1, solved: [2], helped: [], shown: [] });
    assert.equal(last.variant, 2);
    assert.deepEqual(stored.log.map((a) => [a.exercise, a.variant, a.correct, a.hints]), [['llm.kv-cache', 2, true, 0]]);

    await page.goto(`${env.url}#/chapter/llm`);
    await page.locator('[data-exercise]').first().waitFor();
    assert.equal(await page.locator('main .progress progress').getAttribute('value'), '1');
    assert.match(await page.locator('[data-exercise="llm.kv-cache"] .meta').textContent(), /Solved · 1 attempt/);
  }));

  test('progress stored by the first prototype (version 0) is migrated, not lost', () => withPage(async ({ page }) => {
    await page.goto(`${env.url}#/`);
    await appReady(page);
    await page.evaluate(() => localStorage.setItem('derive.progress',
      JSON.stringify({ 'count.conv-macs': { tries: 3, solved: true, variant: 7 } })));
    await page.waitForLoadState('networkidle'); // the home's later modules arrive first, or the reload aborts them
    await page.reload();
    const count = (await deriveJson('exercise', 'list')).map((e) => e.chapter);
    const index = [...new Set(count)].indexOf('count');
    assert.equal((await chapterProgress(page, index)).value, 1);
  }));

  test('reset asks first, then erases', () => withPage(async ({ page }) => {
    await page.goto(`${env.url}#/`);
    await appReady(page);
    await page.evaluate(() => localStorage.setItem('derive.progress',
      JSON.stringify({ version: 1, exercises: { 'llm.kv-cache': { attempts: 1, solved: [0] } } })));
    // The modules fetched after the first view (today, backup, offline) must
    // arrive before the reload, or the reload aborts them.
    await page.waitForLoadState('networkidle');
    await page.reload();
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.getByRole('button', { name: 'Keep' }).click();
    assert.notEqual(await page.evaluate(() => localStorage.getItem('derive.progress')), null);
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.getByRole('button', { name: 'Erase' }).click();
    assert.equal(await page.evaluate(() => localStorage.getItem('derive.progress')), null);
  }));
});

describe('calculator', () => {
  test('#/calc recomputes the result on every keystroke, with the CLI number', () => withPage(async ({ page }) => {
    await page.goto(`${env.url}#/calc?f=kv_cache_bytes`);
    const form = page.locator('.calc section.card').first();
    const result = form.locator('output.result');
    await result.waitFor();
    const params = form.locator('.params input[type="text"]');
    assert.equal(await params.count(), 6, 'kv_cache_bytes(layers, kv_heads, head_dim, tokens, batch=1, bytes_per_value=2)');
    assert.match(await result.textContent(), /^Fill in layers, kv_heads, head_dim, tokens/, 'required fields are named');

    // Type the required fields key by key; the result appears with the last keystroke.
    for (const [i, text] of ['32', '8', '128', '4096'].entries()) {
      await params.nth(i).click();
      await page.keyboard.type(text);
    }
    const call = 'kv_cache_bytes(layers=32, kv_heads=8, head_dim=128, tokens=4096, batch=1, bytes_per_value=2)';
    assert.equal(await form.locator('code.expression').textContent(), call);
    assert.equal(await result.textContent(), deriveCalc(call), 'the page shows the CLI result for the same call');
    const first = await result.textContent();

    // One more keystroke (tokens 4096 -> 40960): the result follows at once.
    await params.nth(3).press('End');
    await page.keyboard.type('0');
    const tenfold = await result.textContent();
    assert.notEqual(tenfold, first);
    assert.equal(tenfold, deriveCalc(call.replace('tokens=4096', 'tokens=40960')));

    // A bad value: the engine's message inline, marked as an error; then it recovers.
    await params.nth(3).fill('abc');
    assert.equal(await result.evaluate((el) => el.classList.contains('error')), true);
    assert.ok((await result.textContent()).length > 0);
    await params.nth(3).fill('4096');
    assert.equal(await result.textContent(), first);
    assert.equal(await result.evaluate((el) => el.classList.contains('error')), false);
    // Digit grouping, as people type it, is one number.
    for (const grouped of ['4,096', '4 096']) {
      await params.nth(3).fill(grouped);
      assert.equal(await result.textContent(), first, grouped);
    }

    // The free expression field.
    const free = page.locator('.calc section.card').nth(1);
    await free.locator('input').pressSequentially('2*21');
    assert.equal(await free.locator('output').textContent(), deriveCalc('2*21'));
  }));

  test('choosing another function rewrites ?f= and the fields', () => withPage(async ({ page }) => {
    await page.goto(`${env.url}#/calc`);
    const select = page.locator('.calc select');
    await select.waitFor();
    await select.selectOption('conv2d_macs');
    await page.waitForFunction(() => location.hash === '#/calc?f=conv2d_macs');
    assert.match(await page.locator('.calc code.expression').textContent(), /^conv2d_macs\(/);
  }));
});

describe('long input', () => {
  // Every text field stops at 1,024 characters, which always fit the engine's
  // 4 KiB per text; a 1.4 MB paste is cut there, answered, and the next check
  // works (it used to overflow the wasm stack and break every later call).
  test('every text field has a maxlength, and a huge paste breaks nothing', () => withPage(async ({ page }) => {
    const huge = '9'.repeat(1_400_000);
    await openExercise(page, env.url, 'llm.kv-cache', 0);
    const field = page.locator('[data-exercise="llm.kv-cache"] input[name="answer"]');
    assert.equal(await field.getAttribute('maxlength'), '1024');
    await field.fill(huge);
    assert.equal((await field.inputValue()).length, 1024);
    await field.press('Enter');
    const verdict = page.locator('[data-exercise="llm.kv-cache"] [data-verdict]');
    await page.waitForFunction(() => document.querySelector('[data-verdict]')?.dataset.verdict === 'unreadable');
    assert.match(await verdict.textContent(), /too long/);
    const show = deriveJson('exercise', 'show', 'llm.kv-cache');
    assert.equal(await answer(page, 'llm.kv-cache', rightAnswers(show)), 'correct');

    await page.goto(`${env.url}#/calc?f=kv_cache_bytes`);
    await page.locator('.calc output.result').first().waitFor();
    for (const input of await page.locator('.calc input[type="text"]').all()) {
      assert.equal(await input.getAttribute('maxlength'), '1024');
    }
    const free = page.locator('.calc section.card').nth(1);
    await free.locator('input').fill(huge);
    await free.locator('input').fill('2*21');
    assert.equal(await free.locator('output').textContent(), deriveCalc('2*21'));
  }));
});

describe('grading without the network', () => {
  test('requests to anything but the site are blocked, and grading still works', () => withPage(async ({ page, context }) => {
    const origin = new URL(env.url).origin;
    const blocked = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      const staticFile = url.startsWith(`${origin}/`) && route.request().method() === 'GET';
      if (staticFile) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const show = deriveJson('exercise', 'show', 'quant.quantize', '--variant', '9');
    await openExercise(page, env.url, 'quant.quantize', 9);
    assert.equal(await answer(page, 'quant.quantize', rightAnswers(show)), 'correct');
    assert.deepEqual(blocked, [], 'the app asked for nothing outside its own static files');
  }));

  test('offline after the load: right and wrong answers, new numbers, solution, calculator', () => withPage(async ({ page, context, requests }) => {
    await openExercise(page, env.url, 'count.conv-macs', 0);
    // Load the lazily imported calculator module first: going offline is
    // about grading, not about fetching modules the visitor never opened.
    await page.goto(`${env.url}#/calc`);
    await page.locator('.calc output.result').first().waitFor();
    await page.goto(`${env.url}#/ex/count.conv-macs?v=0`);
    await page.locator('[data-exercise="count.conv-macs"] input[name="answer"]').waitFor();
    await context.setOffline(true);
    const from = requests.length;
    for (const v of [0, 1, 2]) {
      const show = deriveJson('exercise', 'show', 'count.conv-macs', '--variant', String(v));
      assert.equal(await page.locator('.variant').textContent(), `variant ${v}`);
      assert.equal(await answer(page, 'count.conv-macs', [String(2 * show.answer.value)]), 'incorrect');
      assert.equal(await answer(page, 'count.conv-macs', rightAnswers(show)), 'correct');
      await page.locator('[data-action="solution"]').click();
      await page.locator('section.solution').waitFor({ state: 'visible' });
      await page.locator('[data-action="new-variant"]').click();
    }
    await page.evaluate(() => { location.hash = '#/calc?f=conv2d_macs'; });
    await page.locator('.calc output.result').first().waitFor();
    assert.ok((await page.locator('.calc output.result').first().textContent()).length > 0);
    assert.deepEqual(requests.slice(from), [], 'nothing was requested while offline');
    await context.setOffline(false);
  }));
});

describe('addresses and verdicts', () => {
  // What the app writes it must read back, and what it cannot read it must say.
  test('a variant the address cannot give is variant 0 with a notice and a corrected address', () => withPage(async ({ page }) => {
    for (const bad of ['-3', 'abc', '1.5', '9007199254740992', '99999999999999999999']) {
      await page.goto(`${env.url}#/ex/count.conv-macs?v=${bad}`);
      await page.waitForSelector('[data-exercise="count.conv-macs"] input[name="answer"]');
      assert.equal(await page.locator('.variant').textContent(), 'variant 0', bad);
      assert.match(await page.locator('main .notice').textContent(), /variant/, `a notice for ?v=${bad}`);
      assert.equal(await page.evaluate(() => location.hash), '#/ex/count.conv-macs?v=0', `the address is corrected for ${bad}`);
    }
    // Every variant the app can write loads back as itself: 16 digits and the last one.
    for (const good of ['1234567890123456', '9007199254740991']) {
      await page.goto(`${env.url}#/ex/count.conv-macs?v=${good}`);
      await page.waitForSelector('[data-exercise="count.conv-macs"] input[name="answer"]');
      assert.equal(await page.locator('.variant').textContent(), `variant ${good}`);
      assert.equal(await page.locator('main .notice').count(), 0);
      assert.equal(await page.evaluate(() => [...document.querySelector('main').childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).length), 0,
        'no stray text (a "null" where the notice would be) in the page');
    }
    // New numbers after the last variant wraps to 0 instead of writing one it cannot read.
    await page.locator('[data-action="new-variant"]').click();
    await page.waitForFunction(() => location.hash.endsWith('?v=0'));
  }));

  test('a right answer offers Next, with the focus; the last exercise of a chapter leads to the next chapter', () => withPage(async ({ page }) => {
    const catalogue = deriveJson('exercise', 'list');
    const [first, second] = catalogue;
    await openExercise(page, env.url, first.id, 0);
    assert.equal(await answer(page, first.id, rightAnswers(deriveJson('exercise', 'show', first.id))), 'correct');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), `#/ex/${second.id}`);
    const chapters = [...new Set(catalogue.map((e) => e.chapter))];
    const last = catalogue.filter((e) => e.chapter === chapters[0]).at(-1);
    await openExercise(page, env.url, last.id, 0);
    assert.equal(await answer(page, last.id, rightAnswers(deriveJson('exercise', 'show', last.id))), 'correct');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), `#/chapter/${chapters[1]}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => location.hash === `#/chapter/${name}`, chapters[1]);
  }));

  test('the verdict stripe takes the verdict colour, not the text colour', () => withPage(async ({ page }) => {
    const show = deriveJson('exercise', 'show', 'count.conv-macs', '--variant', '0');
    await openExercise(page, env.url, 'count.conv-macs', 0);
    const stripe = () => page.locator('.verdict').evaluate((el) => [getComputedStyle(el).borderLeftColor, getComputedStyle(el).color,
      getComputedStyle(el.querySelector('.word')).color]);
    for (const [answers, verdict] of [[rightAnswers(show), 'correct'], [wrongAnswers(show), 'incorrect'], [['what'], 'unreadable']]) {
      assert.equal(await answer(page, 'count.conv-macs', answers), verdict);
      const [border, text, word] = await stripe();
      assert.notEqual(border, text, `${verdict}: the stripe is not the text colour`);
      assert.equal(border, word, `${verdict}: the stripe has the verdict word's colour`);
    }
  }));
});
