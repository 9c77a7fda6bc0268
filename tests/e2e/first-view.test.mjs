// The first view's critical path (issue 9: ready in 200 ms): on a cold load of
// an exercise page, everything fetched before its first answer field is
// enabled is what that card needs (the shell, the engine, the four modules the
// card is drawn with, the catalogue's index and the exercise's chapter). The
// page's other parts come after: the "Real numbers:" line (modules/real-links.js),
// the Embed button (modules/embed-panel.js), export/import (modules/backup.js)
// and the service worker's registration (modules/offline.js); the embed
// snippets' module only when the Embed panel is opened.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deriveJson, setup, withNewPage } from './harness.mjs';

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
  assert.deepEqual(early, ['app.js', 'boot.js', `catalogue/${chapter}.json`, 'catalogue/index.json', 'derive.js', 'derive.wasm',
    'modules/card.js', 'modules/dom.js', 'modules/engine.js', 'modules/store.js', 'style.css'],
  'requested before the answer field was ready: the card\'s own files only');
  const late = before.filter((f) => !f.early).map((f) => f.file);
  for (const file of ['modules/real-links.js', 'modules/embed-panel.js', 'modules/backup.js', 'modules/offline.js']) {
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
    const started = await page.evaluate(() => [...globalThis.deriveCatalogueStarted.keys()]);
    await page.waitForLoadState('networkidle'); // leaving earlier would abort the page's later requests
    page.off('request', onRequest);
    return { started, requests };
  };
  // The last exercise of each chapter: each chapter's name reached from an
  // exercise id (combo.* included), from the far end of the staged map.
  const lastOfChapter = [...new Map(catalogue.map((e) => [e.chapter, e])).values()];
  for (const { id, chapter } of lastOfChapter) {
    const { started } = await requestedAt(`#/ex/${encodeURIComponent(id)}`);
    assert.deepEqual(started, ['index.json', `${chapter}.json`], `#/ex/${id}`);
  }
  for (const chapter of new Set(catalogue.map((e) => e.chapter))) {
    assert.deepEqual((await requestedAt(`#/chapter/${chapter}`)).started, ['index.json', `${chapter}.json`], `#/chapter/${chapter}`);
  }
  for (const hash of ['#/ex/no.such-exercise', '#/ex/constructor', '#/chapter/__proto__', '#/chapter/nonesuch', '#/ex/%E0%A4%A']) {
    const { started, requests } = await requestedAt(hash);
    assert.deepEqual(started, ['index.json'], `${hash}: only the index`);
    assert.ok(!requests.some((r) => /catalogue\/(?!index\.json)/.test(r)), `${hash}: no chapter requested early (${requests.join(', ')})`);
  }
}));
