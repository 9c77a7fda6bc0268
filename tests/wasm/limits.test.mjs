// The bounds on what the page hands the WebAssembly engine, through
// web/modules/engine.js and through the exports themselves: an oversized paste
// is an {error} with the engine's message, the next call works, and each bound
// accepts exactly its size and refuses one byte more.
// Run: node --test tests/wasm/ (DERIVE_WASM_DIR overrides build/wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FIELD_CHARACTERS } from '../../web/modules/engine.js';
import { factoryOf, loadTestEngine } from './catalogue.mjs';

// The engine, and the module under it for the exports called directly.
const rawFactory = factoryOf();
let module;
const engine = await loadTestEngine({ factory: async (options) => (module = await rawFactory(options)) });

// An export called directly, its text in malloc'd memory: what the C++ says
// when the JavaScript checks are bypassed.
function direct(name, ...args) {
  const pointers = args.map((arg) => {
    if (typeof arg !== 'string') return arg;
    const size = module.lengthBytesUTF8(arg) + 1;
    const pointer = module._malloc(size);
    module.stringToUTF8(arg, pointer, size);
    return pointer;
  });
  try {
    return JSON.parse(module.UTF8ToString(module[`_${name}`](...pointers)));
  } finally {
    pointers.forEach((p, i) => typeof args[i] === 'string' && module._free(p));
  }
}

const tooLong = (what, bytes) => `${what} is too long: ${bytes} bytes; at most 4096 bytes (4 KiB) are accepted`;

test('the engine reports its bounds, and a full field fits them', () => {
  assert.deepEqual(engine.limits, { field_bytes: 4096, call_bytes: 65536 });
  assert.ok(MAX_FIELD_CHARACTERS * 3 <= engine.limits.field_bytes);
});

test('a pasted 1.4 MB answer or expression is an error, and the next call still works', () => {
  const paste = '9'.repeat(1_400_000);
  for (let round = 0; round < 3; round++) {
    assert.deepEqual(engine.grade('llm.kv-cache', 0, [paste]), { error: tooLong('answer 1', 1_400_000) });
    assert.deepEqual(engine.calc(paste), { error: tooLong('the expression', 1_400_000) });
    assert.deepEqual(engine.card(paste, 0), { error: tooLong('the exercise id', 1_400_000) });
    // The same through the exports, past the JavaScript checks.
    assert.deepEqual(direct('derive_calc', paste), { error: tooLong('the expression', 1_400_000) });
    assert.deepEqual(direct('derive_grade', 'llm.kv-cache', 0, paste), { error: tooLong('answer 1', 1_400_000) });
    assert.equal(engine.calc('2^10 * 3').value, 3072);
    assert.equal(engine.grade('llm.kv-cache', 0, ['268.4 MB']).status, 'correct');
  }
});

test('each bound accepts exactly its size and refuses one byte more, in JavaScript and in C++ alike', () => {
  // An answer: at the bound the grader reads it (and says it is no answer).
  const at = '7'.repeat(4096);
  assert.equal(engine.grade('llm.kv-cache', 0, [at]).status, 'unreadable');
  assert.equal(direct('derive_grade', 'llm.kv-cache', 0, at).status, 'unreadable');
  assert.deepEqual(engine.grade('llm.kv-cache', 0, ['1', `${at}7`]), { error: tooLong('answer 2', 4097) });
  assert.deepEqual(direct('derive_check', 'llm.kv-cache', 0, `1\x1f${at}7`), { error: tooLong('answer 2', 4097) });
  // Multi-byte text counts in UTF-8 bytes: 2048 'µ' are 4096 bytes.
  assert.equal(engine.grade('llm.kv-cache', 0, ['µ'.repeat(2048)]).status, 'unreadable');
  assert.deepEqual(engine.grade('llm.kv-cache', 0, ['µ'.repeat(2048) + '1']), { error: tooLong('answer 1', 4097) });

  // An expression: 1+1+...+1 of exactly 4096 bytes evaluates.
  const sum = `${'1+'.repeat(2047)}1 `;
  assert.equal(sum.length, 4096);
  assert.equal(engine.calc(sum).value, 2048);
  assert.equal(direct('derive_calc', sum).value, 2048);
  assert.deepEqual(engine.calc(`${sum} `), { error: tooLong('the expression', 4097) });
  assert.deepEqual(direct('derive_calc', `${sum} `), { error: tooLong('the expression', 4097) });

  // An id: at the bound it is only unknown.
  assert.match(engine.show('x'.repeat(4096), 0).error, /^unknown exercise/);
  assert.deepEqual(engine.show('x'.repeat(4097), 0), { error: tooLong('the exercise id', 4097) });
  assert.deepEqual(direct('derive_show', 'x'.repeat(4097), 0), { error: tooLong('the exercise id', 4097) });

  // A whole call: the id and the joined answers (separators included), 64 KiB.
  const id = 'llm.kv-cache';
  const answersFilling = (total) => {
    const answers = [];
    let used = id.length - 1; // no separator before the first answer
    while (used < total) {
      const size = Math.min(4096, total - used - 1);
      answers.push('1'.repeat(size));
      used += size + 1;
    }
    return answers;
  };
  const full = answersFilling(65536);
  assert.equal(id.length + full.join('\x1f').length, 65536);
  assert.equal(engine.grade(id, 0, full).status, 'unreadable'); // 17 parts for a one-part question
  const over = answersFilling(65537);
  const message = 'the text of this call is too long: 65537 bytes; at most 65536 bytes (64 KiB) are accepted in one call';
  assert.deepEqual(engine.grade(id, 0, over), { error: message });
  assert.deepEqual(direct('derive_grade', id, 0, over.join('\x1f')), { error: message });
});
