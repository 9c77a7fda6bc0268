// The exercise page's "Embed" button: both snippets (modules/embed-snippets.js,
// fetched the first time the panel opens) for the exercise at the variant on
// screen, with the site's own address, each with a Copy button that says when
// it has copied.
import { h, uid } from './dom.js';

// target(): {id, variant, title} at the moment the panel opens.
export function embedControl(target) {
  const panel = h('section', { class: 'embed-panel', id: uid('embed'), hidden: true, 'aria-labelledby': uid('embed-title') });
  const button = h('button', { type: 'button', class: 'quiet', 'data-action': 'embed', 'aria-expanded': 'false', 'aria-controls': panel.id }, 'Embed');
  const title = h('h2', { id: panel.getAttribute('aria-labelledby') }, 'Embed this exercise');
  const statuses = []; // one per snippet, beside its Copy button; a new copy clears the others
  const block = (label, note, text, name) => {
    const area = h('textarea', { id: uid('snippet'), readonly: true, rows: text.split('\n').length, spellcheck: 'false', 'data-snippet': name });
    area.value = text;
    const status = h('span', { class: 'copied', role: 'status' });
    statuses.push(status);
    const copy = h('button', { type: 'button', class: 'quiet', 'data-copy': name }, `Copy ${label.toLowerCase()}`);
    copy.addEventListener('click', async () => {
      for (const other of statuses) other.textContent = '';
      try {
        await navigator.clipboard.writeText(area.value);
        status.textContent = `Copied the ${label.toLowerCase()} snippet.`;
      } catch {
        area.select();
        status.textContent = 'The browser did not allow copying: the text is selected, press Ctrl+C (⌘C).';
      }
    });
    return h('div', { class: 'snippet' }, h('label', { for: area.id }, label), h('p', { class: 'hint' }, note), area,
      h('div', { class: 'copy-row' }, copy, status));
  };
  let opened = 0; // counts openings, so a slow fetch fills only the latest
  button.addEventListener('click', () => {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (!open) return;
    const turn = ++opened;
    const site = new URL('./', location.href).href;
    const t = target();
    statuses.length = 0;
    panel.replaceChildren(title); // never the snippets of an earlier opening
    import('./embed-snippets.js').then(({ elementSnippet, iframeSnippet }) => {
      if (turn !== opened) return;
      panel.replaceChildren(title,
        block('Custom element', 'For pages that allow scripts: the card lives in the page, and a derive-answer event reports each checked answer.', elementSnippet(site, t), 'element'),
        block('Iframe', 'For pages that allow no scripts of ours; the script after it, optional, makes the frame as tall as the card.', iframeSnippet(site, t), 'iframe'));
    }, (error) => {
      if (turn !== opened) return;
      panel.replaceChildren(title, h('p', { class: 'error' },
        `The snippets could not be loaded (${error.message}); this device may be offline with this version of derive not stored yet.`));
    });
  });
  return h('div', { class: 'embed-control' }, button, panel);
}
