// A person finding a way in, in a real browser, as issue 8 describes: from the home page
// to the map, into a region, to a body, to a role; searching with filters and paging on
// and back; following the search's Atom feed; the menu and a body's embed. Every page
// passes the basics (one h1, a title, a language, the skip link, no errors) and axe's
// WCAG 2.2 AA check, with JavaScript on and off.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  checkAccessibility, closeBrowser, closePage, gatewayUrl, launchBrowser, newPage, pageBasics,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await closeBrowser(browser); });

// Loads nothing itself: checks the page `page` is on now, then returns to it afresh (the
// basics press Tab and Enter, which moves the page to #maincontent).
async function checkPage(page) {
  const url = page.url();
  await checkAccessibility(page);
  await page.goto(url);
  await pageBasics(page);
  await page.goto(url);
}

// Follows the link `locator` by keyboard (focus, Enter) and waits for the new page.
async function follow(page, locator) {
  await locator.first().focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.ok((await page.title()).length > 0);
}

// The role ids on a search results page, in order.
async function roleIdsOn(page) {
  const hrefs = await page.locator('main a[href^="/roles/"]').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  return hrefs.filter((href) => /^\/roles\/\d+$/.test(href));
}

for (const javaScriptEnabled of [true, false]) {
  describe(`a person's way in, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test('home → map → region → body → role', async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      try {
        await page.goto(`${gatewayUrl()}/`);
        await follow(page, page.getByRole('link', { name: 'The involvement map' }));
        assert.equal(new URL(page.url()).pathname, '/map');
        assert.match(await page.locator('h1').innerText(), /involvement map/i);
        // The picture's tiles are links with the counts in their names.
        const london = page.locator('svg a[href="/map/london"]');
        assert.match(await london.getAttribute('aria-label'), /London: .*open role/);
        await checkPage(page);

        await follow(page, page.locator('svg a[href="/map/london"]'));
        assert.equal(new URL(page.url()).pathname, '/map/london');
        assert.match(await page.locator('h1').innerText(), /London/);
        await checkPage(page);

        const body = page.locator('main a[href^="/bodies/"]');
        assert.ok(await body.count() > 0, 'the region lists its organisations');
        await follow(page, body);
        assert.match(new URL(page.url()).pathname, /^\/bodies\/[A-Z0-9]+$/);
        assert.match(await page.locator('main').innerText(), /Open roles/);
        await checkPage(page);

        const role = page.locator('main a[href^="/roles/"]');
        assert.ok(await role.count() > 0, 'the organisation lists its open roles');
        await follow(page, role);
        assert.match(new URL(page.url()).pathname, /^\/roles\/\d+$/);
        const facts = await page.locator('main').innerText();
        assert.match(facts, /Closing date|Closes/i);
        assert.match(facts, /hours? a month/i);
        await checkPage(page);
      } finally {
        await closePage(page);
      }
    });

    test('search with filters, page on and back, follow the Atom feed', async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      try {
        await page.goto(`${gatewayUrl()}/search`);
        assert.match(await page.locator('h1').innerText(), /role/i);
        await checkPage(page);

        // A filter narrows: remote roles only, then back to all.
        await page.goto(`${gatewayUrl()}/search?remote=yes`);
        const remote = await roleIdsOn(page);
        await page.goto(`${gatewayUrl()}/search`);
        const first = await roleIdsOn(page);
        assert.equal(first.length, 20, 'a full first page of every open role');
        assert.ok(remote.length > 0 && remote.length <= 20);

        // Page on with "Next", and back with "Previous" to the same roles.
        await follow(page, page.locator('a[rel="next"], .nhsuk-pagination__link--next'));
        const second = await roleIdsOn(page);
        assert.ok(second.length > 0, 'a second page');
        for (const id of second) assert.ok(!first.includes(id), `${id} is on one page only`);
        await checkPage(page);
        await follow(page, page.locator('a[rel="prev"], .nhsuk-pagination__link--prev'));
        assert.deepEqual(await roleIdsOn(page), first, 'Previous returns to the first page');

        // The feed of the search, linked from its <head>.
        await page.goto(`${gatewayUrl()}/search?q=health`);
        const feed = await page.locator('link[rel="alternate"][type="application/atom+xml"]')
          .getAttribute('href');
        assert.ok(feed, 'the search links its Atom feed');
        const answer = await page.request.get(new URL(feed, gatewayUrl()).href);
        assert.equal(answer.status(), 200);
        assert.match(answer.headers()['content-type'], /application\/atom\+xml/);
        const xml = await answer.text();
        assert.match(xml, /^<\?xml[^>]*\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
        const entries = xml.match(/<entry>/g) ?? [];
        assert.ok(entries.length > 0, 'the feed has entries');
        const onPage = await roleIdsOn(page);
        for (const id of onPage) assert.ok(xml.includes(id), `${id} is in the feed too`);
      } finally {
        await closePage(page);
      }
    });

    test('the menu of options and a body\'s embed', async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      try {
        await page.goto(`${gatewayUrl()}/`);
        await follow(page, page.getByRole('link', { name: 'Menu of options' }));
        assert.equal(new URL(page.url()).pathname, '/menu');
        assert.match(await page.locator('main').innerText(), /Level 1/);
        await checkPage(page);

        await page.goto(`${gatewayUrl()}/bodies/X24/embed`);
        assert.ok(await page.locator('main a[href*="/roles/"]').count() > 0);
        assert.equal(await page.locator('header.nhsuk-header').count(), 0, 'no site header');
        await checkAccessibility(page);
      } finally {
        await closePage(page);
      }
    });
  });
}
