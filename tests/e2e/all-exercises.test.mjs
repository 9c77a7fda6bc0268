// Every exercise of the catalogue (ids from `derive exercise list --json`),
// opened by its deep link: the page shows the CLI's prompt, grades the CLI's
// right answer as correct and twice it as incorrect, and makes no request
// between the first keystroke and the verdict (grading runs in the page) but,
// once per page, the engine's deferred part (derive.deferred.wasm, fetched on
// the first keystroke; docs/web.md, "The engine comes in two parts"). It
// shows the engine's formula, and a picture exactly where the catalogue has one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { answer, deriveJson, newPage, openExercise, promptText, repo, rightAnswers, setup, wrongAnswers } from './harness.mjs';

const exercises = deriveJson('exercise', 'list');
// Variant 0 by a fresh page load; a later variant by a hash change in the
// same page, the way a link followed inside the app arrives.
const VARIANTS = [0, 3];

// The exercises whose catalogue entry has a `picture` line (catalogue/*.toml).
const pictured = new Set();
for (const file of fs.readdirSync(path.join(repo, 'catalogue')).filter((f) => f.endsWith('.toml'))) {
  let id = null;
  for (const line of fs.readFileSync(path.join(repo, 'catalogue', file), 'utf8').split('\n')) {
    id = line.match(/^id = "([^"]+)"/)?.[1] ?? id;
    if (line.startsWith('picture = ')) pictured.add(id);
  }
}
// The characters of the MathML's tokens, as the page's textContent gives them.
const mathText = (mathml) => mathml.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

let env, p;
before(async () => {
  env = await setup();
  p = await newPage(env.browser);
});
after(async () => {
  await p?.context.close();
  await env?.close();
});

test('the catalogue has the 50 exercises of the contract and the 6 of the chapter "real"', () => {
  assert.equal(exercises.length, 56);
  assert.equal(new Set(exercises.map((e) => e.id)).size, 56);
  assert.equal(pictured.size, 10, [...pictured].join(', '));
});

for (const { id } of exercises) {
  test(`${id}: right answer correct, twice it incorrect, no request while grading`, async () => {
    for (const variant of VARIANTS) {
      const show = deriveJson('exercise', 'show', id, '--variant', String(variant));
      if (variant === VARIANTS[0]) {
        await p.page.goto('about:blank');
        await openExercise(p.page, env.url, id, variant);
      } else {
        await p.page.evaluate(([i, v]) => { location.hash = `#/ex/${i}?v=${v}`; }, [id, variant]);
        await p.page.waitForFunction((v) => document.querySelector('.variant')?.textContent === `variant ${v}`, variant);
        await p.page.waitForFunction(() => !document.querySelector('.picture-slot'));
      }
      const where = `${id} variant ${variant}`;
      const card = p.page.locator(`[data-exercise="${id}"]`);
      assert.equal(await promptText(card), show.prompt, `${where}: prompt`);
      // The maths it writes as plain text is typeset: no ^ or _ outside <math>.
      const plain = await card.locator('.prompt').evaluate((el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join(''));
      assert.doesNotMatch(plain, /[\p{L}\p{N})\]][_^]/u, `${where}: raw maths in the prompt`);
      assert.ok(show.formula, `${where}: the catalogue gives a formula`);
      assert.equal(await card.locator('.formula math').count(), 1, `${where}: one formula`);
      assert.equal(await card.locator('.formula math').textContent(), mathText(show.formula.mathml), `${where}: the engine's formula`);
      assert.equal(await card.locator('figure.picture svg.plot').count(), pictured.has(id) ? 1 : 0, `${where}: picture`);
      const parts = await p.page.locator(`[data-exercise="${id}"] input[name="answer"]`).count();
      assert.equal(parts, rightAnswers(show).length, `${where}: one field per part`);

      const from = p.requests.length;
      assert.equal(await answer(p.page, id, rightAnswers(show)), 'correct', `${where}: ${rightAnswers(show)}`);
      assert.equal(await answer(p.page, id, wrongAnswers(show)), 'incorrect', `${where}: ${wrongAnswers(show)}`);
      const during = p.requests.slice(from).map((url) => new URL(url).pathname);
      const code = during.filter((name) => name.endsWith('/derive.deferred.wasm'));
      assert.ok(code.length <= (variant === VARIANTS[0] ? 1 : 0), `${where}: the deferred part fetched ${code.length} times`);
      assert.deepEqual(during.filter((name) => !code.includes(name)), [], `${where}: no request while grading`);
    }
    assert.deepEqual(p.problems, [], 'no console errors or warnings and no page errors');
  });
}
