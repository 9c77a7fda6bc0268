// The embed (docs/instructors.md) on a page of another origin: a host page
// served from a second local port, with hostile CSS, holds the snippets the
// Embed button gives, two <derive-exercise> elements and an iframe. Answers
// are graded inside the embed, derive-answer events reach the host, neither
// side's styles cross the shadow boundary, the iframe's height follows its
// card, and axe finds nothing inside either form.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { answer, axeViolations, deriveJson, openExercise, rightAnswers, setup, withNewPage, wrongAnswers } from './harness.mjs';

const FIRST = 'llm.kv-cache';
const SECOND = 'quant.zero-point';

let env, host, hostUrl, snippets;
let hostBody = '';
let hostHeaders = {};

// Rules a careless or hostile course page might have. Each would visibly
// break the card if it reached into the shadow root.
const HOSTILE_CSS = `
* { all: unset; }
head, style, script, title { display: none; }
button { display: none !important; }
h1, h2, p, label { color: rgb(255, 0, 0) !important; font-family: monospace !important; }
input { visibility: hidden; }
iframe { display: block; width: 100%; }
`;

before(async () => {
  env = await setup();
  host = http.createServer((request, response) => {
    response.writeHead(request.url === '/' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', ...hostHeaders });
    response.end(request.url === '/' ? hostBody : 'not here');
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${host.address().port}/`;
  assert.notEqual(new URL(hostUrl).origin, new URL(env.url).origin, 'the host page is of another origin');
});
after(async () => {
  await new Promise((resolve) => (host ? host.close(resolve) : resolve()));
  await env?.close();
});

const withPage = (fn, options) => withNewPage(env.browser, fn, options);

// The variant a card shows ("variant 123").
async function variantOf(card) {
  return Number((await card.locator('.variant').textContent()).replace(/^variant /, ''));
}

describe('embedding', () => {
  test('the Embed button shows both snippets with the site origin and copies them', () => withPage(async ({ context, page }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
    await openExercise(page, env.url, FIRST, 7);
    const button = page.locator('button[data-action="embed"]');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const element = await page.locator('textarea[data-snippet="element"]').inputValue();
    const iframe = await page.locator('textarea[data-snippet="iframe"]').inputValue();
    assert.equal(element, `<script type="module" src="${env.url}embed.js"></script>\n<derive-exercise id="${FIRST}" variant="7"></derive-exercise>`);
    assert.match(iframe, new RegExp(`^<iframe src="${env.url.replace(/[.]/g, '\\.')}embed\\.html#${FIRST.replace('.', '\\.')}\\?v=7" title="derive exercise: `));
    assert.ok(iframe.includes(`event.origin !== ${JSON.stringify(new URL(env.url).origin)}`), 'the listener checks the site origin');

    await page.locator('button[data-copy="iframe"]').click();
    await page.locator('.embed-panel .copied').filter({ hasText: /^Copied the iframe snippet\.$/ }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), iframe);
    await page.locator('button[data-copy="element"]').click();
    await page.locator('.embed-panel .copied').filter({ hasText: /^Copied the custom element snippet\.$/ }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), element);
    assert.deepEqual(await page.locator('.embed-panel .copied').allTextContents(), ['Copied the custom element snippet.', ''], 'the last copy alone is confirmed');
    assert.deepEqual(await axeViolations(page), [], 'axe finds no violation with the panel open');

    // New numbers: the snippets follow the variant on screen.
    await button.click();
    await page.locator(`[data-exercise="${FIRST}"] button[data-action="new-variant"]`).click();
    await button.click();
    assert.match(await page.locator('textarea[data-snippet="element"]').inputValue(), /variant="8"/);
    snippets = { element, iframe };
  }));

  test('two elements and an iframe on a hostile page of another origin', { timeout: 120000 }, () => withPage(async ({ page }) => {
    assert.ok(snippets, 'the first test read the snippets');
    // The host page: the Embed button's two snippets, one more element with a
    // random variant, elements named as our classes (for leaks) and a record
    // of every derive-answer event and message.
    hostBody = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A course page</title><style>${HOSTILE_CSS}</style>
<script>
window.answers = []; window.messages = [];
document.addEventListener('derive-answer', (e) => answers.push({ target: e.target.getAttribute('id'), ...e.detail }));
addEventListener('message', (e) => messages.push({ origin: e.origin, data: e.data }));
</script></head>
<body><main><h1>Week 3: efficient inference</h1>
<div class="card" id="host-card"><label id="host-label">A host label</label><button class="primary" id="host-button">Host button</button></div>
${snippets.element}
<derive-exercise id="${SECOND}" variant="random"></derive-exercise>
${snippets.iframe}
</main></body></html>`;
    const siteOrigin = new URL(env.url).origin;
    const requests = [];
    page.on('request', (r) => { if (r.frame() === page.mainFrame()) requests.push(r.url()); });
    await page.goto(hostUrl);
    const first = page.locator(`[data-exercise="${FIRST}"]`);
    const second = page.locator(`[data-exercise="${SECOND}"]`);
    await first.locator('input[name="answer"]').waitFor();
    await second.locator('input[name="answer"]').waitFor();

    // Fetched once from the site's origin, shared by both elements.
    for (const name of ['derive.wasm', 'derive.js', 'style.css', 'modules/card.js']) {
      const hits = requests.filter((u) => u.startsWith(siteOrigin) && u.endsWith(`/${name}`));
      assert.equal(hits.length, 1, `${name} fetched once by the host page: ${hits.join(', ')}`);
    }

    // Host styles did not reach the card.
    const look = await first.evaluate((card) => {
      const style = (el) => getComputedStyle(el);
      const check = card.querySelector('button[type="submit"]');
      return {
        check: style(check).display, checkBackground: style(check).backgroundColor,
        title: style(card.querySelector('.title')).color, titleFont: style(card.querySelector('.title')).fontFamily,
        input: style(card.querySelector('input')).visibility, radius: style(card).borderRadius, display: style(card).display,
      };
    });
    assert.notEqual(look.check, 'none', 'the Check button is shown');
    assert.notEqual(look.checkBackground, 'rgba(0, 0, 0, 0)', 'the Check button keeps its fill');
    assert.notEqual(look.title, 'rgb(255, 0, 0)', 'the title keeps its colour');
    assert.doesNotMatch(look.titleFont, /^monospace$/, 'the title keeps its font');
    assert.equal(look.input, 'visible');
    assert.equal(look.radius, '14px', 'the card keeps its shape');
    assert.equal(look.display, 'block');
    // Card styles did not reach the host: its own .card, label and button.primary stay unset.
    const hostLook = await page.evaluate(() => ({
      radius: getComputedStyle(document.getElementById('host-card')).borderRadius,
      label: getComputedStyle(document.getElementById('host-label')).fontWeight,
      button: getComputedStyle(document.getElementById('host-button')).display,
      accent: getComputedStyle(document.documentElement).getPropertyValue('--accent'),
    }));
    assert.deepEqual(hostLook, { radius: '0px', label: '400', button: 'none', accent: '' });

    // Wrong, then a hint, then right: graded in the element, each check an event.
    const show = deriveJson('exercise', 'show', FIRST, '--variant', '7');
    assert.equal(await answer(page, FIRST, wrongAnswers(show)), 'incorrect');
    await first.locator('button[data-action="hint"]').click();
    assert.equal(await answer(page, FIRST, rightAnswers(show)), 'correct');
    const variant = await variantOf(second);
    const secondShow = deriveJson('exercise', 'show', SECOND, '--variant', String(variant));
    assert.equal(await answer(page, SECOND, rightAnswers(secondShow)), 'correct');
    assert.deepEqual(await page.evaluate(() => window.answers), [
      { target: FIRST, id: FIRST, variant: 7, correct: false, status: 'incorrect', attempts: 1, hints: 0 },
      { target: FIRST, id: FIRST, variant: 7, correct: true, status: 'correct', attempts: 2, hints: 1 },
      { target: SECOND, id: SECOND, variant, correct: true, status: 'correct', attempts: 1, hints: 0 },
    ]);
    assert.deepEqual(await axeViolations(page, ['derive-exercise']), [], 'axe finds no violation inside the elements');

    // The iframe: its height follows the card, through the host snippet.
    const frameElement = page.locator('iframe');
    await frameElement.scrollIntoViewIfNeeded(); // the snippet loads it lazily
    const frame = await (await frameElement.elementHandle()).contentFrame();
    await frame.locator(`[data-exercise="${FIRST}"] input[name="answer"]`).waitFor();
    const heights = () => Promise.all([
      frameElement.evaluate((f) => f.getBoundingClientRect().height),
      frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
    ]);
    await page.waitForFunction(() => document.querySelector('iframe').style.height !== '');
    let [outer, inner] = await heights();
    assert.equal(outer, inner, 'the frame is as tall as its document');
    const closed = outer;
    await frame.locator('button[data-action="solution"]').click();
    await page.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height > h, closed);
    [outer, inner] = await heights();
    assert.equal(outer, inner, 'the frame grew with the solution');
    await frame.locator('button[data-action="solution"]').click();
    await page.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height < h, outer);
    assert.equal(...await heights(), 'the frame shrank with it');

    // Grading in the frame, reported to the host by message.
    assert.equal(await answer(frame, FIRST, rightAnswers(show)), 'correct');
    await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'derive:answer'));
    const reported = await page.evaluate(() => window.messages.filter((m) => m.data?.type === 'derive:answer'));
    assert.deepEqual(reported, [{ origin: siteOrigin, data: { type: 'derive:answer', detail: { id: FIRST, variant: 7, correct: true, status: 'correct', attempts: 1, hints: 0 } } }]);
    assert.deepEqual(await axeViolations(frame), [], 'axe finds no violation in the iframe page');

    // The host listener ignores messages of another origin, of another shape
    // or out of bounds.
    const before = (await heights())[0];
    await page.evaluate(() => window.postMessage({ type: 'derive:height', height: 40 }, '*'));
    await frame.evaluate(() => {
      parent.postMessage({ type: 'derive:height', height: 1e9 }, '*');
      parent.postMessage({ type: 'derive:height', height: '40' }, '*');
      parent.postMessage({ kind: 'derive:height', height: 40 }, '*');
    });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    assert.equal((await heights())[0], before, 'the iframe kept its height');
  }));

  test('a chapter set steps through its exercises inside the element', () => withPage(async ({ page }) => {
    hostBody = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Quantization set</title>
<script type="module" src="${env.url}embed.js"></script></head>
<body><main><h1>Quantization</h1><derive-exercise chapter="quantize" variant="3"></derive-exercise></main></body></html>`;
    const chapter = deriveJson('exercise', 'list').filter((e) => e.chapter === 'quantize');
    await page.goto(hostUrl);
    const pager = page.locator('nav.embed-pager');
    await page.locator(`[data-exercise="${chapter[0].id}"] input[name="answer"]`).waitFor();
    assert.equal(await pager.locator('span').textContent(), `1 of ${chapter.length}`);
    assert.equal(await pager.locator('button', { hasText: 'Previous' }).isDisabled(), true);
    await pager.locator('button', { hasText: 'Next' }).click();
    await page.locator(`[data-exercise="${chapter[1].id}"] input[name="answer"]`).waitFor();
    assert.equal(await variantOf(page.locator(`[data-exercise="${chapter[1].id}"]`)), 3);
    assert.equal(await pager.locator('span').textContent(), `2 of ${chapter.length}`);
    assert.deepEqual(await axeViolations(page, ['derive-exercise']), []);
  }));

  // Cross-origin isolation: every subresource must come by CORS (or carry a
  // CORP header), the injected derive.js included.
  test('a host page with Cross-Origin-Embedder-Policy: require-corp', () => withPage(async ({ page }) => {
    hostHeaders = { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Opener-Policy': 'same-origin' };
    hostBody = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Isolated</title>
<script type="module" src="${env.url}embed.js"></script></head>
<body><main><h1>Isolated page</h1><derive-exercise id="${FIRST}" variant="2"></derive-exercise></main></body></html>`;
    try {
      await page.goto(hostUrl);
      assert.equal(await page.evaluate(() => crossOriginIsolated), true);
      await page.locator(`[data-exercise="${FIRST}"] input[name="answer"]`).waitFor();
      assert.equal(await answer(page, FIRST, rightAnswers(deriveJson('exercise', 'show', FIRST, '--variant', '2'))), 'correct');
    } finally {
      hostHeaders = {};
    }
  }));
});
