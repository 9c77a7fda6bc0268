// The one script a page of another site loads to embed exercises
// (docs/instructors.md):
//
//   <script type="module" src="https://SITE/embed.js"></script>
//   <derive-exercise id="llm.kv-cache" variant="7"></derive-exercise>
//
// It stays at the site's root under a URL that never changes, so snippets
// keep working across releases; scripts/stage-site.mjs writes this version's
// asset folder (assets/<hash>) in place of the placeholder below, and the
// module there defines the element (modules/embed.js).
import './__DERIVE_ASSETS__/modules/embed.js';
