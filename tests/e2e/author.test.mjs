// The Author page (#/author, web/modules/author.js): the exercise the tutorial
// of docs/catalogue-format.md writes (docs/examples/first-exercise.toml) pasted
// in previews the prompt of `derive author FILE --variant N --json`, grades a
// right and a wrong answer through the authoring wasm module (derive_author.wasm,
// fetched only when the page opens), shows a broken file's error as the CLI
// does, makes no request once loaded, and has no accessibility problem at
// 1280 and 375 px.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { assertAccessible } from './a11y.mjs';
import { answer, appReady, deriveBin, deriveJson, newPage, promptText, repo, setup } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const FILE = path.join(repo, 'docs', 'examples', 'first-exercise.toml');
const TUTORIAL = fs.readFileSync(FILE, 'utf8');
const ID = 'tutorial.dense-layer-memory';
const card = (page) => page.locator(`[data-exercise="${ID}"]`);

// A dense layer of n_in inputs and n_out outputs holds n_in·n_out weights and
// n_out biases; at `bits` bits a number takes bits/8 bytes; 1 KB = 1000 B.
const weightsKb = ({ n_in: nIn, n_out: nOut, bits }) => (nIn * nOut * bits) / 8 / 1000;
const layerKb = ({ n_in: nIn, n_out: nOut, bits }) => ((nIn * nOut + nOut) * bits) / 8 / 1000;

// Opens the Author page and waits for its first report (of the template).
async function openAuthor(page) {
  await page.goto(`${env.url}#/author`);
  await appReady(page);
  await page.waitForSelector('.lint-report [role="status"] p');
}

// Pastes the tutorial's `toml`, then picks `variant`, and waits until the
// preview shows its card at that variant with a clean report.
async function paste(page, toml, variant) {
  await page.fill('#author-toml', toml);
  await page.fill('#author-variant', String(variant));
  await page.waitForFunction(({ v, id }) => document.querySelector('#author-preview-title')?.textContent === `Preview of variant ${v}`
    && document.querySelector(`[data-exercise="${id}"] input[name="answer"]`)
    && document.querySelector('.lint-report [role="status"] p')?.textContent.startsWith('No problems'), { v: variant, id: ID });
}

test('the home page does not fetch the authoring module; the footer\'s link opens the page, which does', async () => {
  const p = await newPage(env.browser);
  try {
    await p.page.goto(env.url);
    await appReady(p.page);
    await p.page.waitForLoadState('networkidle');
    assert.deepEqual(p.requests.filter((url) => /author/.test(url)), [], 'no authoring file on the first load');
    await p.page.click('footer.site a[href="#/author"]');
    await p.page.waitForSelector('.lint-report [role="status"] p.ok');
    const fetched = p.requests.map((url) => path.basename(new URL(url).pathname)).filter((name) => /author/.test(name));
    assert.deepEqual(fetched.sort(), ['author.js', 'authoring.js', 'derive_author.js', 'derive_author.wasm']);
    // The template the page starts from lints clean and previews its exercise.
    assert.equal(await p.page.locator('.author-preview article[data-exercise]').count(), 1);
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

test('the tutorial\'s exercise: the CLI\'s prompt at variant 7, a right answer correct, a wrong one named, nothing sent', async () => {
  const p = await newPage(env.browser);
  try {
    await openAuthor(p.page);
    await p.page.waitForLoadState('networkidle');
    const from = p.requests.length;
    const native = deriveJson('author', FILE, '--variant', '7');
    assert.deepEqual(native.issues, []);
    const expected = native.exercises[0].card;
    await paste(p.page, TUTORIAL, 7);
    assert.equal(await promptText(card(p.page)), expected.prompt);
    assert.match(await card(p.page).locator('.variant').innerText(), /variant 7/);

    const right = layerKb(expected.params).toFixed(1);
    assert.equal(await answer(p.page, ID, [right]), 'correct', `${right} KB at variant 7`);
    const biasesLeftOut = weightsKb(expected.params).toFixed(1);
    assert.notEqual(biasesLeftOut, right);
    assert.equal(await answer(p.page, ID, [biasesLeftOut]), 'incorrect', `${biasesLeftOut} KB at variant 7`);
    assert.match(await card(p.page).locator('.verdict').innerText(), /leaves out the biases/);

    // The solution holds the CLI's steps.
    await card(p.page).locator('button[data-action="solution"]').click();
    assert.deepEqual(await card(p.page).locator('.solution li').allInnerTexts(), expected.steps);
    assert.deepEqual(p.requests.slice(from), [], 'everything is computed in the page: no request after it loaded');
    assert.equal(await p.page.evaluate(() => localStorage.length === 0
      || !JSON.stringify(localStorage).includes('tutorial.dense-layer-memory')), true, 'the preview records no progress');
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

test('a broken file: the CLI\'s message with its line, and no card for it', async (t) => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-author-e2e-'));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const broken = TUTORIAL.replace('unit = "KB"', 'unit = "KB');
  assert.notEqual(broken, TUTORIAL);
  const file = path.join(scratch, 'exercise.toml');
  fs.writeFileSync(file, broken);
  const r = spawnSync(deriveBin, ['author', file], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  const [message] = r.stdout.split('\n');
  assert.match(message, /:20: not valid TOML: /);

  const p = await newPage(env.browser, { width: 375, height: 740 });
  try {
    await openAuthor(p.page);
    await p.page.fill('#author-toml', broken);
    await p.page.waitForSelector('.lint-report .issues li');
    assert.deepEqual(await p.page.locator('.lint-report .issues li').allInnerTexts(), [message.replace(file, 'exercise.toml')]);
    assert.equal(await p.page.locator('.author-preview article[data-exercise]').count(), 0);
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

test('the Author page with the tutorial\'s exercise has no accessibility problem', async () => {
  await assertAccessible(env, 'the Author page', async (page) => {
    await openAuthor(page);
    await paste(page, TUTORIAL, 3);
    await card(page).locator('button[data-action="solution"]').click();
  });
});
