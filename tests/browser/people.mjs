// What several browser tests do as a person would: press a form's button and wait for the
// page it leads to, create an account, sign in, and read the state a page shows.

export const PASSWORD = 'a long walk by the river Wear';

// Clicks the first button named `name` (a string or a RegExp) and waits for the next page.
export async function submit(page, name) {
  await Promise.all([page.waitForNavigation(),
                     page.getByRole('button', { name }).first().click()]);
}

// Fills the sign-up form the page is on (its required fields) and creates the account.
export async function signUp(page, email, { name = 'Morgan Example', password = PASSWORD } = {}) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Create a password').fill(password);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Day', { exact: true }).fill('9');
  await page.getByLabel('Month', { exact: true }).fill('4');
  await page.getByLabel('Year', { exact: true }).fill('1975');
  await page.getByLabel('Region you live in').selectOption({ label: 'London' });
  await page.getByLabel('Hybrid').check();
  await page.getByLabel('Hours a month you could give').fill('12');
  await page.getByLabel(/I agree that Cadre may hold my profile/).check();
  await submit(page, 'Create account');
  if (new URL(page.url()).pathname === '/sign-up') {
    throw new Error(`sign-up refused: ${await page.locator('main').innerText()}`);
  }
}

// Fills a sign-in form (a person's or staff's: both ask for an email and a password).
export async function signIn(page, email, password = PASSWORD) {
  await page.getByLabel(/email address/i).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submit(page, 'Sign in');
}

// The page's main content in lower case, to look for a state's word in.
export async function stateShown(page) {
  return (await page.locator('main').innerText()).toLowerCase();
}
