// The files an exercise page at variant 0 is drawn from before the engine is
// in (scripts/first-cards.mjs, staged as catalogue/cards/<id>.json) and the
// table of contents read from catalogue/index.json (web/modules/engine.js's
// tableOfContents) are what the engine itself gives once it is loaded, so
// the early page is the page the engine would draw.
// Run: node --test tests/wasm/first-cards.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { catalogueFiles } from '../../scripts/catalogue-files.mjs';
import { CARDS_FOLDER, firstCards, NOT_DRAWN } from '../../scripts/first-cards.mjs';
import { tableOfContents } from '../../web/modules/engine.js';
import { cliOutput as native, loadTestEngine, wasmDir } from './catalogue.mjs';

const catalogue = () => catalogueFiles(path.join(wasmDir, 'generated', 'catalogue.json'));

test('one first card per exercise, each the engine\'s card at variant 0 less the fields not drawn, whose show part is the native CLI\'s', async () => {
  const cards = new Map((await firstCards(wasmDir, catalogue())).map(([name, bytes]) => [name, bytes.toString('utf8')]));
  const listed = JSON.parse(native(['exercise', 'list', '--json'])).map((e) => e.id);
  assert.deepEqual([...cards.keys()].sort(), listed.map((id) => `catalogue/${CARDS_FOLDER}/${id}.json`).sort());
  // A second engine, loaded as the page loads it, with only the index given first.
  const engine = await loadTestEngine();
  for (const id of listed) {
    const staged = JSON.parse(cards.get(`catalogue/${CARDS_FOLDER}/${id}.json`));
    const card = engine.card(id, 0);
    for (const field of NOT_DRAWN) {
      assert.ok(field in card, `${id}: the engine's card has ${field}, which the staged one leaves out`);
      delete card[field];
    }
    assert.deepEqual(staged, card, `${id}: the staged card is the engine's`);
    const show = JSON.parse(native(['exercise', 'show', id, '--variant', '0', '--json']));
    for (const [key, value] of Object.entries(show)) {
      if (!NOT_DRAWN.includes(key)) assert.deepEqual(staged[key], value, `${id}: ${key} is the CLI's`);
    }
    assert.equal(staged.variant, 0, id);
  }
});

test('the table of contents read from index.json is the engine\'s catalogue', async () => {
  const index = new Map(catalogue()).get('catalogue/index.json').toString('utf8');
  const engine = await loadTestEngine({ exercises: [] });
  const contents = tableOfContents(index);
  assert.deepEqual(contents, engine.catalogue().chapters);
  assert.equal(contents.flatMap((c) => c.exercises).length, JSON.parse(native(['exercise', 'list', '--json'])).length);
});

test('an index that is not the book\'s stages no cards: the error says what was expected', async () => {
  const broken = catalogue().map(([name, bytes]) => [name, name === 'catalogue/index.json' ? Buffer.from('{"not": "an index"}') : bytes]);
  await assert.rejects(firstCards(wasmDir, broken), /catalogue\/index\.json is not the book's index \(.*\); expected \[\{chapter/);
  assert.throws(() => tableOfContents('[{'), /catalogue\/index\.json is not the book's index \(.*JSON/);
});
