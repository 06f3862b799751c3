// Starts the vendored Sveltia CMS; it reads config.yml beside this page (see innosite/editor/page.py).
import { init } from './sveltia/npm/index.js';

init();
