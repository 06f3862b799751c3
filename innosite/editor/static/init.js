// Starts the vendored Sveltia CMS; it reads config.yml beside this page (see innosite/editor/page.py).
import { init } from './sveltia/npm/index.js';

// Sveltia CMS sets maximum-scale=1 on the page's viewport, which stops people zooming in on phones
// (WCAG 1.4.4, axe's meta-viewport): whatever it sets, the page stays zoomable.
const ZOOMABLE = 'width=device-width, initial-scale=1';
const allowZoom = () => {
  for (const meta of document.querySelectorAll('meta[name="viewport"]')) {
    if (meta.content !== ZOOMABLE) meta.content = ZOOMABLE;
  }
};
new MutationObserver(allowZoom).observe(document.head, { childList: true, subtree: true, attributes: true });

init();
