// The assignment page (docs/instructors.md): an instructor's link opens the
// set, the learner's name gives exactly the variants `derive assignment
// variants` regenerates, and the results code the page makes verifies with
// `derive assignment verify` and grades the answers that were checked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { answer, axeViolations, deriveBin, deriveJson, rightAnswers, setup, withNewPage, wrongAnswers } from './harness.mjs';

const ids = ['llm.kv-cache', 'quant.levels', 'count.conv-macs'];
let env, scratch, key;
const derive = (...args) => spawnSync(deriveBin, args, { encoding: 'utf8' });

before(async () => {
  env = await setup();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-assignment-'));
  key = path.join(scratch, 'instructor.key');
  fs.writeFileSync(key, 'a private instructor key, 32 B..');
});
after(async () => {
  await env?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

test('the learner gets their own variants and hands in a code that verifies', () => withNewPage(env.browser, async ({ page }) => {
  const created = derive('assignment', 'create', '--name', 'week 3', '--exercises', ids.join(','), '--key-file', key, '--base', env.url);
  assert.equal(created.status, 0, created.stderr);
  const link = created.stdout.trim();
  await page.goto(link);
  await page.waitForSelector('input[name="learner"]');
  assert.equal(await page.locator('main h1').textContent(), 'Assignment: week 3');
  assert.deepEqual(await axeViolations(page), []);

  await page.fill('input[name="learner"]', '  Ada   Lovelace ');
  await page.press('input[name="learner"]', 'Enter');
  await page.waitForSelector(`[data-exercise="${ids[2]}"] input[name="answer"]`);
  // The variants the instructor regenerates from the link and the name.
  const listed = derive('assignment', 'variants', link, '--learner', 'Ada Lovelace').stdout;
  const variants = ids.map((id) => Number(new RegExp(`${id.replace('.', '\\.')} variant (\\d+)`).exec(listed)[1]));
  for (const [i, id] of ids.entries()) {
    const shown = await page.locator(`[data-exercise="${id}"] p.variant`).textContent();
    assert.equal(shown, `variant ${variants[i]}`, id);
    assert.equal(await page.locator(`[data-exercise="${id}"] [data-action="new-variant"]`).count(), 0, 'the numbers are fixed');
  }
  const show = (i) => deriveJson('exercise', 'show', ids[i], '--variant', String(variants[i]));
  assert.equal(await answer(page, ids[0], rightAnswers(show(0))), 'correct');
  assert.equal(await answer(page, ids[1], wrongAnswers(show(1))), 'incorrect');
  // The third is left unanswered.
  await page.click('[data-action="results-code"]');
  const code = await page.inputValue('textarea[name="results-code"]');
  assert.match(code, /^r1~/);
  assert.deepEqual(await axeViolations(page), []);

  const verified = derive('assignment', 'verify', code, '--key-file', key);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /learner ada lovelace/);
  assert.match(verified.stdout, new RegExp(`${ids[0].replace('.', '\\.')} variant ${variants[0]}: correct`));
  assert.match(verified.stdout, new RegExp(`${ids[1].replace('.', '\\.')} variant ${variants[1]}: wrong`));
  assert.match(verified.stdout, /Score: 1 of 3 correct/);
  // Under another key the same code is not authentic.
  const other = path.join(scratch, 'other.key');
  fs.writeFileSync(other, 'another instructor key, 32 B....');
  assert.equal(derive('assignment', 'verify', code, '--key-file', other).status, 1);
}));

test('a cut link says so', () => withNewPage(env.browser, async ({ page }) => {
  await page.goto(`${env.url}#/assignment/1~d2VlayAz~llm.kv-cache~0123`);
  await page.waitForSelector('main p.error');
  assert.equal(await page.locator('main h1').textContent(), 'This assignment link cannot be read');
  assert.match(await page.locator('main p.error').textContent(), /32 hex digits/);
}));
