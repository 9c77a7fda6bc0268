// The first view's critical path (issue 9: ready in 200 ms): on a cold load of
// an exercise page at variant 0, everything fetched before its first answer
// field is enabled is what that card needs (the shell, the engine's loader,
// the four modules the card is drawn with, the catalogue's index, the
// exercise's chapter and its card as the engine wrote it at staging, from
// which the page is drawn before the engine is in: web/app.js's
// earlyExercisePage). derive.wasm itself is requested once the card is drawn
// (web/boot.js starts it at once for every other view). The page's other
// parts come after: the "Real numbers:" line (modules/real-links.js),
// the Embed button (modules/embed-panel.js), export/import (modules/backup.js)
// and the service worker's registration (modules/offline.js); the embed
// snippets' module only when the Embed panel is opened.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { answer, deriveJson, promptText, rightAnswers, setup, withNewPage } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// An exercise with real variants, so that its page has a "Real numbers:" line.
const ID = 'count.conv-macs';

// Installed before any page script: the time (performance.now) at which the
// card's first answer field is present and enabled, as bench/web/benchmark.mjs
// measures "ready".
function readyProbe() {
  const observer = new MutationObserver(() => {
    const input = document.querySelector('[data-exercise] input[name="answer"]');
    if (!input || input.disabled) return;
    observer.disconnect();
    window.__ready = performance.now();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

// The site-relative paths of the files the page fetched, each with whether
// its request started before "ready" (resource timing's startTime is on the
// same clock).
const fetched = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((r) => ({
  file: new URL(r.name).pathname.replace(/^\/assets\/[^/]+\//, ''), early: r.startTime < window.__ready,
})));

test('a cold exercise page fetches only what its card needs before it is ready; the rest follows', () => withNewPage(env.browser, async ({ page }) => {
  const chapter = deriveJson('exercise', 'show', ID).chapter;
  await page.addInitScript(readyProbe);
  await page.goto(`${env.url}#/ex/${ID}`);
  await page.waitForFunction(() => window.__ready !== undefined);
  // The parts drawn after the card: the real variants' links and the Embed button.
  await page.locator('.real-numbers a').first().waitFor();
  const embed = page.locator('button[data-action="embed"]');
  await embed.waitFor();
  await page.locator('.backup button[data-action="export"]').waitFor();
  await page.waitForLoadState('networkidle');

  const before = await fetched(page);
  const early = before.filter((f) => f.early).map((f) => f.file).sort();
  assert.deepEqual(early, ['app.js', 'boot.js', `catalogue/${chapter}.json`, `catalogue/cards/${ID}.json`, 'catalogue/index.json', 'derive.js',
    'modules/card.js', 'modules/dom.js', 'modules/engine.js', 'modules/store.js', 'style.css'].sort(),
  'requested before the answer field was ready: the card\'s own files only');
  const late = before.filter((f) => !f.early).map((f) => f.file);
  for (const file of ['derive.wasm', 'modules/real-links.js', 'modules/embed-panel.js', 'modules/backup.js', 'modules/offline.js']) {
    assert.ok(late.includes(file), `${file} is fetched after the card is ready: ${late.join(', ')}`);
  }
  assert.ok(!late.includes('modules/embed-snippets.js'), 'the snippets wait until the Embed panel opens');

  await embed.click();
  assert.equal(await embed.getAttribute('aria-expanded'), 'true');
  assert.match(await page.locator('textarea[data-snippet="element"]').inputValue(), new RegExp(`<derive-exercise id="${ID.replace('.', '\\.')}" variant="0">`));
  assert.ok((await fetched(page)).some((f) => f.file === 'modules/embed-snippets.js'), 'opening the panel fetched the snippets');
  assert.equal(before.filter((f) => f.file === `catalogue/${chapter}.json`).length, 1, 'the chapter is fetched once');
}));

// boot.js is staged knowing which chapter holds each exercise
// (scripts/stage-site.mjs), so it asks for an exercise's chapter with the
// index, whatever the chapter's name (combo.* is in "combined"), and asks for
// nothing that the catalogue lacks.
test('the early chapter request follows the staged catalogue, for an exercise of every chapter and every chapter', () => withNewPage(env.browser, async ({ page }) => {
  const catalogue = deriveJson('exercise', 'list');
  const requestedAt = async (hash) => {
    const requests = [];
    const onRequest = (r) => requests.push(new URL(r.url()).pathname.replace(/^\/assets\/[^/]+\//, ''));
    await page.goto('about:blank'); // a new document each time, not a change of #hash
    page.on('request', onRequest);
    await page.goto(`${env.url}${hash}`);
    await page.waitForFunction(() => globalThis.deriveCatalogueStarted !== undefined);
    // What boot.js left: the files it requested, the address it let app.js
    // draw early and whether it started the engine itself.
    const { started, early, engine } = await page.evaluate(() => ({
      started: [...globalThis.deriveCatalogueStarted.keys()],
      early: globalThis.deriveEarlyPage,
      engine: globalThis.deriveEngineStarted instanceof Promise,
    }));
    await page.waitForLoadState('networkidle'); // leaving earlier would abort the page's later requests
    page.off('request', onRequest);
    // The early page's engine waits until its card is drawn; any other view's starts at once.
    assert.equal(engine, early === null, `${hash}: boot.js started the engine only for a page it does not draw early`);
    return { started, early, requests };
  };
  // The last exercise of each chapter: each chapter's name reached from an
  // exercise id (combo.* included), from the far end of the staged map.
  const lastOfChapter = [...new Map(catalogue.map((e) => [e.chapter, e])).values()];
  for (const { id, chapter } of lastOfChapter) {
    const hash = `#/ex/${encodeURIComponent(id)}`;
    const { started, early } = await requestedAt(hash);
    assert.deepEqual(started, ['index.json', `${chapter}.json`, `cards/${id}.json`], hash);
    assert.equal(early, hash, `${hash} is drawn early`);
    // Other numbers than variant 0's (or more after the id): no staged card fits.
    for (const other of [`#/ex/${id}?v=3`, `#/ex/${id}?p=x:1`, `#/ex/${id}/more`]) {
      const asked = await requestedAt(other);
      assert.deepEqual(asked.started, ['index.json', `${chapter}.json`], other);
      assert.equal(asked.early, null, `${other} waits for the engine`);
    }
  }
  for (const chapter of new Set(catalogue.map((e) => e.chapter))) {
    assert.deepEqual((await requestedAt(`#/chapter/${chapter}`)).started, ['index.json', `${chapter}.json`], `#/chapter/${chapter}`);
  }
  for (const hash of ['#/', '#/ex/no.such-exercise', '#/ex/constructor', '#/chapter/__proto__', '#/chapter/nonesuch', '#/ex/%E0%A4%A']) {
    const { started, requests } = await requestedAt(hash);
    assert.deepEqual(started, ['index.json'], `${hash}: only the index`);
    assert.ok(!requests.some((r) => /catalogue\/(?!index\.json)/.test(r)), `${hash}: no chapter requested early (${requests.join(', ')})`);
  }
}));

// The page at variant 0 is drawn from the staged card while derive.wasm is
// held back: the question is there, the field takes an answer, and Enter
// grades it once the engine is in (the verdict waits, it is not lost).
test('an exercise page at variant 0 is ready before the engine and grades an answer typed meanwhile', () => withNewPage(env.browser, async ({ page, problems }) => {
  const show = deriveJson('exercise', 'show', ID, '--variant', '0');
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/derive.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${env.url}#/ex/${ID}`);
  const card = page.locator(`[data-exercise="${ID}"]`);
  await card.locator('input[name="answer"]:enabled').first().waitFor();
  assert.equal(await page.evaluate(() => performance.getEntriesByName('derive:engine-loaded').length), 0, 'the engine is still held back');
  assert.equal(await promptText(card), show.prompt);
  assert.equal(await card.locator('.title').textContent(), show.title);
  const verdict = answer(page, ID, rightAnswers(show));
  // A hint comes from the staged card's steps too.
  await card.locator('button[data-action="hint"]').click();
  await card.locator('section.hints li').first().waitFor();
  await page.waitForTimeout(100);
  assert.equal(await card.locator('[data-verdict]').count(), 0, 'no verdict before the engine is in');
  release();
  assert.equal(await verdict, 'correct');
  // The engine is in: new numbers come from it.
  await card.locator('button[data-action="new-variant"]').click();
  await page.waitForFunction(() => location.hash.endsWith('?v=1'));
  assert.match(await card.locator('.variant').textContent(), /variant 1/);
  assert.deepEqual(problems, []);
}));

// The early page is the page the engine draws: the same card (ids aside),
// crumbs and pager at #/ex/ID (drawn early) and at #/ex/ID?v=0 (drawn once the
// engine is in), for the first exercise of every chapter.
test('the early page of the first exercise of every chapter is the one the engine draws', () => withNewPage(env.browser, async ({ page, problems }) => {
  const catalogue = deriveJson('exercise', 'list');
  const firstOfChapter = [...new Map([...catalogue].reverse().map((e) => [e.chapter, e])).values()];
  const drawn = async (hash) => {
    await page.goto('about:blank');
    await page.goto(`${env.url}${hash}`);
    await page.waitForFunction(() => performance.getEntriesByName('derive:engine-loaded').length > 0
      && document.querySelector('[data-exercise] input[name="answer"]') && !document.querySelector('.picture-slot'));
    await page.locator('button[data-action="embed"]').waitFor(); // the parts drawn after the card
    await page.waitForLoadState('networkidle'); // leaving earlier would abort the page's later requests
    return page.evaluate(() => ({
      early: performance.getEntriesByName('derive:first-view')[0].startTime < performance.getEntriesByName('derive:engine-loaded')[0].startTime,
      main: document.querySelector('main').outerHTML.replace(/\b(prompt|hint|hints|answer)-\d+\b/g, '$1-N'),
    }));
  };
  for (const { id } of firstOfChapter) {
    const early = await drawn(`#/ex/${id}`);
    const late = await drawn(`#/ex/${id}?v=0`);
    assert.ok(early.early && !late.early, `${id}: drawn before the engine at variant 0 only`);
    assert.equal(early.main, late.main, `${id}: the early page differs from the engine's`);
  }
  assert.deepEqual(problems, []);
}));
