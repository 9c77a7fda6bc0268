// node --test web/test/page-heads.test.mjs : embed.html (the iframe form of
// the embed) repeats the lines of index.html's head that say how any derive
// page is drawn; the two pages are written out in full, not assembled from a
// shared part at staging, so this keeps them from drifting apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const page = (name) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

// The encoding, the mobile viewport, the light and dark themes, the empty
// icon and the stylesheet; the notice for a browser without JavaScript.
const SHARED = [/<meta charset=[^>]*>/, /<meta name="viewport"[^>]*>/, /<meta name="color-scheme"[^>]*>/,
  /<link rel="icon"[^>]*>/, /<link rel="stylesheet"[^>]*>/, /<noscript>.*<\/noscript>/];

test('embed.html has index.html\'s charset, viewport, colour scheme, icon, stylesheet and noscript', () => {
  const index = page('index.html');
  const embed = page('embed.html');
  for (const pattern of SHARED) {
    const line = index.match(pattern)?.[0];
    assert.ok(line, `index.html has no ${pattern}`);
    assert.equal(embed.match(pattern)?.[0], line, `embed.html differs from index.html on ${line}`);
  }
});
