#!/usr/bin/env node
// The bytes one page of the web trainer fetches on a cold first load, per file
// and in total: the compressed body as sent (Content-Length; the server
// answers chromium's Accept-Encoding with brotli). The service worker is
// blocked, so its background download of the whole version (after the first
// view) is not counted: that is not the first load.
//
// Usage: node bench/web/first-load.mjs [ROUTE...]
//   (default: "#/", "#/ex/count.conv-macs", "#/analyze" and "#/models")
// Environment: as the browser tests (tests/e2e/harness.mjs): DERIVE_BIN,
// DERIVE_SITE, CHROMIUM. Prints; asserts nothing.
import { appReady, setup } from '../../tests/e2e/harness.mjs';

const routes = process.argv.length > 2 ? process.argv.slice(2) : ['#/', '#/ex/count.conv-macs', '#/analyze', '#/models'];
const env = await setup();
try {
  for (const route of routes) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const files = new Map(); // request id -> {url, encoding, body}
    cdp.on('Network.requestWillBeSent', (e) => files.set(e.requestId, { url: e.request.url }));
    cdp.on('Network.responseReceived', (e) => {
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      Object.assign(files.get(e.requestId), { encoding: headers['content-encoding'] ?? 'identity',
        body: Number(headers['content-length']) });
    });
    await page.goto(env.url + route);
    await appReady(page);
    await page.waitForLoadState('networkidle');
    await context.close();
    const rows = [...files.values()];
    const name = (r) => r.url.slice(env.url.length) || '(index.html)';
    const width = Math.max(...rows.map((r) => name(r).length), 5);
    console.log(`\nfirst load of ${route}: ${rows.length} requests`);
    for (const r of rows) {
      console.log(`  ${name(r).padEnd(width)}  ${r.encoding.padEnd(8)}  ${String(r.body).padStart(9)}`);
    }
    const total = rows.reduce((sum, r) => sum + r.body, 0);
    console.log(`  ${'total'.padEnd(width)}  ${''.padEnd(8)}  ${String(total).padStart(9)} B compressed bodies`);
  }
} finally {
  await env.close();
}
