// Shared helpers for the browser tests (node --test): Debian's chromium through npm's
// playwright-core (no browser download), pages in their own contexts, the WCAG 2.2 AA
// check with axe, and the checks every page must pass. The gateway's address comes from
// CADRE_GATEWAY_URL (tests/browser/run_browser_tests.py sets it).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
// axe's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export function gatewayUrl() {
  const url = process.env.CADRE_GATEWAY_URL;
  if (!url) {
    throw new Error('CADRE_GATEWAY_URL is not set: run the browser tests with ' +
                    'tests/browser/run_browser_tests.py (ctest -R browser)');
  }
  return url.replace(/\/+$/, '');
}

// The profile directory of each browser we launched, removed when it closes (retried: a
// dying browser may still be writing into it).
const profiles = new WeakMap();
const REMOVE = { recursive: true, force: true, maxRetries: 10, retryDelay: 100 };

// Debian's chromium, headless, with nothing that reaches out on its own (updates, sync,
// QUIC, background fetches) and a fresh profile in a directory of our own.
//
// Playwright refuses a --user-data-dir argument with launch(): it makes the profile
// itself, with mkdtemp under os.tmpdir(). So os.tmpdir() (which reads TMPDIR) points at
// our fs.mkdtemp directory while it launches, and the browser's own temporary files go
// there too; closeBrowser() removes it, as does the browser's disconnection if it dies.
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests use Debian's chromium ` +
                    '(scripts/install_deps.sh installs it; nothing downloads a browser)');
  }
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cadre-chromium-'));
  const savedTmpdir = process.env.TMPDIR;
  let browser;
  try {
    process.env.TMPDIR = dir;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env: { ...process.env, TMPDIR: dir },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update',
             '--disable-sync'],
    });
  } catch (error) {
    await fs.promises.rm(dir, REMOVE);
    throw error;
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
  profiles.set(browser, dir);
  // If the browser dies, its files go too.
  browser.on('disconnected', () => fs.rm(dir, REMOVE, () => {}));
  return browser;
}

// Closes the browser (waiting for its process to end) and removes its profile.
export async function closeBrowser(browser) {
  if (!browser) return;
  await browser.close();
  await fs.promises.rm(profiles.get(browser), REMOVE);
}

// What went wrong on each page: console errors and failed requests to the gateway.
const problems = new WeakMap();
// The pages made with JavaScript off (see checkAccessibility).
const withoutJavaScript = new WeakSet();
const VIEWPORT = { width: 1280, height: 800 };

// A context in which requests to any host but the gateway are aborted quietly.
async function gatewayContext(browser, { javaScriptEnabled, emptyScripts = false }) {
  const origin = new URL(gatewayUrl()).origin;
  const context = await browser.newContext({ javaScriptEnabled, viewport: VIEWPORT });
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  if (emptyScripts) {
    await context.route((url) => url.origin === origin, (route) =>
      (route.request().resourceType() === 'script'
        ? route.fulfill({ status: 200, contentType: 'text/javascript', body: '' })
        : route.continue()));
  }
  return context;
}

// A page in a context of its own (axe needs one from browser.newContext(), not
// browser.newPage()), 1280x800, with JavaScript on or off. Requests to any host but the
// gateway (the NHS.UK font host, say) are aborted quietly: there is no network here, and
// they are not ours to test. Console errors and failed requests to the gateway are
// recorded for pageBasics().
export async function newPage(browser, { javaScriptEnabled = true } = {}) {
  const origin = new URL(gatewayUrl()).origin;
  const context = await gatewayContext(browser, { javaScriptEnabled });
  const page = await context.newPage();
  const found = [];
  problems.set(page, found);
  if (!javaScriptEnabled) withoutJavaScript.add(page);
  const fromGateway = (url) => url.startsWith(`${origin}/`) || url === origin;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url || '';
    // Chromium reports each aborted foreign request as a console error of its own.
    if (where && !fromGateway(where)) return;
    found.push(`console error: ${message.text()} (${where})`);
  });
  page.on('pageerror', (error) => found.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!fromGateway(request.url())) return;
    // A request the browser itself cancelled (the page navigated on while a favicon or
    // stylesheet was still loading) is not a failure of the gateway.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    found.push(`request failed: ${request.method()} ${request.url()}: ` +
               `${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (fromGateway(response.url()) && response.status() >= 400 &&
        response.request().resourceType() !== 'document') {
      found.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return page;
}

export async function closePage(page) {
  await page.context().close();
}

// The problems recorded on `page` so far (see newPage).
export function pageProblems(page) {
  return [...(problems.get(page) ?? [])];
}

// Runs axe with the WCAG 2.2 AA rules; fails on any violation whose impact is serious or
// critical, naming each rule, the elements and where to read about it. Returns axe's
// results (moderate and minor violations are printed, not failed).
//
// axe is itself JavaScript that waits on timers, which never fire in a page with
// JavaScript off. For such a page it checks the same URL loaded afresh in a context with
// JavaScript on but every script of the gateway's answered empty: the page as it renders
// when none of its scripts runs (a <noscript> would differ; the templates have none). The
// stand-in carries the page's cookies (its session: a signed-in page stays signed in) and
// must land on the same address, so that axe never checks a sign-in page instead.
export async function checkAccessibility(page) {
  if (withoutJavaScript.has(page)) {
    const context = await gatewayContext(page.context().browser(),
                                         { javaScriptEnabled: true, emptyScripts: true });
    try {
      await context.addCookies(await page.context().cookies());
      const standIn = await context.newPage();
      await standIn.goto(page.url());
      const withoutHash = (url) => url.split('#')[0];
      assert.equal(withoutHash(standIn.url()), withoutHash(page.url()),
                   `axe's stand-in for ${page.url()} was sent elsewhere`);
      assert.equal(await standIn.evaluate(() => document.body.classList.contains('js-enabled')),
                   false, 'none of the page\'s own scripts ran');
      return await auditWithAxe(standIn, page.url());
    } finally {
      await context.close();
    }
  }
  return auditWithAxe(page, page.url());
}

async function auditWithAxe(page, shownUrl) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const describe = (violation) => [
    `${violation.id} (${violation.impact}): ${violation.help}`,
    `  ${violation.helpUrl}`,
    ...violation.nodes.map((node) => `  at ${node.target.join(' ')}`),
  ].join('\n');
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
  const other = results.violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
  if (other.length > 0) {
    console.log(`axe on ${shownUrl}: lesser violations\n${other.map(describe).join('\n')}`);
  }
  assert.equal(failing.length, 0,
               `axe on ${shownUrl}: serious or critical WCAG 2.2 AA violations\n` +
               failing.map(describe).join('\n'));
  return results;
}

// How an element shows focus: its outline and box shadow as computed.
export async function focusStyle(locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; ` +
           `box-shadow: ${style.boxShadow}`;
  });
}

// What every page must have: one h1, a title, a language, a skip link that moves focus
// to the main content from the keyboard, and no console errors or failed requests to the
// gateway. Call it on a freshly loaded page: it presses Tab and Enter.
export async function pageBasics(page) {
  assert.equal(await page.locator('h1').count(), 1, `${page.url()}: exactly one h1`);
  const title = (await page.title()).trim();
  assert.ok(title.length > 0, `${page.url()}: a non-empty title`);
  const lang = await page.locator('html').getAttribute('lang');
  assert.ok(lang && lang.trim().length > 0, `${page.url()}: html[lang]`);

  // The skip link is the first thing Tab reaches, is visible once focused, and Enter on
  // it moves focus to the main content.
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  assert.equal(await focused.getAttribute('href'), '#maincontent',
               `${page.url()}: the first Tab reaches the skip link`);
  const box = await focused.boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0 && box.y >= 0,
            `${page.url()}: the skip link is visible when focused`);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.hash === '#maincontent');
  const onMain = await page.evaluate(() => document.activeElement?.id === 'maincontent');
  if (!onMain) {
    // Without JavaScript nothing gives <main> a tabindex, so Chromium leaves
    // document.activeElement on <body> but moves the sequential focus navigation
    // starting point to #maincontent: the next Tab must land inside it.
    assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')),
                 false, `${page.url()}: with JavaScript the skip link focuses #maincontent`);
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(
                  () => document.getElementById('maincontent').contains(document.activeElement)),
              `${page.url()}: after the skip link, Tab moves into #maincontent`);
  }

  assert.deepEqual(pageProblems(page), [],
                   `${page.url()}: no console errors or failed requests to the gateway`);
}

// Loads nothing itself: checks the page `page` is on now, then returns to it afresh (the
// basics press Tab and Enter, which moves the page to #maincontent).
export async function checkPage(page) {
  const url = page.url();
  await checkAccessibility(page);
  await page.goto(url);
  await pageBasics(page);
  await page.goto(url);
}

// Follows the link `locator` by keyboard (focus, Enter) and waits for the new page.
export async function follow(page, locator) {
  await locator.first().focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.ok((await page.title()).length > 0);
}

// The role ids on a search results page, in order.
export async function roleIdsOn(page) {
  const hrefs = await page.locator('main a[href^="/roles/"]').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  return hrefs.filter((href) => /^\/roles\/\d+$/.test(href));
}
