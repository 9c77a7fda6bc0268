// Real variants in the browser: `#/ex/ID?real=NAME` opens the exercise with
// the numbers of a real model, GPU or board, its prompt led by their source
// as `derive exercise show ID --real NAME` prints it, graded (and not counted
// in the progress, as chosen numbers are); the card links the exercise's real
// variants; the Models page links the exercises on the chosen model's and the
// GPUs' numbers, and the Analyze page those on the chosen board's and the
// model file's. The expected links are read from the catalogue's TOML here,
// independently of the engine's index; no accessibility problem at 1280 and
// 375 px.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { assertAccessible } from './a11y.mjs';
import { answer, appReady, deriveJson, newPage, promptText, repo, rightAnswers, setup, wrongAnswers } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const models = path.resolve(repo, '..', 'shared', 'models');
const noModels = fs.existsSync(path.join(models, 'test_conv_model.tflite')) ? false : `${models} is missing`;

// Every [[exercise.real]] of catalogue/*.toml: {exercise, name, source, params}
// (params: the text of its params line), read line by line.
function catalogueReals() {
  const reals = [];
  const dir = path.join(repo, 'catalogue');
  // In book order: the chapters by their number.
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.toml')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  for (const file of files) {
    let exercise = null;
    let real = null;
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (/^\[\[exercise\]\]/.test(line)) real = null;
      if (/^\[\[exercise\.real\]\]/.test(line)) reals.push(real = { exercise });
      else if (/^\[/.test(line)) real = null;
      const id = line.match(/^id = "([^"]+)"/);
      if (id && !real) exercise = id[1];
      const key = real && line.match(/^(name|source|params) = (.*)$/);
      if (key) real[key[1]] = key[1] === 'params' ? key[2] : JSON.parse(key[2]);
    }
  }
  return reals;
}
const reals = catalogueReals();
const using = (kind, id) => reals.filter((r) => r.params.includes(`@${kind}:${id}.`));
const hrefOf = (r) => `#/ex/${r.exercise}?real=${encodeURIComponent(r.name)}`;

// The links of the section named `label` on the page, as hrefs.
const sectionLinks = (page, label) => page.locator(`section[aria-label="${label}"] a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));

// Opens a real variant's address and waits for its card.
async function openReal(page, { exercise, name }) {
  await page.goto(`${env.url}#/ex/${exercise}?real=${encodeURIComponent(name)}`);
  await page.waitForSelector(`[data-exercise="${exercise}"] input[name="answer"]:enabled`);
  await page.waitForFunction(() => !document.querySelector('.picture-slot'));
}

// The card on the screen shows the CLI's `--real` question and grades its
// right answer correct.
async function expectRealQuestion(page, { exercise, name }) {
  const show = deriveJson('exercise', 'show', exercise, '--real', name);
  const card = page.locator(`[data-exercise="${exercise}"]`);
  assert.equal(await promptText(card), show.prompt, `${exercise} --real ${name}: the prompt`);
  assert.ok(show.prompt.startsWith(show.source));
  assert.equal(await card.locator('.variant').innerText(), 'real numbers');
  assert.equal(await answer(page, exercise, rightAnswers(show)), 'correct', `${exercise} --real ${name}`);
}

test('the catalogue has real variants on a model, a GPU, a board and a model file', () => {
  assert.ok(using('llm', 'llama-3-8b').length >= 2);
  assert.ok(using('gpu', 'h100-sxm').length >= 1);
  assert.ok(using('board', 'stm32f746g-disco').length >= 1);
  assert.ok(reals.some((r) => r.source.includes('test_conv_model.tflite')));
});

test('#/ex/ID?real=NAME shows the CLI\'s real question, grades it and does not count it', async () => {
  const p = await newPage(env.browser);
  try {
    const real = { exercise: 'llm.kv-cache', name: 'llama-3-8b-full-context' };
    await openReal(p.page, real);
    const notice = await p.page.locator('.notice.source').innerText();
    assert.match(notice, /Real numbers: the question names their source\. Answers on them are graded but not counted/);
    const show = deriveJson('exercise', 'show', real.exercise, '--real', real.name);
    assert.equal(await answer(p.page, real.exercise, wrongAnswers(show)), 'incorrect');
    await expectRealQuestion(p.page, real);
    const progress = JSON.parse(await p.page.evaluate(() => localStorage.getItem('derive.progress')) ?? '{"exercises":{}}');
    assert.equal(progress.exercises[real.exercise], undefined, 'answers on real numbers are not counted');

    // The card links every real variant of its exercise, the one shown marked.
    const own = reals.filter((r) => r.exercise === real.exercise);
    await p.page.waitForSelector('div.real-numbers'); // its module is fetched after the card is up
    const nav = p.page.locator('div.real-numbers a');
    assert.deepEqual(await nav.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), own.map(hrefOf));
    assert.deepEqual(await nav.evaluateAll((as) => as.map((a) => a.textContent)), own.map((r) => r.source.replace(/\.$/, '')));
    assert.equal(await p.page.locator('div.real-numbers a[aria-current]').getAttribute('data-real'), real.name);
    const other = own.find((r) => r.name !== real.name);
    await p.page.click(`div.real-numbers a[data-real="${other.name}"]`);
    await p.page.waitForFunction((n) => document.querySelector('div.real-numbers a[aria-current]')?.dataset.real === n, other.name);
    await expectRealQuestion(p.page, other);

    // An unknown name: variant 0, with the engine's reason.
    await p.page.goto(`${env.url}#/ex/${real.exercise}?real=nope`);
    await p.page.waitForFunction(() => location.hash.endsWith('?v=0'));
    assert.match(await p.page.locator('main .notice').first().innerText(), /has no real variant "nope" \(it has: /);
    assert.deepEqual(p.problems, []);
  } finally {
    await p.context.close();
  }
});

test('an exercise without real variants has no "Real numbers:" line and never fetches its module', async () => {
  const p = await newPage(env.browser);
  try {
    const id = deriveJson('exercise', 'list').map((e) => e.id).find((e) => !reals.some((r) => r.exercise === e));
    assert.ok(id, 'some exercise has no real variant');
    await p.page.goto(`${env.url}#/ex/${id}`);
    // The Embed button is drawn in the same step as the real variants' line would be.
    await p.page.locator('button[data-action="embed"]').waitFor();
    await p.page.waitForLoadState('networkidle');
    assert.equal(await p.page.locator('div.real-numbers').count(), 0);
    assert.deepEqual(p.requests.filter((url) => url.endsWith('/real-links.js')), [], `${id}: real-links.js is not fetched`);
    assert.deepEqual(p.problems, []);
  } finally {
    await p.context.close();
  }
});

test('the Models page links the exercises on the chosen model\'s and the GPUs\' numbers, each the CLI\'s question', async () => {
  const p = await newPage(env.browser);
  try {
    await p.page.goto(`${env.url}#/models`);
    await appReady(p.page);
    await p.page.waitForSelector('section.practise-real');
    const llama = using('llm', 'llama-3-8b');
    const h100 = using('gpu', 'h100-sxm');
    assert.deepEqual(await sectionLinks(p.page, 'Exercises on the numbers of Meta-Llama-3-8B'), llama.map(hrefOf));
    assert.deepEqual(await sectionLinks(p.page, 'Exercises on the numbers of NVIDIA H100 SXM5 80GB'), h100.map(hrefOf));
    // Another model: its own list replaces Llama-3-8B's.
    await p.page.selectOption('#model-picker', 'qwen2-7b');
    await p.page.waitForSelector('section[aria-label="Exercises on the numbers of Qwen2-7B"]');
    assert.deepEqual(await sectionLinks(p.page, 'Exercises on the numbers of Qwen2-7B'), using('llm', 'qwen2-7b').map(hrefOf));
    assert.equal(await p.page.locator('section[aria-label="Exercises on the numbers of Meta-Llama-3-8B"]').count(), 0);
    // Each link of Llama-3-8B and the H100 opens the CLI's question, graded correct.
    for (const r of [...llama, ...h100]) {
      await openReal(p.page, r);
      await expectRealQuestion(p.page, r);
    }
    assert.deepEqual(p.problems, []);
  } finally {
    await p.context.close();
  }
});

test('the Analyze page links the exercises on the chosen board\'s numbers and on the file\'s layers', { skip: noModels }, async () => {
  const p = await newPage(env.browser);
  try {
    await p.page.goto(`${env.url}#/analyze`);
    await appReady(p.page);
    await p.page.waitForSelector('#model-file');
    await p.page.selectOption('#board-picker', 'stm32f746g-disco');
    await p.page.setInputFiles('#model-file', path.join(models, 'test_conv_model.tflite'));
    await p.page.waitForSelector('section[aria-label="Exercises on the numbers of test_conv_model.tflite"]');
    const boardName = await p.page.locator('#board-picker option:checked').innerText();
    const board = using('board', 'stm32f746g-disco');
    const layers = reals.filter((r) => r.source.includes('test_conv_model.tflite'));
    assert.deepEqual(await sectionLinks(p.page, `Exercises on the numbers of ${boardName}`), board.map(hrefOf));
    assert.deepEqual(await sectionLinks(p.page, 'Exercises on the numbers of test_conv_model.tflite'), layers.map(hrefOf));
    for (const r of [...board, ...layers]) {
      await openReal(p.page, r);
      await expectRealQuestion(p.page, r);
    }
    assert.deepEqual(p.problems, []);
  } finally {
    await p.context.close();
  }
});

test('a real variant\'s page passes the accessibility checks at 1280 and 375 px', () => assertAccessible(env, 'real variant',
  async (page) => {
    await openReal(page, { exercise: 'llm.kv-cache', name: 'llama-3-8b-full-context' });
    await page.waitForSelector('div.real-numbers');
  }));

test('the Models page with its exercise links passes the accessibility checks', () => assertAccessible(env, 'models with links',
  async (page) => {
    await page.goto(`${env.url}#/models`);
    await appReady(page);
    await page.waitForSelector('section.practise-real');
  }));

test('the Analyze page with its exercise links passes the accessibility checks', { skip: noModels }, () => assertAccessible(env, 'analyze with links',
  async (page) => {
    await page.goto(`${env.url}#/analyze`);
    await page.waitForSelector('#model-file');
    await page.selectOption('#board-picker', 'stm32f746g-disco');
    await page.setInputFiles('#model-file', path.join(models, 'test_conv_model.tflite'));
    await page.waitForSelector('section.practise-real');
  }));
