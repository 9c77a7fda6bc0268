// The learner's day in the browser (issue 9, sections 2 and 3): the Review
// page and the day's session (due reviews first, then new exercises in book
// order, each at a fresh variant, the queue computed again after every
// answer), the Progress page's mastery grid and the home's "Today" block,
// all surviving a reload. The reference for every queue is the native
// `derive schedule --history FILE --today DAY` on the history the page's log
// stands for (docs/review.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { answer, appReady, axeViolations, deriveBin, deriveJson, rightAnswers, setup, twoDueProgress, withNewPage, wrongAnswers } from './harness.mjs';
import { execFileSync } from 'node:child_process';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });
const withPage = (fn, viewport) => withNewPage(env.browser, fn, viewport);

const DAY = 86400000;
const today = Math.floor(Date.now() / DAY);
const catalogue = deriveJson('exercise', 'list');
const title = (id) => catalogue.find((e) => e.id === id).title;
const show = (id, variant) => deriveJson('exercise', 'show', id, '--variant', String(variant));
const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('derive.progress')));

// `derive schedule --history` on a history text, today.
function nativeQueue(history) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-review-'));
  try {
    fs.writeFileSync(path.join(dir, 'h.txt'), history);
    return JSON.parse(execFileSync(deriveBin, ['schedule', '--history', path.join(dir, 'h.txt'), '--today', String(today), '--new-per-day', '5'], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Two exercises due today (harness.twoDueProgress).
const seeded = twoDueProgress(today);
let history = `llm.kv-cache ${today - 3} again\nquant.levels ${today - 3} again`;

async function seed(page, progress = seeded) {
  await page.goto(`${env.url}#/`);
  await appReady(page);
  await page.waitForLoadState('networkidle'); // the modules fetched after the first view: a reload would cut them off
  await page.evaluate((p) => localStorage.setItem('derive.progress', JSON.stringify(p)), progress);
  await page.reload(); // the page reads storage once
  await appReady(page);
  await page.waitForLoadState('networkidle');
}

// Does `act` (a click or a key) and waits until the session's card has been
// replaced by the next one.
async function moveOn(page, act) {
  const old = await page.locator('main [data-exercise]').elementHandle();
  await act();
  await page.waitForFunction((el) => !el.isConnected, old);
}

// The session's card now: its exercise id and variant.
async function sessionCard(page) {
  const card = page.locator('main [data-exercise]');
  await card.locator('input[name="answer"]').first().waitFor();
  const id = await card.getAttribute('data-exercise');
  const variant = Number((await card.locator('.variant').textContent()).replace(/\D/g, ''));
  return { id, variant };
}

describe('the day\'s session', () => {
  test('due reviews first, then new ones in book order, fresh variants, the queue changing after each answer', () => withPage(async ({ page }) => {
    await seed(page);
    let expected = nativeQueue(history);
    assert.deepEqual(expected.due.map((d) => d.exercise).sort(), ['llm.kv-cache', 'quant.levels'], 'the seed makes both due');
    assert.equal(expected.new.length, 5);

    await page.goto(`${env.url}#/review`);
    await page.waitForSelector('main h1:text("Review")');
    const dueList = page.locator('section[aria-labelledby="due-heading"] li');
    assert.deepEqual((await dueList.allTextContents()).map((t) => t.split(' · ')[0]), expected.due.map((d) => title(d.exercise)));
    assert.deepEqual(await page.locator('section[aria-labelledby="new-heading"] li').allTextContents(), expected.new.map(title), 'new ones in book order');

    await page.locator('a:text("Start today\'s session")').click();
    const answered = []; // [exercise, variant, correct] of each answer in the session
    // 1. The most overdue review, at the variant after the one seen.
    let card = await sessionCard(page);
    assert.equal(card.id, expected.due[0].exercise);
    assert.equal(card.variant, seeded.log.find((a) => a.exercise === card.id).variant + 1, 'a fresh variant');
    assert.match(await page.locator('.session-kind').textContent(), /^Review/);
    assert.equal(await answer(page, card.id, rightAnswers(show(card.id, card.variant))), 'correct');
    answered.push([card.id, card.variant, true]);
    // Right at once, in far less than half of the 90 s par: Easy.
    await page.waitForSelector('.rated[data-rating]');
    assert.equal(await page.locator('.rated').getAttribute('data-rating'), 'easy');
    history += `\n${card.id} ${today} easy`;
    expected = nativeQueue(history);
    const standing = expected.exercises.find((e) => e.exercise === card.id);
    assert.ok(standing.due_day > today, 'the review is no longer due');
    assert.match(await page.locator('.rated').textContent(), new RegExp(`in ${standing.due_day - today} days`));
    assert.equal(await page.locator('[data-left]').textContent(), `1 review and 5 new exercises left today`);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('next')), true, 'Next has the focus');
    await moveOn(page, () => page.keyboard.press('Enter'));

    // 2. The other review: wrong, rated Again, then moving on.
    card = await sessionCard(page);
    assert.equal(card.id, expected.due[0].exercise);
    assert.equal(await answer(page, card.id, wrongAnswers(show(card.id, card.variant))), 'incorrect');
    answered.push([card.id, card.variant, false]);
    await page.waitForSelector('.rated[data-rating="again"]');
    history += `\n${card.id} ${today} again`;
    expected = nativeQueue(history);
    assert.equal(expected.due.length, 0);
    assert.equal(await page.locator('[data-left]').textContent(), `0 reviews and 5 new exercises left today`);
    await moveOn(page, () => page.locator('[data-action="skip"]:text("Move on")').click());

    // 3. The first new exercise in book order, at variant 0.
    card = await sessionCard(page);
    assert.deepEqual(card, { id: expected.new[0], variant: 0 });
    assert.equal(await page.locator('.session-kind').textContent(), 'New exercise');
    assert.equal(await answer(page, card.id, rightAnswers(show(card.id, 0))), 'correct');
    answered.push([card.id, 0, true]);
    await page.waitForSelector('.rated[data-rating]');
    history += `\n${card.id} ${today} ${await page.locator('.rated').getAttribute('data-rating')}`;
    expected = nativeQueue(history);
    assert.equal(expected.new.length, 4, 'one of the five new ones is done');
    assert.equal(await page.locator('[data-left]').textContent(), `0 reviews and 4 new exercises left today`);

    // Skipping without an answer is not a review: the next new one waits at the end.
    await moveOn(page, () => page.locator('.next').click());
    card = await sessionCard(page);
    assert.equal(card.id, expected.new[0]);
    await moveOn(page, () => page.locator('[data-action="skip"]').click());
    assert.equal((await sessionCard(page)).id, expected.new[1]);

    // The log holds each answer with its variant, and the Review page says it after a reload.
    const log = (await stored(page)).log;
    assert.deepEqual(log.slice(2).map((a) => [a.exercise, a.variant, a.correct]), answered);
    await page.goto(`${env.url}#/review`);
    await page.reload();
    await page.waitForSelector('main h1:text("Review")');
    assert.equal(await page.locator('section[aria-labelledby="due-heading"] li').count(), 0);
    assert.deepEqual(await page.locator('section[aria-labelledby="new-heading"] li').allTextContents(), expected.new.map(title));
    const later = await page.locator('section[aria-labelledby="later-heading"] li').allTextContents();
    assert.ok(later.length >= 1 && later.some((t) => t.includes(title('quant.levels')) || t.includes(title('llm.kv-cache'))), 'coming up lists the reviewed ones');
  }));
});

describe('progress and the home page', () => {
  test('the mastery grid and the home\'s Today block follow the engine, and survive a reload', () => withPage(async ({ page }) => {
    await seed(page);
    const expected = nativeQueue(history.split('\n').slice(0, 2).join('\n'));
    const block = page.locator('section.today');
    await block.waitFor();
    assert.equal(await block.locator('[data-due]').getAttribute('data-due'), String(expected.due.length));
    assert.equal(await block.locator('[data-action="continue"]').getAttribute('href'), '#/review/session');

    await page.goto(`${env.url}#/progress`);
    await page.waitForSelector('main h1:text("Progress")');
    const cells = page.locator('.mastery-cells a');
    assert.equal(await cells.count(), catalogue.length, 'one cell per exercise');
    for (const e of expected.exercises) {
      const cell = page.locator(`.mastery-cells a[href="#/ex/${e.exercise}"]`);
      assert.ok((await cell.getAttribute('aria-label')).startsWith(`${title(e.exercise)}: ${e.mastery}`), e.exercise);
      assert.ok((await cell.textContent()).trim().length === 1, 'a symbol, not colour alone');
    }
    assert.equal(await page.locator('[data-totals]').textContent(), `0 of ${catalogue.length} mastered · 0 familiar · 2 learning · ${catalogue.length - 2} new`);
    await page.reload();
    await page.waitForSelector('main h1:text("Progress")');
    assert.match(await page.locator('.mastery-cells a[href="#/ex/llm.kv-cache"]').getAttribute('aria-label'), /: learning/);
  }));

  test('with nothing left for today, Continue leads to the first unsolved exercise', () => withPage(async ({ page }) => {
    const first = catalogue[0].id;
    await seed(page, { version: 2, exercises: { [first]: { attempts: 1, solved: [0], helped: [], shown: [], last: null } }, log: [] });
    // Five new ones started today: the cap is reached and nothing is due.
    const log = catalogue.slice(0, 5).map((e, i) => ({ exercise: e.id, variant: 0, correct: true, ms: 60000, hints: 0, slip: null, at: today * DAY + i }));
    await page.evaluate(({ ids, log }) => {
      const p = JSON.parse(localStorage.getItem('derive.progress'));
      p.log = log;
      for (const id of ids) p.exercises[id] = { attempts: 1, solved: [0], helped: [], shown: [], last: null };
      localStorage.setItem('derive.progress', JSON.stringify(p));
    }, { ids: catalogue.slice(0, 5).map((e) => e.id), log });
    await page.reload();
    const go = page.locator('section.today [data-action="continue"]');
    await go.waitFor();
    assert.equal(await go.getAttribute('href'), `#/ex/${catalogue[5].id}`);
  }));
});

describe('exercise pages', () => {
  test('previous and next say they do not keep the variant', () => withPage(async ({ page }) => {
    await page.goto(`${env.url}#/ex/${catalogue[1].id}?v=5`);
    await page.waitForSelector('nav.pager a[rel=next]');
    for (const rel of ['prev', 'next']) assert.match(await page.locator(`nav.pager a[rel=${rel}]`).textContent(), /its own numbers \(variant 0\)/);
  }));
});

describe('axe on the new views', () => {
  for (const [width, scheme] of [[1280, 'light'], [375, 'light'], [375, 'dark']]) {
    test(`review, session, progress and drill have no violations at ${width} px, ${scheme}`, () => withPage(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await seed(page);
      for (const [hash, ready] of [['#/', 'section.today'], ['#/review', 'section[aria-labelledby="due-heading"]'],
        ['#/review/session', 'main [data-exercise] input'], ['#/progress', '.mastery-grid'], ['#/drill', 'form.drill-setup']]) {
        await page.goto(`${env.url}${hash}`);
        await page.waitForSelector(ready);
        assert.deepEqual(await axeViolations(page), [], `${hash} at ${width} px`);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${hash}: no horizontal scrolling at ${width} px`);
      }
      // The session with a rating shown, and a drill question and its results.
      await page.goto(`${env.url}#/review/session?n=1`);
      const card = await sessionCard(page);
      await answer(page, card.id, wrongAnswers(show(card.id, card.variant)));
      await page.waitForSelector('.rated[data-rating]');
      assert.deepEqual(await axeViolations(page), [], `session with a rating at ${width} px`);
      await page.goto(`${env.url}#/drill`);
      await page.locator('select[name="size"]').selectOption('5');
      await page.locator('[data-action="start"]').click();
      await page.waitForSelector('.drill-question input[name="answer"]');
      assert.deepEqual(await axeViolations(page), [], `drill question at ${width} px`);
      const first = page.locator('.drill-question');
      const id = await first.getAttribute('data-exercise');
      const variant = Number((await first.locator('.variant').textContent()).match(/variant (\d+)/)[1]);
      await first.locator('input[name="answer"]').first().fill(wrongAnswers(show(id, variant))[0]);
      await first.locator('input[name="answer"]').first().press('Enter');
      await first.locator('[data-verdict]').waitFor();
      assert.deepEqual(await axeViolations(page), [], `drill answer at ${width} px`);
    }, { width }));
  }
  test('the header keeps every link on screen at 375 px', () => withPage(async ({ page }) => {
    await page.goto(`${env.url}#/`);
    await appReady(page);
    for (const link of await page.locator('header nav a').all()) {
      const box = await link.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 375, `${await link.textContent()} is within the screen`);
    }
  }, { width: 375 }));
});
