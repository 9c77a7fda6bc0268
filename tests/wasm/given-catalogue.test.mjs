// derive.wasm embeds no catalogue (src/wasm/given_catalogue.cpp): the page
// gives it the book's index and then the chapters it shows
// (derive_load_chapters). What it knows at each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueReader, factoryOf } from './catalogue.mjs';

test('an exercise is known once its chapter is given, the index alone fixes the book order', async () => {
  const wasm = await factoryOf()();
  const call = (name, types, args) => JSON.parse(wasm.ccall(name, 'string', types, args));
  const load = (text, index) => call('derive_load_chapters', ['string', 'number'], [text, index ? 1 : 0]);
  const read = catalogueReader();

  assert.deepEqual(call('derive_catalogue', [], []).chapters, [], 'nothing embedded');
  const index = JSON.parse(await read('index.json'));
  assert.deepEqual(load(await read('index.json'), true), { added: index.length });
  const book = call('derive_catalogue', [], []).chapters;
  assert.deepEqual(book.map((c) => c.name), index.map((c) => c.chapter));

  // The last chapter's exercise before and after its chapter comes.
  const last = book.at(-1);
  const id = last.exercises[0].id;
  assert.match(call('derive_card', ['string', 'number'], [id, 0]).error, /unknown exercise/);
  assert.deepEqual(load(await read(`${last.name}.json`), false), { added: 1 });
  assert.equal(call('derive_card', ['string', 'number'], [id, 0]).id, id);
  assert.deepEqual(load(await read(`${last.name}.json`), false), { added: 0 }, 'a chapter is read once');
  // Given out of book order, the chapters keep the index's order.
  assert.deepEqual(call('derive_catalogue', [], []).chapters.map((c) => c.name), book.map((c) => c.name));
  assert.match(call('derive_card', ['string', 'number'], [book[0].exercises[0].id, 0]).error, /unknown exercise/);

  assert.ok(load('[{"chapter": ', false).error, 'broken JSON is refused with a reason');
});
