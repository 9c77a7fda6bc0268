// node --test web/test/numbers.test.mjs : digit grouping in calculator fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ungroupDigits } from '../modules/numbers.js';

test('grouped digits become one number, in every grouping people type', () => {
  for (const [typed, plain] of [['4,096', '4096'], ['1,048,576', '1048576'], ['1 048 576', '1048576'],
    ['1\u2009234', '1234'], ['1\u202f234,5', '1234,5'], ['1,234.5', '1234.5'], ['-16,384', '-16384'], ['2^10', '2^10']]) {
    assert.equal(ungroupDigits(typed), plain, typed);
  }
});

test('other commas still separate the items of a list', () => {
  for (const text of ['1,2,3', '4096, 8192', '0.5, 0.25', '1,23', '12,3456']) {
    assert.equal(ungroupDigits(text), text, text);
  }
  assert.equal(ungroupDigits('4,096, 8,192'), '4096, 8192');
});
