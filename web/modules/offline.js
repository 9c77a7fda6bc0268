// Offline use and updates, the page's side of the contract in web/sw.js.
//
// The worker is registered once the app has drawn its first view, so its
// downloads never compete with the first load. When a new version has been
// downloaded, a notice offers to reload; nothing changes until the learner
// chooses it (a half-typed answer is never lost to an update).
import { h } from './dom.js';

export function startOffline({ scriptUrl = 'sw.js' } = {}) {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const worker = navigator.serviceWorker;
  let reloading = false;
  // The new worker took over because the learner asked for it: load its files.
  worker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  const offer = (waiting) => {
    if (document.getElementById('update')) return;
    const button = h('button', { type: 'button', class: 'primary' }, 'Reload');
    const later = h('button', { type: 'button', class: 'quiet' }, 'Later');
    const notice = h('div', { id: 'update', class: 'update', role: 'status' },
      h('p', null, 'A new version of derive is ready. Reload to use it; your progress is kept.'), button, ' ', later);
    button.addEventListener('click', () => {
      reloading = true;
      waiting.postMessage({ type: 'activate' });
    });
    later.addEventListener('click', () => notice.remove());
    document.body.prepend(notice);
  };
  worker.register(scriptUrl).then((registration) => {
    // A version that finished installing while an older one controls the page.
    const watch = (installing) => installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && worker.controller) offer(installing);
    });
    if (registration.waiting && worker.controller) offer(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
  }).catch((error) => {
    // Offline use is a convenience: the app works without it, so say it once.
    console.info(`derive: offline use is not available here (${error.message})`);
  });
}
