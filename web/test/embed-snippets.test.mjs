// node --test web/test/embed-snippets.test.mjs : the embed snippets' text and
// the iframe page's address (modules/embed-snippets.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementSnippet, frameTarget, heightListener, iframeSnippet } from '../modules/embed-snippets.js';

const site = 'https://example.org/derive/';

test('the element snippet loads embed.js from the site and names the exercise and variant', () => {
  assert.equal(elementSnippet(site, { id: 'llm.kv-cache', variant: 7 }),
    '<script type="module" src="https://example.org/derive/embed.js"></script>\n'
    + '<derive-exercise id="llm.kv-cache" variant="7"></derive-exercise>');
});

test('the iframe address reads back as the exercise and variant it was written for', () => {
  const snippet = iframeSnippet(site, { id: 'llm.kv-cache', variant: 12, title: 'Size of the "KV" cache' });
  const src = snippet.match(/^<iframe src="([^"]+)"/)[1];
  const url = new URL(src);
  assert.equal(url.origin + url.pathname, 'https://example.org/derive/embed.html');
  assert.deepEqual(frameTarget(url.hash), { id: 'llm.kv-cache', variant: '12', chapter: null });
  assert.match(snippet, / title="derive exercise: Size of the &quot;KV&quot; cache" /, 'the title is escaped');
  assert.deepEqual(frameTarget('#?chapter=quantize&v=random'), { id: null, variant: 'random', chapter: 'quantize' });
});

test('the height listener accepts the site origin only, and bounded numbers only', () => {
  const script = heightListener(site).replace(/^<script>|<\/script>$/g, '');
  const frames = [{ contentWindow: 'frame-1', style: {} }, { contentWindow: 'frame-2', style: {} }];
  const listeners = [];
  // The snippet's globals, so it runs as it would on a host page.
  new Function('addEventListener', 'document', script)((type, fn) => listeners.push([type, fn]),
    { querySelectorAll: () => frames });
  assert.deepEqual(listeners.map(([type]) => type), ['message']);
  const send = (origin, source, data) => listeners[0][1]({ origin, source, data });
  send('https://example.org', 'frame-2', { type: 'derive:height', height: 321.2 });
  assert.deepEqual(frames.map((f) => f.style.height), [undefined, '322px']);
  for (const [origin, data] of [
    ['https://evil.example', { type: 'derive:height', height: 10 }],
    ['https://example.org', { type: 'derive:height', height: '10' }],
    ['https://example.org', { type: 'derive:height', height: -1 }],
    ['https://example.org', { type: 'derive:height', height: 1e9 }],
    ['https://example.org', { type: 'derive:height', height: NaN }],
    ['https://example.org', { type: 'other', height: 10 }],
    ['https://example.org', null],
  ]) send(origin, 'frame-1', data);
  assert.deepEqual(frames.map((f) => f.style.height), [undefined, '322px'], 'nothing else changed a height');
});
