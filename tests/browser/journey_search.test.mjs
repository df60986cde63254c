// A person searching, in a real browser, as issue 8 describes: filters, paging on and
// back, the search's Atom feed; then the menu of options and a body's embed. Every page
// passes the basics (one h1, a title, a language, the skip link, no errors) and axe's
// WCAG 2.2 AA check, with JavaScript on and off.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  checkAccessibility, checkPage, closeBrowser, closePage, follow, gatewayUrl, launchBrowser,
  newPage, roleIdsOn,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await closeBrowser(browser); });

for (const javaScriptEnabled of [true, false]) {
  describe(`a person's way in, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
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
