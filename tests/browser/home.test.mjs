// The home page in a real browser, as a person meets it: with JavaScript on and off, by
// keyboard alone, searching from it, a page that is not there, and what it costs to load.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  checkAccessibility, closeBrowser, closePage, focusStyle, gatewayUrl, launchBrowser,
  newPage, pageBasics,
} from './support.mjs';

const ONE_YEAR_S = 31536000;
const ONE_DAY_S = 86400;
const NAVIGATION = ['Home', 'Involvement map', 'Menu of options', 'Find a role'];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await closeBrowser(browser); });

function maxAge(cacheControl) {
  const match = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl ?? '');
  return match ? Number(match[1]) : 0;
}

for (const javaScriptEnabled of [true, false]) {
  describe(`home page, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test('loads with one h1, a title, a language, a working skip link, no errors', async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      try {
        const response = await page.goto(`${gatewayUrl()}/`);
        assert.equal(response.status(), 200);
        assert.match(await page.locator('h1').innerText(), /patient leader/i);
        // The demo data is loaded and the registry answered: the counts show.
        assert.match(await page.locator('main').innerText(), /\d+ open roles/);
        assert.equal(await page.evaluate(() => document.body.classList.contains('js-enabled')),
                     javaScriptEnabled, 'cadre.js runs exactly when JavaScript is on');
        await pageBasics(page);
      } finally {
        await closePage(page);
      }
    });

    test('has no serious or critical WCAG 2.2 AA violations', async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      try {
        await page.goto(`${gatewayUrl()}/`);
        await checkAccessibility(page);
      } finally {
        await closePage(page);
      }
    });

    test('searching submits to /search with the words typed', async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      try {
        await page.goto(`${gatewayUrl()}/`);
        const searchBox = page.getByLabel('Search for a role');
        await searchBox.fill('mental health');
        const answered = page.waitForResponse((r) => r.request().isNavigationRequest() &&
                                                     new URL(r.url()).pathname === '/search');
        await searchBox.press('Enter');
        const response = await answered;
        await page.waitForURL((u) => u.pathname === '/search');
        const url = new URL(page.url());
        assert.equal(url.pathname, '/search');
        assert.equal(url.searchParams.get('q'), 'mental health');
        // The search page itself is another change's; until it lands /search is the
        // gateway's 404 page. Either way it must not be a server error.
        assert.ok([200, 404].includes(response.status()),
                  `GET /search answered ${response.status()}`);
      } finally {
        await closePage(page);
      }
    });
  });
}

test('keyboard only: Tab reaches the navigation and the search box, each showing focus',
     async () => {
  const page = await newPage(browser);
  try {
    await page.goto(`${gatewayUrl()}/`);
    const targets = [
      ...NAVIGATION.map((name) => ({
        name, locator: page.locator('.nhsuk-header__navigation-list').getByRole('link',
                                                                               { name, exact: true }),
      })),
      { name: 'search box', locator: page.locator('#home-search') },
    ];
    // How each looks with nothing focused.
    const unfocused = new Map();
    for (const { name, locator } of targets) unfocused.set(name, await focusStyle(locator));

    const reached = new Map();
    for (let presses = 0; presses < 40 && reached.size < targets.length; presses++) {
      await page.keyboard.press('Tab');
      for (const { name, locator } of targets) {
        if (!reached.has(name) && await locator.evaluate((e) => e === document.activeElement)) {
          reached.set(name, await focusStyle(locator));
        }
      }
    }
    for (const { name } of targets) {
      assert.ok(reached.has(name), `Tab reaches ${name}`);
      assert.notEqual(reached.get(name), unfocused.get(name),
                      `${name} shows a focus indicator (${reached.get(name)})`);
    }
  } finally {
    await closePage(page);
  }
});

test('a page that is not there: 404, one h1, no serious or critical violations', async () => {
  const page = await newPage(browser);
  try {
    const response = await page.goto(`${gatewayUrl()}/no-such-page`);
    assert.equal(response.status(), 404);
    assert.equal(await page.locator('h1').count(), 1);
    assert.ok((await page.title()).trim().length > 0);
    await checkAccessibility(page);
  } finally {
    await closePage(page);
  }
});

test('static assets are served compressed with long cache lifetimes', async () => {
  const page = await newPage(browser);
  const responses = [];
  page.on('response', (response) => responses.push(response));
  try {
    await page.goto(`${gatewayUrl()}/`, { waitUntil: 'networkidle' });
    const origin = new URL(gatewayUrl()).origin;
    const ours = responses.filter((r) => r.url().startsWith(origin));
    const versioned = ours.filter((r) => new URL(r.url()).pathname.startsWith('/static/'));
    const names = versioned.map((r) => new URL(r.url()).pathname.split('/').pop());
    for (const file of ['nhsuk-frontend.min.css', 'cadre.css', 'cadre.js',
                        'nhsuk-frontend.min.js']) {
      assert.ok(names.includes(file), `the home page loads ${file} (got ${names.join(', ')})`);
    }
    for (const response of versioned) {
      const headers = response.headers();
      assert.ok(maxAge(headers['cache-control']) >= ONE_YEAR_S,
                `${response.url()}: cached for a year (${headers['cache-control']})`);
      assert.match(headers['cache-control'], /immutable/);
      assert.ok(headers.etag, `${response.url()}: an ETag`);
      // The NHS.UK frontend's files are large; Cadre's own are too small to be worth it.
      if (/\/nhsuk-frontend\.min\.(css|js)$/.test(response.url())) {
        assert.equal(headers['content-encoding'], 'gzip', `${response.url()}: gzip`);
      }
    }
    for (const response of ours.filter((r) => r.url().includes('/assets/images/'))) {
      assert.ok(maxAge(response.headers()['cache-control']) >= ONE_DAY_S,
                `${response.url()}: cached for a day`);
    }
    const html = ours.find((r) => r.request().resourceType() === 'document');
    assert.equal(html.headers()['cache-control'], 'no-cache', 'the page itself is revalidated');
  } finally {
    await closePage(page);
  }
});

test('the home page\'s weight as transferred (printed for the benchmark)', async () => {
  const page = await newPage(browser);
  const finished = [];
  page.on('requestfinished', (request) => finished.push(request));
  try {
    await page.goto(`${gatewayUrl()}/`, { waitUntil: 'networkidle' });
    const origin = new URL(gatewayUrl()).origin;
    const byType = {};
    let total = 0;
    const ours = finished.filter((r) => r.url().startsWith(origin));
    for (const request of ours) {
      const response = await request.response();
      // The body as sent (gzip where it was): Content-Length, or what the browser counted.
      const length = Number(response.headers()['content-length'] ??
                            (await request.sizes()).responseBodySize);
      const type = request.resourceType();
      byType[type] = (byType[type] ?? 0) + length;
      total += length;
    }
    const parts = Object.entries(byType).map(([type, bytes]) => `${type} ${bytes}`).join(', ');
    console.log(`home page weight: ${total} bytes transferred in ${ours.length} ` +
                `responses (${parts}); fonts from other hosts not counted`);
    console.log(`BENCH home_page_transferred_bytes ${total}`);
    assert.ok(total > 0);
  } finally {
    await closePage(page);
  }
});
