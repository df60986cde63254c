// A person's journey, as issue 9 describes: finds a role from the map, signs up, sees
// what they meet, applies and sees "submitted"; the body's own system (the Python client
// with the body's key) acknowledges, shortlists and offers; the person sees each state,
// accepts and records a payment choice; signs out and back in; downloads their data;
// deletes their account and can no longer sign in. With JavaScript off (every page must
// work without it) and axe's WCAG 2.2 AA check on every page; the sign-in redirects and
// the CSRF refusal with JavaScript on.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  checkPage, closeBrowser, closePage, follow, gatewayUrl, launchBrowser, newPage,
} from './support.mjs';
import { signIn, signUp, stateShown, submit } from './people.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await closeBrowser(browser); });

// The body moves the application, with its own key, over gRPC.
function bodyMoves(application, ...states) {
  const env = process.env;
  return execFileSync('/usr/bin/python3', [
    path.join(HERE, 'body_client.py'), '--matching', env.CADRE_MATCHING_ADDR,
    '--body_keys', env.CADRE_BODY_KEYS, '--stubs', env.CADRE_STUB_DIR, application, ...states,
  ], { encoding: 'utf8', timeout: 60_000 });
}

describe('a person applies and follows their application (JavaScript off)', () => {
  test('map → role → sign up → apply → offered → accepted → deleted', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    const email = `morgan.${Date.now()}@example.org`;
    try {
      // Finds a role from the map.
      await page.goto(`${gatewayUrl()}/map/london`);
      await follow(page, page.locator('main a[href^="/bodies/"]'));
      await follow(page, page.locator('main a[href^="/roles/"]'));
      const rolePath = new URL(page.url()).pathname;
      await follow(page, page.getByRole('button', { name: /apply for this role/i }));
      // Signed out: sent to sign in, and on to create an account, coming back after.
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      assert.equal(new URL(page.url()).searchParams.get('return'), `${rolePath}/apply`);
      await checkPage(page);
      await follow(page, page.getByRole('link', { name: 'Create an account' }).last());
      await checkPage(page);
      await signUp(page, email);
      assert.equal(new URL(page.url()).pathname, `${rolePath}/apply`);

      // Sees what they meet before applying.
      assert.match(await page.locator('main').innerText(), /You meet (all )?\d+( of \d+)? requirements/i);
      await checkPage(page);
      await page.getByLabel(/statement|why you/i).fill(
        'I have lived with type 2 diabetes for ten years and chair my local patient group.');
      await submit(page, /submit application/i);
      const applicationPath = new URL(page.url()).pathname;
      assert.match(applicationPath, /^\/applications\/[a-z2-7]{16}$/);
      assert.match(await stateShown(page), /submitted/);
      await checkPage(page);
      await follow(page, page.getByRole('link', { name: 'My applications' }));
      assert.match(await stateShown(page), /submitted/);
      await checkPage(page);

      // The body's system moves it; the person sees each state.
      const application = applicationPath.slice(1);
      for (const state of ['acknowledged', 'shortlisted', 'offered']) {
        bodyMoves(application, state);
        await page.goto(`${gatewayUrl()}${applicationPath}`);
        assert.match(await stateShown(page), new RegExp(state));
      }
      await checkPage(page);
      await submit(page, /^accept/i);
      assert.match(await stateShown(page), /accepted/);
      await checkPage(page);
      // The payment choice on the placement, when the role offers a payment.
      const choice = page.getByLabel(/expenses only/i);
      if (await choice.count() > 0) {
        await choice.check();
        await submit(page, /save|record|choice/i);
        assert.match(await stateShown(page), /expenses only/);
      }

      // Roles for you and credentials, on the way.
      await page.goto(`${gatewayUrl()}/for-you`);
      await checkPage(page);
      await page.goto(`${gatewayUrl()}/credentials`);
      await checkPage(page);

      // Signs out and back in.
      await submit(page, 'Sign out');
      assert.equal(new URL(page.url()).pathname, '/signed-out');
      await checkPage(page);
      await page.goto(`${gatewayUrl()}/applications`);
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await signIn(page, email);
      assert.equal(new URL(page.url()).pathname, '/applications');
      assert.match(await stateShown(page), /accepted/);

      // Downloads their data.
      await page.goto(`${gatewayUrl()}/profile`);
      await checkPage(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /download/i }).click(),
      ]);
      const data = JSON.parse(await streamText(await download.createReadStream()));
      assert.ok(data.applicant, 'the export holds the applicant');
      assert.ok(JSON.stringify(data).includes(application), 'and the application');

      // Deletes the account; can no longer sign in.
      await page.goto(`${gatewayUrl()}/profile/delete`);
      await checkPage(page);
      await page.getByRole('checkbox').first().check();
      await submit(page, /delete/i);
      assert.equal(new URL(page.url()).pathname, '/account-deleted');
      await checkPage(page);
      await page.goto(`${gatewayUrl()}/sign-in`);
      await signIn(page, email);
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      assert.match(await page.locator('main').innerText(),
                   /Enter a correct email address and password/);
    } finally {
      await closePage(page);
    }
  });
});

async function streamText(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('signing in guards (JavaScript on)', () => {
  test('a signed-out visitor is sent to sign in and back; off-site returns go home',
       async () => {
    const page = await newPage(browser, { javaScriptEnabled: true });
    const email = `rowan.${Date.now()}@example.org`;
    try {
      await page.goto(`${gatewayUrl()}/sign-up`);
      await signUp(page, email);
      await submit(page, 'Sign out');

      await page.goto(`${gatewayUrl()}/for-you`);
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await signIn(page, email);
      assert.equal(new URL(page.url()).pathname, '/for-you');
      await submit(page, 'Sign out');

      await page.goto(`${gatewayUrl()}/sign-in?return=https%3A%2F%2Fevil.example%2F`);
      await signIn(page, email);
      assert.equal(page.url(), `${gatewayUrl()}/`);
    } finally {
      await closePage(page);
    }
  });

  test('a form posted without its CSRF token is refused and changes nothing', async () => {
    const page = await newPage(browser, { javaScriptEnabled: true });
    const email = `sam.${Date.now()}@example.org`;
    try {
      await page.goto(`${gatewayUrl()}/sign-up`);
      await signUp(page, email);
      // The browser's own cookies, a form without the token (as another site's would be).
      const refused = await page.request.post(`${gatewayUrl()}/sign-out`, {
        form: { csrf: '' }, maxRedirects: 0,
      });
      assert.equal(refused.status(), 403);
      await page.goto(`${gatewayUrl()}/applications`);
      assert.equal(new URL(page.url()).pathname, '/applications', 'still signed in');
    } finally {
      await closePage(page);
    }
  });
});
