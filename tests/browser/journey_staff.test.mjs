// A body's staff at work, as issue 10 describes: a manager (made with the body's own key,
// as its key holder would) adds a recruiter and a viewer; the recruiter sets a password
// through the one-time link, publishes a role, and moves a person's application from
// submitted to offered while the person, signed in in a second browser context, sees each
// state; the viewer sees the same pages but the service refuses every change, even a form
// posted by hand; another body's manager cannot open this body's applicants (403); the
// audit entries name the recruiter. With JavaScript off (every page must work without it)
// and axe's WCAG 2.2 AA check on every page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  checkAccessibility, checkPage, closeBrowser, closePage, follow, gatewayUrl, launchBrowser, newPage,
} from './support.mjs';
import { signIn, signUp, stateShown, submit } from './people.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Demo bodies (scripts/demo/demo_data.py) with keys in CADRE_BODY_KEYS.
const BODY_X = 'bodies/RJ1';
const BODY_Y = 'bodies/QOP';
const STAFF_PASSWORD = 'the recruiting season in Leeds';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await closeBrowser(browser); });

function staffClient(...args) {
  return execFileSync('/usr/bin/python3', [path.join(HERE, 'staff_client.py'), ...args],
                      { encoding: 'utf8', timeout: 60_000 });
}

// A body's first manager, made with the body's own key: {staff, email, password}.
function makeManager(body, email, name) {
  const env = process.env;
  return JSON.parse(staffClient('manager', '--registry', env.CADRE_REGISTRY_ADDR,
                                '--body_keys', env.CADRE_BODY_KEYS,
                                '--stubs', env.CADRE_STUB_DIR, body, email, name));
}

// The audit entries of the registry and matching whose actor is `actor`.
function auditOf(actor) {
  return JSON.parse(staffClient('audit', '--redis_port', process.env.CADRE_REDIS_PORT, actor))
    .filter((entry) => entry.actor === actor);
}

// On /staff/team/new: adds a member and returns their set-up link and their page's path.
async function addStaff(page, name, email, role) {
  await page.goto(`${gatewayUrl()}/staff/team/new`);
  await page.getByLabel('Their name').fill(name);
  await page.getByLabel('Their work email address').fill(email);
  await page.getByLabel(role, { exact: true }).check();
  await submit(page, 'Add and make a set-up link');
  const link = await page.locator('#setup-link a').getAttribute('href');
  assert.match(link, /\/staff\/set-password\/[A-Za-z0-9_-]{43}$/);
  const member = await page.getByRole('link', { name: new RegExp(`Go to ${name}`) })
    .getAttribute('href');
  return { link, member };
}

// Opens the set-up link, sets the password and lands on the staff home page.
async function setPassword(page, link) {
  await page.goto(new URL(link, gatewayUrl()).href);
  await checkPage(page);
  await page.getByLabel('New password').fill(STAFF_PASSWORD);
  await page.getByLabel('Enter the password again').fill(STAFF_PASSWORD);
  await submit(page, 'Set password and sign in');
  assert.equal(new URL(page.url()).pathname, '/staff');
}

// Fills the role form with a role a person in London can take.
async function fillRole(page, title) {
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Summary (optional)').fill('Help us shape the new diabetes clinic.');
  await page.locator('input[name=level]').first().check();
  await page.locator('input[name=rung]').first().check();
  await page.getByLabel('Hours a month').fill('4');
  await page.getByLabel('Length in months').fill('6');
  await page.getByLabel('Region').selectOption({ label: 'London' });
  await page.locator('input[name=attendance]').last().check();
  await page.locator('input[name=payment]').first().check();
  const closes = new Date(Date.now() + 60 * 24 * 3600 * 1000);
  await page.getByLabel('Day', { exact: true }).fill(String(closes.getUTCDate()));
  await page.getByLabel('Month', { exact: true }).fill(String(closes.getUTCMonth() + 1));
  await page.getByLabel('Year', { exact: true }).fill(String(closes.getUTCFullYear()));
  await page.getByLabel('Places').fill('2');
}

// The hidden CSRF token of the page's forms (the header's sign-out form has one).
async function csrfOn(page) {
  return page.locator('input[name=csrf]').first().inputValue();
}

describe("a body's staff at work (JavaScript off)", () => {
  test('manager adds staff; recruiter publishes and moves; viewer refused; other body 403',
       async () => {
    const stamp = Date.now();
    const manager = makeManager(BODY_X, `manager.${stamp}@example.nhs.uk`, 'Alex Manager');
    const managerY = makeManager(BODY_Y, `manager.y.${stamp}@example.nhs.uk`, 'Yan Manager');
    const m = await newPage(browser, { javaScriptEnabled: false });
    const r = await newPage(browser, { javaScriptEnabled: false });
    const v = await newPage(browser, { javaScriptEnabled: false });
    const person = await newPage(browser, { javaScriptEnabled: false });
    const y = await newPage(browser, { javaScriptEnabled: false });
    try {
      // The manager signs in and adds a recruiter and a viewer.
      await m.goto(`${gatewayUrl()}/staff`);
      assert.equal(new URL(m.url()).pathname, '/staff/sign-in');
      await checkPage(m);
      await signIn(m, manager.email, manager.password);
      assert.equal(new URL(m.url()).pathname, '/staff');
      await checkPage(m);
      await m.goto(`${gatewayUrl()}/staff/team/new`);
      await checkPage(m);
      const recruiter = await addStaff(m, 'Robin Recruiter', `robin.${stamp}@example.nhs.uk`,
                                       'Recruiter');
      await checkPage(m);
      const viewer = await addStaff(m, 'Vic Viewer', `vic.${stamp}@example.nhs.uk`, 'Viewer');
      await m.goto(`${gatewayUrl()}/staff/team`);
      assert.match(await stateShown(m), /robin recruiter[\s\S]*vic viewer|vic viewer[\s\S]*robin recruiter/);
      await checkPage(m);
      await m.goto(new URL(recruiter.member, gatewayUrl()).href);
      await checkPage(m);
      await m.goto(`${gatewayUrl()}/staff/figures`);
      await checkPage(m);

      // The recruiter sets a password through the link, creates a role and publishes it.
      await setPassword(r, recruiter.link);
      await checkPage(r);
      await r.goto(`${gatewayUrl()}/staff/roles`);
      await checkPage(r);
      await r.goto(`${gatewayUrl()}/staff/roles/new`);
      await checkPage(r);
      const title = `Diabetes clinic design partner ${stamp}`;
      await fillRole(r, title);
      await submit(r, 'Save as a draft');
      const rolePath = new URL(r.url()).pathname;
      assert.match(rolePath, /^\/staff\/roles\/\d+$/, await stateShown(r));
      assert.match(await stateShown(r), /draft/);
      await checkPage(r);
      await submit(r, 'Publish the role');
      assert.match(await stateShown(r), /open/);
      const roleId = rolePath.split('/').pop();

      // A person signs up and applies to it.
      await person.goto(`${gatewayUrl()}/roles/${roleId}`);
      assert.match(await stateShown(person), new RegExp(title.toLowerCase()));
      await follow(person, person.getByRole('button', { name: /apply for this role/i }));
      await follow(person, person.getByRole('link', { name: 'Create an account' }).last());
      await signUp(person, `pat.${stamp}@example.org`, { name: 'Pat Example' });
      assert.equal(new URL(person.url()).pathname, `/roles/${roleId}/apply`);
      await person.getByLabel(/statement|why you/i).fill(
        'I have lived with type 1 diabetes since I was twelve and want better clinics.');
      await submit(person, /submit application/i);
      const applicationPath = new URL(person.url()).pathname;
      assert.match(await stateShown(person), /submitted/);

      // The recruiter finds it among the role's applicants and moves it on; the person
      // sees each state.
      await r.goto(`${gatewayUrl()}/staff/roles/${roleId}/applicants`);
      await checkPage(r);
      const staffApplication = `/staff${applicationPath}`;
      assert.equal(await r.locator(`main a[href="${staffApplication}"]`).count() > 0, true,
                   'the applicants page links to the application');
      await follow(r, r.locator(`main a[href="${staffApplication}"]`));
      await checkPage(r);
      for (const [button, state] of [['Acknowledge', 'acknowledged'],
                                     ['Shortlist', 'shortlisted']]) {
        await submit(r, button);
        assert.match(await stateShown(r), new RegExp(state));
        await person.goto(`${gatewayUrl()}${applicationPath}`);
        assert.match(await stateShown(person), new RegExp(state));
      }
      // The etag a hand-posted form would carry (an offered application has no forms).
      const etag = await r.locator('input[name=etag]').first().inputValue();
      const replyBy = new Date(Date.now() + 14 * 24 * 3600 * 1000);
      const offer = r.getByRole('group', { name: /reply by/i });
      await offer.getByLabel('Day', { exact: true }).fill(String(replyBy.getUTCDate()));
      await offer.getByLabel('Month', { exact: true }).fill(String(replyBy.getUTCMonth() + 1));
      await offer.getByLabel('Year', { exact: true }).fill(String(replyBy.getUTCFullYear()));
      await submit(r, 'Make an offer');
      assert.match(await stateShown(r), /offered/);
      await checkPage(r);
      await person.goto(`${gatewayUrl()}${applicationPath}`);
      assert.match(await stateShown(person), /offered/);
      await checkPage(person);

      // The viewer sees the same pages without forms; a move posted by hand is refused by
      // the service and changes nothing.
      await setPassword(v, viewer.link);
      await v.goto(`${gatewayUrl()}${staffApplication}`);
      await checkPage(v);
      assert.equal(await v.getByRole('button', { name: /acknowledge|shortlist|offer|turn down/i })
        .count(), 0, 'a viewer sees no move buttons');
      const refused = await v.request.post(`${gatewayUrl()}${staffApplication}/move`, {
        form: { csrf: await csrfOn(v), etag, to: 'unsuccessful', reason: 'not-selected' },
        maxRedirects: 0,
      });
      assert.equal(refused.status(), 403);
      const refusedRole = await v.request.post(`${gatewayUrl()}${rolePath}/close`, {
        form: { csrf: await csrfOn(v), reason: '' }, maxRedirects: 0,
      });
      assert.equal(refusedRole.status(), 403);
      await person.goto(`${gatewayUrl()}${applicationPath}`);
      assert.match(await stateShown(person), /offered/);
      await v.goto(`${gatewayUrl()}${rolePath}`);
      assert.match(await stateShown(v), /open/);
      await v.goto(`${gatewayUrl()}/staff/roles/${roleId}/applicants`);
      await checkPage(v);

      // Another body's manager cannot open this body's applicants.
      await y.goto(`${gatewayUrl()}/staff/sign-in`);
      await signIn(y, managerY.email, managerY.password);
      assert.equal(new URL(y.url()).pathname, '/staff');
      const other = await y.goto(`${gatewayUrl()}/staff/roles/${roleId}/applicants`);
      assert.equal(other.status(), 403);
      await checkAccessibility(y);  // the 403 page: its status is the console's one error
      assert.equal((await y.goto(`${gatewayUrl()}${staffApplication}`)).status(), 403);

      // The audit entries name the recruiter: the role in the registry's, the moves in
      // matching's.
      const recruiterActor = `${BODY_X}/staff/${recruiter.member.split('/').pop()}`;
      const entries = auditOf(recruiterActor);
      assert.ok(entries.some((e) => e.stream === 'registry:audit'),
                `the registry's audit names ${recruiterActor}: ${JSON.stringify(entries)}`);
      assert.ok(entries.some((e) => e.stream === 'matching:audit'),
                `matching's audit names ${recruiterActor}: ${JSON.stringify(entries)}`);
    } finally {
      for (const page of [m, r, v, person, y]) await closePage(page);
    }
  });
});
