// A person finding a way in, in a real browser, as issue 8 describes: from the home page
// to the map, into a region, to a body, to a role. Every page
// passes the basics (one h1, a title, a language, the skip link, no errors) and axe's
// WCAG 2.2 AA check, with JavaScript on and off.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  checkPage, closeBrowser, closePage, follow, gatewayUrl, launchBrowser, newPage,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await closeBrowser(browser); });

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

  });
}
