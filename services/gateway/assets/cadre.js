// Progressive enhancement only: every page works without it. Marks the body as
// JavaScript-enabled (what the NHS.UK frontend's inline snippet would do; our
// Content-Security-Policy allows no inline script) and starts the NHS.UK components.
import { initAll } from './nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
