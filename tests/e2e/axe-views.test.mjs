// The views axe.test.mjs does not open, each through assertAccessible
// (tests/e2e/a11y.mjs): axe-core and the checks it does not make, at 1280 and
// 375 px, light and dark, zero problems (issue 9: "axe reports zero
// violations on every view"). Each view is reached as a learner reaches it:
// a history in storage for Review and Progress, a round answered for the
// Drill's table, a model dropped on Analyze, a practice link followed for the
// chosen numbers, an instructor's link for the assignment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertAccessible } from './a11y.mjs';
import { answer, appReady, deriveBin, deriveJson, openExercise, repo, rightAnswers, setup, twoDueProgress, wrongAnswers } from './harness.mjs';

let env, scratch, assignmentLink;
before(async () => {
  env = await setup();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-axe-views-'));
  const key = path.join(scratch, 'instructor.key');
  fs.writeFileSync(key, 'a private instructor key, 32 B..');
  const created = spawnSync(deriveBin, ['assignment', 'create', '--name', 'week 3', '--exercises', 'llm.kv-cache,quant.levels',
    '--key-file', key, '--base', env.url], { encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  assignmentLink = created.stdout.trim();
});
after(async () => {
  await env?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

const show = (id, variant) => deriveJson('exercise', 'show', id, '--variant', String(variant));

// Two exercises due today: Review lists them, the session starts with them
// and Progress has a grid to show.
const history = twoDueProgress(Math.floor(Date.now() / 86400000));

// Puts the history in storage before the app's first read (the page is fresh).
async function withHistory(page) {
  await page.addInitScript((p) => { if (!localStorage.getItem('derive.progress')) localStorage.setItem('derive.progress', JSON.stringify(p)); }, history);
}

// The card shown in `scope`: its exercise id and variant ("variant 3").
async function cardOf(scope) {
  await scope.locator('input[name="answer"]').first().waitFor();
  const id = await scope.getAttribute('data-exercise');
  const variant = Number((await scope.locator('.variant').textContent()).match(/variant (\d+)/)[1]);
  return { id, variant };
}

// Starts a drill round of five LLM questions.
async function startDrill(page) {
  await page.goto(`${env.url}#/drill`);
  await page.waitForSelector('form.drill-setup');
  for (const box of await page.locator('input[name="chapter"]').all()) await box.setChecked((await box.getAttribute('value')) === 'llm');
  await page.locator('select[name="size"]').selectOption('5');
  await page.locator('[data-action="start"]').click();
  await page.locator('.drill-question input[name="answer"]').first().waitFor();
}

// Answers the drill's question on the screen, right or wrong.
async function answerDrill(page, right) {
  const card = page.locator('.drill-question');
  const { id, variant } = await cardOf(card);
  const answers = (right ? rightAnswers : wrongAnswers)(show(id, variant));
  const inputs = card.locator('input[name="answer"]');
  for (let i = 0; i < answers.length; i++) await inputs.nth(i).fill(answers[i]);
  await inputs.last().press('Enter');
  await card.locator('[data-verdict]').waitFor();
}

const models = path.resolve(repo, '..', 'shared', 'models');
const noModels = fs.existsSync(path.join(models, 'README.md')) ? false : `${models} is missing: Analyze with a report is not tested`;
// Two convolutions: layers with practice questions (TFLM's own test model).
const MODEL = 'test_conv_model.tflite';

// Drops MODEL on the Analyze page, as a learner would, and opens the first
// layer's practice menu.
async function analyzed(page) {
  await page.goto(`${env.url}#/analyze`);
  await appReady(page);
  await page.waitForSelector('#model-file');
  const transfer = await page.evaluateHandle(({ name, data }) => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(data)], name));
    return t;
  }, { name: MODEL, data: [...fs.readFileSync(path.join(models, MODEL))] });
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
  await page.waitForSelector('.analysis table');
  const menu = page.locator('.analysis details.practice').first();
  await menu.locator('summary').click();
  await menu.locator('a').first().waitFor();
  return menu;
}

const VIEWS = [
  ['home with the day\'s block', async (page) => {
    await withHistory(page);
    await page.goto(`${env.url}#/`);
    await appReady(page);
    await page.waitForSelector('section.today a');
  }],
  ['review', async (page) => {
    await withHistory(page);
    await page.goto(`${env.url}#/review`);
    await page.waitForSelector('section[aria-labelledby="due-heading"] li');
  }],
  ['the session with a rated answer', async (page) => {
    await withHistory(page);
    await page.goto(`${env.url}#/review/session`);
    const { id, variant } = await cardOf(page.locator('main [data-exercise]'));
    assert.equal(await answer(page, id, wrongAnswers(show(id, variant))), 'incorrect');
    await page.waitForSelector('.rated[data-rating]');
  }],
  ['progress', async (page) => {
    await withHistory(page);
    await page.goto(`${env.url}#/progress`);
    await page.waitForSelector('.mastery-grid');
  }],
  ['drill setup', async (page) => {
    await page.goto(`${env.url}#/drill`);
    await page.waitForSelector('form.drill-setup');
  }],
  ['drill question answered wrong', async (page) => {
    await startDrill(page);
    await answerDrill(page, false);
  }],
  ['drill results table', async (page) => {
    await startDrill(page);
    for (let i = 0; i < 5; i++) {
      await answerDrill(page, i !== 2);
      await page.keyboard.press('Enter');
    }
    await page.waitForSelector('.drill-results tbody tr');
  }],
  ['models with a report', async (page) => {
    await page.goto(`${env.url}#/models`);
    await appReady(page);
    await page.waitForSelector('.models section[aria-label="Serving memory"] tbody tr');
  }],
  ['not found', async (page) => {
    await page.goto(`${env.url}#/nowhere/at/all`);
    await page.waitForSelector('main h1:text("Nothing here")');
  }],
  ['exercise with numbers the engine refuses', async (page) => {
    await page.goto(`${env.url}#/ex/count.conv-params?p=kernel:three&from=layer%201`);
    await page.waitForSelector('[data-exercise="count.conv-params"] input[name="answer"]');
    await page.locator('.notice[role=status]').waitFor();
  }],
  ['embed panel open', async (page) => {
    await openExercise(page, env.url, 'llm.kv-cache', 7);
    await page.locator('button[data-action="embed"]').click();
    await page.locator('textarea[data-snippet="iframe"]').waitFor();
  }],
  ['assignment before the name', async (page) => {
    await page.goto(assignmentLink);
    await page.waitForSelector('input[name="learner"]');
  }],
  ['assignment answered, with its results code', async (page) => {
    await page.goto(assignmentLink);
    await page.fill('input[name="learner"]', 'Ada Lovelace');
    await page.press('input[name="learner"]', 'Enter');
    const card = page.locator('[data-exercise="llm.kv-cache"]');
    const { variant } = await cardOf(card);
    assert.equal(await answer(page, 'llm.kv-cache', rightAnswers(show('llm.kv-cache', variant))), 'correct');
    await page.click('[data-action="results-code"]');
    await page.locator('textarea[name="results-code"]').waitFor();
  }],
];

const MODEL_VIEWS = [
  ['analyze with a report and the practice menu open', analyzed],
  ['exercise opened with a layer\'s chosen numbers', async (page) => {
    const menu = await analyzed(page);
    await menu.locator('a').first().click();
    await page.waitForSelector('main [data-exercise] input[name="answer"]');
    await page.locator('.notice.source').waitFor();
  }],
];

describe('every other view passes axe at 1280 and 375 px, light and dark', () => {
  for (const [view, go] of VIEWS) test(view, () => assertAccessible(env, view, go));
  for (const [view, go] of MODEL_VIEWS) test(view, { skip: noModels }, () => assertAccessible(env, view, go));
});
