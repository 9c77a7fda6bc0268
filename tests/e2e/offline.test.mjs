// The service worker (web/sw.js, web/modules/offline.js): after one visit the
// whole trainer works with the server gone (the Analyze, Models and Author
// pages with their own wasm modules too, and the iframe embed's page), and a
// new version is offered, never swapped in under a learner.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  answer, appReady, deriveJson, launchBrowser, newPage, openExercise, repo, rightAnswers, startServer, wrongAnswers,
} from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// Waits until a service worker controls the page (it claims it on
// activation); fails after 15 s.
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 })
    .catch(() => { throw new Error('no service worker controls the page 15 s after its load'); });
}

// The fingerprint folder the page's app.js came from ("assets/<hash>/").
const assetFolder = (page) => page.evaluate(() => document.querySelector('script[type=module]').getAttribute('src').replace(/app\.js$/, ''));

test('after one visit every view works with the server gone', async () => {
  const server = await startServer();
  const p = await newPage(browser, { serviceWorkers: 'allow' });
  try {
    await p.page.goto(`${server.url}#/`);
    await appReady(p.page);
    await controlled(p.page);
    await server.stop();
    await p.context.setOffline(true);

    await p.page.reload();
    await appReady(p.page);
    assert.equal(await p.page.locator('ol.chapters > li').count(), 10, 'the home page lists the chapters');
    // The version's assets came from its cache by the worker's static route
    // (web/sw.js), which the browser follows without running the worker's
    // fetch handler; the resource timing names the source.
    const sources = await p.page.evaluate(() => performance.getEntriesByType('resource')
      .filter((r) => new URL(r.name).pathname.includes('/assets/')).map((r) => r.workerMatchedSourceType));
    assert.ok(sources.length >= 5, `the home page's assets are timed (${sources.length})`);
    assert.deepEqual([...new Set(sources)], ['cache'], 'every asset was routed to the cache');

    const catalogue = deriveJson('exercise', 'list');
    await p.page.goto(`${server.url}#/chapter/${catalogue[0].chapter}`);
    await p.page.locator(`[data-exercise="${catalogue[0].id}"]`).waitFor();

    // An exercise with a picture (its module loads on demand), right and wrong.
    const id = 'quant.zero-point';
    const show = deriveJson('exercise', 'show', id, '--variant', '4');
    await openExercise(p.page, server.url, id, 4);
    assert.equal(await answer(p.page, id, wrongAnswers(show)), 'incorrect');
    assert.equal(await answer(p.page, id, rightAnswers(show)), 'correct');
    await p.page.locator('[data-action=solution]').click();
    assert.ok(await p.page.locator('.solution ol li').count() > 0, 'the worked solution is shown');
    await p.page.locator('[data-action=new-variant]').click();
    await p.page.waitForFunction(() => location.hash.endsWith('?v=5'));

    // The calculator's module was never fetched before going offline.
    await p.page.goto(`${server.url}#/calc`);
    await p.page.waitForSelector('main h1:text("Calculator")');

    // Nor were the Review, session, Progress and Drill pages' modules; a
    // review answered offline is rated and recorded.
    await p.page.goto(`${server.url}#/review`);
    await p.page.waitForSelector('section[aria-labelledby="due-heading"]');
    await p.page.goto(`${server.url}#/review/session`);
    const session = p.page.locator('main [data-exercise]');
    await session.locator('input[name="answer"]').first().waitFor();
    const sessionId = await session.getAttribute('data-exercise');
    const sessionVariant = Number((await session.locator('.variant').textContent()).replace(/\D/g, ''));
    assert.equal(await answer(p.page, sessionId, rightAnswers(deriveJson('exercise', 'show', sessionId, '--variant', String(sessionVariant)))), 'correct');
    await p.page.waitForSelector('.rated[data-rating]');
    await p.page.goto(`${server.url}#/progress`);
    await p.page.waitForSelector('.mastery-grid');
    await p.page.goto(`${server.url}#/drill`);
    await p.page.locator('[data-action="start"]').click();
    await p.page.waitForSelector('.drill-question input[name="answer"]');

    // Nor were the Analyze page and the analyzer's own wasm module: the worker
    // stored them, and a model file is analysed offline.
    await p.page.goto(`${server.url}#/analyze`);
    await p.page.waitForSelector('#model-file');
    const file = 'hello_world_int8.tflite';
    const models = path.resolve(repo, '..', 'shared', 'models');
    const real = fs.existsSync(path.join(models, file));
    const buffer = real ? fs.readFileSync(path.join(models, file)) : Buffer.from('not a model');
    await p.page.setInputFiles('#model-file', { name: file, mimeType: 'application/octet-stream', buffer });
    // Without ../shared/models a stand-in is refused, which still shows the module ran offline.
    await p.page.waitForSelector(real ? '.analysis table' : '.status.error');

    // Nor were the Models page and the LLM analysis's wasm module: a known
    // model is analysed offline, with the CLI's count.
    await p.page.goto(`${server.url}#/models`);
    await p.page.waitForSelector('.models section[aria-label="Parameters"] h2');
    const llama = deriveJson('analyze', '--model', 'llama-3-8b');
    assert.equal(await p.page.locator('.models section[aria-label="Parameters"] h2').innerText(),
      `${llama.model}: ${llama.parameters.total.toLocaleString('en-US')} parameters`);

    // Nor were the Author page and its wasm module: the template it starts
    // from is linted and previewed offline.
    await p.page.goto(`${server.url}#/author`);
    await p.page.waitForSelector('.lint-report [role="status"] p.ok');
    assert.equal(await p.page.locator('.author-preview article[data-exercise] input[name="answer"]').count(), 1);

    // The iframe embed's page is in the worker's list too: an embedded exercise works offline.
    await p.page.goto(`${server.url}embed.html#${id}?v=4`);
    await p.page.locator(`derive-exercise [data-exercise="${id}"] input[name="answer"]`).waitFor();
    assert.deepEqual(p.problems, [], 'no console errors, failed requests or page errors');
  } finally {
    await p.context.close();
    await server.stop();
  }
});

test('a new version is offered with a reload button and never replaces the page by itself', async () => {
  // Version 2 is web/ with one statement more in app.js (whitespace alone
  // would be minified away): a new fingerprint.
  const web2 = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-web2-'));
  fs.cpSync(path.join(repo, 'web'), web2, { recursive: true });
  fs.appendFileSync(path.join(web2, 'app.js'), '\nglobalThis.deriveTestVersion = 2;\n');
  const first = await startServer();
  const port = new URL(first.url).port;
  const p = await newPage(browser, { serviceWorkers: 'allow' });
  let second;
  try {
    await openExercise(p.page, first.url, 'count.conv-macs', 0);
    await controlled(p.page);
    const oldFolder = await assetFolder(p.page);
    await first.stop();
    second = await startServer({ port: Number(port), web: web2 });

    // Mid-answer when the update arrives.
    const field = p.page.locator('input[name=answer]').first();
    await field.fill('14.4');
    await p.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const notice = p.page.locator('#update');
    await notice.waitFor();
    assert.match(await notice.innerText(), /new version/i);
    assert.equal(await field.inputValue(), '14.4', 'the typed answer is still there');
    assert.equal(await assetFolder(p.page), oldFolder, 'the page still runs the version it loaded');

    await Promise.all([p.page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload' }).click()]);
    await appReady(p.page);
    assert.notEqual(await assetFolder(p.page), oldFolder, 'after Reload the new version runs');
    assert.equal(await p.page.locator('#update').count(), 0, 'and the notice is gone');
    assert.deepEqual(p.problems, [], 'no console errors, failed requests or page errors');
  } finally {
    await p.context.close();
    await first.stop();
    await second?.stop();
    fs.rmSync(web2, { recursive: true, force: true });
  }
});
