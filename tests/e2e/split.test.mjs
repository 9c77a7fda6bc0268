// The engine in two parts (scripts/split-wasm.mjs): the home, chapter and
// exercise pages, a real variant's card among them, run on derive.wasm alone
// and never fetch derive.deferred.wasm; answering fetches it once, before
// grading, with no placeholder ever reached; a view that needs it at once
// (the calculator) loads it before drawing; and should the asynchronous fetch
// fail, a call that needs the part still gets it, synchronously.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answer, appReady, deriveCalc, deriveJson, newPage, openExercise, rightAnswers, setup, withNewPage } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const DEFERRED = /\/derive\.deferred\.wasm$/;
const deferredRequests = (requests) => requests.filter((url) => DEFERRED.test(new URL(url).pathname)).length;
const attached = (page) => page.evaluate(() => globalThis.deriveDeferred?.instance !== undefined);

for (const route of ['#/', '#/chapter/count', '#/ex/count.conv-macs', '#/ex/real.decode-bound?real=llama-3-8b-h100']) {
  test(`the first view of ${route} runs on derive.wasm alone`, async () => {
    await withNewPage(env.browser, async ({ page, requests }) => {
      await page.goto(env.url + route);
      await appReady(page);
      if (route.startsWith('#/ex/')) await page.waitForSelector('input[name="answer"]:enabled');
      await page.waitForLoadState('networkidle');
      assert.equal(deferredRequests(requests), 0, 'derive.deferred.wasm was fetched');
      assert.equal(await attached(page), false);
    });
  });
}

// Past the variants the profile ran (0..63), every chapter page, every
// exercise's card and every real variant's still need no deferred function.
test('every chapter, exercise card (at variant 100) and real variant runs on derive.wasm alone', async () => {
  const exercises = deriveJson('exercise', 'list', '--json');
  const reals = exercises.flatMap((e) => e.real.map(({ name }) => ({ id: e.id, name })));
  await withNewPage(env.browser, async ({ page, requests }) => {
    await page.goto(env.url);
    await appReady(page);
    const visit = async (hash, id) => {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForSelector(id ? `[data-exercise="${id}"] input[name="answer"]:enabled` : 'main h1');
    };
    for (const chapter of new Set(exercises.map((e) => e.chapter))) await visit(`#/chapter/${chapter}`);
    for (const { id } of exercises) await visit(`#/ex/${id}?v=100`, id);
    for (const { id, name } of reals) await visit(`#/ex/${id}?real=${encodeURIComponent(name)}`, id);
    await page.waitForLoadState('networkidle');
    assert.equal(deferredRequests(requests), 0, 'derive.deferred.wasm was fetched');
    assert.equal(await attached(page), false);
  });
});

test('answering fetches the deferred part once, before grading, and reaches no placeholder', async () => {
  const id = 'count.conv-macs';
  await withNewPage(env.browser, async ({ page, requests }) => {
    await openExercise(page, env.url, id, 4);
    const show = deriveJson('exercise', 'show', id, '--variant', '4', '--json');
    assert.equal(await answer(page, id, rightAnswers(show)), 'correct');
    assert.equal(await answer(page, id, ['1']), 'incorrect');
    assert.equal(deferredRequests(requests), 1);
    assert.equal(await attached(page), true);
    // (withNewPage fails on the loader's "placeholder function called" warning.)
  });
});

test('the calculator as the first view loads the deferred part before it draws', async () => {
  await withNewPage(env.browser, async ({ page, requests }) => {
    await page.goto(`${env.url}#/calc?f=kv_cache_bytes`);
    const form = page.locator('.calc section.card').first();
    await form.locator('output.result').waitFor();
    const params = form.locator('.params input[type="text"]');
    for (const [i, text] of ['32', '8', '128', '4096'].entries()) await params.nth(i).fill(text);
    const call = 'kv_cache_bytes(layers=32, kv_heads=8, head_dim=128, tokens=4096, batch=1, bytes_per_value=2)';
    await page.waitForFunction((text) => document.querySelector('.calc output.result')?.textContent === text, deriveCalc(call));
    assert.equal(deferredRequests(requests), 1);
  });
});

test('when the asynchronous fetch fails, grading fetches the deferred part synchronously', async () => {
  const id = 'count.conv-macs';
  const { context, page, problems, requests } = await newPage(env.browser);
  try {
    let refused = 0;
    await page.route(DEFERRED, (route) => (refused++ === 0 ? route.abort() : route.continue()));
    await openExercise(page, env.url, id, 2);
    const show = deriveJson('exercise', 'show', id, '--variant', '2', '--json');
    assert.equal(await answer(page, id, rightAnswers(show)), 'correct');
    assert.equal(deferredRequests(requests), 2, 'one refused asynchronous fetch, one synchronous');
    assert.equal(await attached(page), true);
    // What the page said: the refused request, and the loader's notes of the synchronous fetch.
    const unexpected = problems.filter((p) => !/derive\.deferred\.wasm|Failed to load resource: net::ERR_FAILED|placeholder function called|instantiated deferred module|Synchronous XMLHttpRequest/.test(p));
    assert.deepEqual(unexpected, []);
  } finally {
    await context.close();
  }
});
