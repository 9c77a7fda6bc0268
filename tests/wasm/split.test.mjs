// derive.wasm is split by a profile of the first views (scripts/split-wasm.mjs,
// which draws variants 0..63): a card at any other variant must still need
// nothing of the deferred part. Every exercise at variants 0..1000 is drawn;
// the loader reports reaching the deferred part with a console warning
// ("placeholder function called"), which fails the test with where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factoryOf, giveCatalogue } from './catalogue.mjs';

const LAST_VARIANT = 1000;

test(`every exercise's card at variants 0..${LAST_VARIANT} runs on derive.wasm alone`, async () => {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...parts) => warnings.push(parts.join(' ')); // emscripten's err() under node
  try {
    const wasm = giveCatalogue(await factoryOf()());
    const call = (name, args) => wasm.ccall(name, 'string', args.map((a) => (typeof a === 'number' ? 'number' : 'string')), args);
    const ids = JSON.parse(call('derive_catalogue', [])).chapters.flatMap((c) => c.exercises.map((e) => e.id));
    assert.ok(ids.length >= 56);
    for (const id of ids) {
      for (let variant = 0; variant <= LAST_VARIANT; variant++) {
        call('derive_card', [id, variant]);
        assert.deepEqual(warnings, [], `${id} variant ${variant} reached the deferred part`);
      }
    }
  } finally {
    console.warn = warn;
  }
});
