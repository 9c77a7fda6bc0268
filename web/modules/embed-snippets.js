// The two embed snippets an exercise page offers (docs/instructors.md), as
// text, and the iframe page's address: `site` is the site's root URL
// ("https://example.org/derive/").
// Pure functions of their arguments, so the browser test builds its host
// page from the very text the Embed button shows.

const attribute = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// The custom element: one script (once per page), then any number of elements.
export function elementSnippet(site, { id, variant }) {
  return `<script type="module" src="${attribute(new URL('embed.js', site).href)}"></script>\n`
    + `<derive-exercise id="${attribute(id)}" variant="${attribute(variant)}"></derive-exercise>`;
}

// The host side of the iframe's height messages (embed-frame.js): accepted
// only from the site's origin, only from one of this page's iframes (which
// then gets the height), only in the documented shape, within bounds.
export function heightListener(site) {
  const origin = JSON.stringify(new URL(site).origin);
  return `<script>
/* derive: each derive iframe takes its card's height (optional) */
addEventListener('message', function (event) {
  var data = event.data;
  if (event.origin !== ${origin} || !data || data.type !== 'derive:height') return;
  if (typeof data.height !== 'number' || !(data.height >= 0 && data.height <= 100000)) return;
  document.querySelectorAll('iframe').forEach(function (frame) {
    if (frame.contentWindow === event.source) frame.style.height = Math.ceil(data.height) + 'px';
  });
});
</script>`;
}

// The iframe, for pages that allow no scripts; the listener is optional
// (without it the frame keeps its height attribute and scrolls).
export function iframeSnippet(site, { id, variant, title }) {
  const src = new URL(`embed.html#${encodeURIComponent(id)}?v=${encodeURIComponent(variant)}`, site).href;
  return `<iframe src="${attribute(src)}" title="${attribute(`derive exercise: ${title}`)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>\n`
    + heightListener(site);
}

// {id, variant, chapter} of embed.html's hash (null where absent), the inverse
// of iframeSnippet's address: "#llm.kv-cache?v=7", "#?chapter=quantize".
export function frameTarget(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  return { id: decodeURIComponent(path) || null, variant: params.get('v'), chapter: params.get('chapter') };
}
