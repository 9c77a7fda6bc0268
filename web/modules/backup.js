// Keeping progress: export to a file and import from one (beside "Reset
// progress" in the footer), and the notice shown when progress could not be
// saved. Loaded after the first view is drawn; store.js keeps a save failure
// that happens before then and reports it on subscription.
import { h } from './dom.js';
import * as store from './store.js';

// A save failure (a full storage quota, for instance): a banner at the top of
// the page that stays until dismissed; the latest message replaces an older one.
function showSaveProblem(message) {
  document.getElementById('save-problem')?.remove();
  const dismiss = h('button', { type: 'button', class: 'quiet' }, 'Dismiss');
  const notice = h('div', { id: 'save-problem', class: 'update', role: 'alert' }, h('p', null, message), dismiss);
  dismiss.addEventListener('click', () => notice.remove());
  document.body.prepend(notice);
}

// derive-progress-2026-12-02.json (the local date).
function fileName(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `derive-progress-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked a while later: a download may still be reading the URL just after the click.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Appends Export and Import to `box` and starts reporting save failures.
export function backupControls(box) {
  store.on('error', showSaveProblem);
  const said = h('span', { class: 'said', role: 'status' });
  const exportButton = h('button', { type: 'button', class: 'quiet', 'data-action': 'export' }, 'Export progress');
  exportButton.addEventListener('click', () => {
    download(`${JSON.stringify(store.load(), null, 1)}\n`, fileName());
    said.textContent = 'Progress exported as a file.';
  });
  const file = h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-action': 'import-file' });
  const importButton = h('button', { type: 'button', class: 'quiet', 'data-action': 'import' }, 'Import progress');
  importButton.addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    file.value = '';
    if (!chosen) return;
    let text;
    try {
      text = await chosen.text();
    } catch (error) {
      said.textContent = `${chosen.name} could not be read (${error.message}); your progress is unchanged.`;
      return;
    }
    const read = store.readImport(text);
    if (read.error) {
      said.textContent = `${chosen.name}: ${read.error} Your progress is unchanged.`;
      return;
    }
    // Merged, never replaced: what this device has and the file lacks is kept.
    store.update(store.merge(store.load(), read.progress));
    const n = Object.keys(read.progress.exercises).length;
    said.textContent = `Imported ${chosen.name}: ${n} ${n === 1 ? 'exercise' : 'exercises'}, merged with the progress here.`;
  });
  box.append(h('span', { class: 'backup', role: 'group', 'aria-label': 'Keep your progress' }, exportButton, importButton, file, said));
}
