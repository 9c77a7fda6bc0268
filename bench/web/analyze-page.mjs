#!/usr/bin/env node
// The Analyze page's speed in a real browser (Debian chromium, `derive serve`
// on 127.0.0.1): from the moment a model file is chosen (the input's change
// event) to the animation frame after its layer table is in the page (when it
// can first be painted), over several fresh pages, each analysing the file
// once. Prints the times and the median; asserts nothing.
//
// Usage: node bench/web/analyze-page.mjs [FILE...]   (default: the largest
// model of ../shared/models). Environment: as tests/e2e/harness.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { appReady, repo, setup } from '../../tests/e2e/harness.mjs';

const LOADS = 7;
const models = path.resolve(repo, '..', 'shared', 'models');
const largest = () => fs.readdirSync(models).filter((f) => /\.(tflite|onnx)$/.test(f))
  .map((f) => path.join(models, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const files = process.argv.length > 2 ? process.argv.slice(2) : [largest()];

// Installed in the page before the file is chosen: resolves window.__painted
// with the milliseconds from the change event to the frame after the table.
function probe() {
  window.__painted = new Promise((resolve) => {
    document.getElementById('model-file').addEventListener('change', () => {
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (!document.querySelector('.analysis table')) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      });
      observer.observe(document.body, { subtree: true, childList: true });
    }, { capture: true });
  });
}

const env = await setup();
try {
  for (const file of files) {
    const times = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await env.browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${env.url}#/analyze`);
      await appReady(page);
      await page.waitForSelector('#model-file');
      await page.evaluate(probe);
      await page.setInputFiles('#model-file', file);
      times.push(await page.evaluate(() => window.__painted));
      await context.close();
    }
    times.sort((a, b) => a - b);
    console.log(`${path.basename(file)} (${fs.statSync(file).size} B): file chosen to table painted, ` +
      `median ${times[LOADS >> 1].toFixed(1)} ms of ${LOADS} (${times.map((t) => t.toFixed(1)).join(', ')})`);
  }
} finally {
  await env.close();
}
