// A person's profile and settings, in a real browser (issue 9): the profile form (every
// field on one page), equality monitoring on its own clearly optional page, changing the
// email address and the password, the privacy notice, their Cadre ID on My credentials,
// and withdrawing an application through its confirmation page. Every page passes the
// basics and axe's WCAG 2.2 AA check, with JavaScript on and off.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  checkPage, closeBrowser, closePage, gatewayUrl, launchBrowser, newPage,
} from './support.mjs';

const PASSWORD = 'seven sunny days in Harrogate';
const NEW_PASSWORD = 'another long phrase for Cadre';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await closeBrowser(browser); });

async function submit(page, name) {
  await Promise.all([page.waitForNavigation(),
                     page.getByRole('button', { name }).first().click()]);
}

async function main(page) {
  return page.locator('main').innerText();
}

for (const javaScriptEnabled of [false, true]) {
  describe(`a person's profile and settings, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`,
           () => {
    test('profile, equality, email, password, credentials, withdrawing', async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      const email = `jo.${javaScriptEnabled ? 'js' : 'nojs'}.${Date.now()}@example.org`;
      try {
        await page.goto(`${gatewayUrl()}/privacy`);
        assert.match(await main(page), /Version \d{4}-\d{2}/);
        await checkPage(page);

        // Sign up from the home page: on to the rest of the profile.
        await page.goto(`${gatewayUrl()}/sign-up`);
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('Create a password').fill(PASSWORD);
        await page.getByLabel('Your name').fill('Jo Example');
        await page.getByLabel('Day', { exact: true }).fill('30');
        await page.getByLabel('Month', { exact: true }).fill('6');
        await page.getByLabel('Year', { exact: true }).fill('1990');
        await page.getByLabel('Region you live in').selectOption({ label: 'North West' });
        await page.getByLabel('Remote', { exact: true }).check();
        await page.getByLabel(/I agree that Cadre may hold my profile/).check();
        await submit(page, 'Create account');
        assert.equal(new URL(page.url()).pathname, '/profile/edit');
        await checkPage(page);

        await page.getByLabel('Lived experience').fill('Diabetes, Mental health');
        await page.getByLabel('Skills').fill('chairing');
        await page.getByLabel('Hours a month you can give').fill('10');
        await submit(page, 'Save your profile');
        assert.equal(new URL(page.url()).pathname, '/profile');
        const profile = await main(page);
        assert.match(profile, /diabetes/i);
        assert.match(profile, /mental-health|mental health/i);
        // A success banner takes the focus when JavaScript runs (as NHS.UK's does): the
        // page's own checks start from the page without it.
        await page.goto(`${gatewayUrl()}/profile`);
        await checkPage(page);

        await page.goto(`${gatewayUrl()}/profile/equality`);
        assert.match(await main(page), /do not have to answer/i);
        await page.locator('input[type=radio][value="prefer-not-to-say"]').first().check();
        await submit(page, 'Save my answers');
        assert.equal(new URL(page.url()).pathname, '/profile');
        await page.goto(`${gatewayUrl()}/profile/equality`);
        await checkPage(page);

        await page.goto(`${gatewayUrl()}/profile/email`);
        await checkPage(page);
        const newEmail = `new.${email}`;
        await page.getByLabel('New email address').fill(newEmail);
        await page.getByLabel('Your current password').fill(PASSWORD);
        await submit(page, 'Change email address');
        assert.match(await main(page), new RegExp(newEmail.replace(/\./g, '\\.')));

        await page.goto(`${gatewayUrl()}/profile/password`);
        await checkPage(page);
        await page.getByLabel('Your current password').fill(PASSWORD);
        await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
        await page.getByLabel('Type the new password again').fill(NEW_PASSWORD);
        await submit(page, 'Change password');
        assert.equal(new URL(page.url()).pathname, '/profile', 'still signed in');

        // The ID to give an organisation that checks them.
        await page.goto(`${gatewayUrl()}/credentials`);
        assert.match(await main(page), /Your Cadre ID is [a-z2-7]{16}/);
        await checkPage(page);

        // Apply to a role for them, then withdraw through the confirmation page.
        await page.goto(`${gatewayUrl()}/search`);
        const role = await page.locator('main a[href^="/roles/"]').first().getAttribute('href');
        await page.goto(`${gatewayUrl()}${role}/apply`);
        await page.getByLabel(/statement|why you/i).fill('I would like to help shape this.');
        await submit(page, /submit application/i);
        const application = new URL(page.url()).pathname;
        await page.getByRole('button', { name: 'Withdraw application' }).click();
        await page.waitForURL(/\/withdraw/);
        await checkPage(page);
        await submit(page, 'Withdraw application');
        assert.equal(new URL(page.url()).pathname, application);
        assert.match((await main(page)).toLowerCase(), /withdrawn/);
        await page.goto(`${gatewayUrl()}${application}`);
        await checkPage(page);
      } finally {
        await closePage(page);
      }
    });
  });
}
