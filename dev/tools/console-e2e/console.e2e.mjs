// The web console end to end, as people use it, in headless Chromium (Debian's, through playwright-core): sign in
// through Keycloak's login page, ask, open a citation, browse the admin pages, watch a training run move. Run by
// ConsoleE2ETest (dev/tools), which starts the packaged services; prints the console's page weight and first paint,
// and takes a screenshot of every page (the README shows them).
//
// env: CONSOLE_URL (query-service), SCREENSHOTS (directory), CORPUS (dev/corpus), TRAIN_GROUP (optional: a
// permission group to train as admin), CHROMIUM (default /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const CONSOLE = process.env.CONSOLE_URL;
const SHOTS = process.env.SCREENSHOTS;
const CORPUS = process.env.CORPUS;
const TRAIN_GROUP = process.env.TRAIN_GROUP || '';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const LAUNCH_DATE = '2027-03-15';
const QUESTION = 'When does Project Falcon launch?';
// The local chat model answers in seconds on an idle machine, in minutes when a training run shares its cores.
const ANSWER_TIMEOUT = 300_000;
const VIEWPORT = { width: 1280, height: 800 };

assert.ok(CONSOLE && SHOTS && CORPUS, 'CONSOLE_URL, SCREENSHOTS and CORPUS are required');
await mkdir(SHOTS, { recursive: true });

const results = [];
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}

/** A browser of its own (fresh --user-data-dir) for one person, signed in through the realm's login page. */
async function signIn(user, measure = false) {
  const dir = await mkdtemp(join(tmpdir(), 'tailor-console-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS,
    viewport: VIEWPORT,
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${CONSOLE}/`);
  await page.getByTestId('login').waitFor();
  if (measure) await coldLoad(page);
  await page.getByTestId('login').click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(user);
  await page.locator('#kc-login').click();
  await page.getByTestId('user').filter({ hasText: user }).waitFor();
  return { page, close: async () => { await context.close(); await rm(dir, { recursive: true, force: true }); } };
}

/** What a first visit costs: bytes over the wire and paint times, from the browser's own performance entries. */
async function coldLoad(page) {
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
    return {
      transferred: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0),
      decoded: nav.decodedBodySize + resources.reduce((s, r) => s + r.decodedBodySize, 0),
      requests: 1 + resources.length,
      firstPaint: paint['first-paint'], firstContentfulPaint: paint['first-contentful-paint'],
      domContentLoaded: nav.domContentLoadedEventEnd,
    };
  });
  console.log(`console cold load: ${(m.transferred / 1024).toFixed(1)} KiB transferred (${(m.decoded / 1024).toFixed(1)} KiB `
    + `decoded) in ${m.requests} requests; first paint ${m.firstPaint?.toFixed(0)} ms, first contentful paint `
    + `${m.firstContentfulPaint?.toFixed(0)} ms, DOMContentLoaded ${m.domContentLoaded.toFixed(0)} ms`);
}

/**
 * Bytes a page added when opened: its lazily loaded chunks (the charting library among them), counted from the
 * resource entries since the last clearResourceTimings (the pages' polling would fill the browser's 250-entry buffer).
 */
async function lazyWeight(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('/assets/'))
    .reduce((s, r) => s + r.transferSize, 0));
}

/** Picks a strategy in the Ask page's picker (the models GET /v1/models lists for this user). */
async function pickStrategy(page, model) {
  await page.getByTestId('strategy').click();
  await page.getByRole('option', { name: model, exact: true }).click();
  assert.equal(await page.getByTestId('strategy').inputValue(), model);
}

/** Asks and waits until the answer has finished streaming; fails with the console's error if it could not. */
async function ask(page, question) {
  await page.getByTestId('question').fill(question);
  await page.getByTestId('ask').click();
  const answer = page.getByTestId('answer').last();
  // finished when the model badge (or an error) shows
  await Promise.race([
    answer.locator('.mantine-Badge-root').waitFor({ timeout: ANSWER_TIMEOUT }),
    page.getByTestId('ask-error').waitFor({ timeout: ANSWER_TIMEOUT }),
  ]);
  if (await page.getByTestId('ask-error').count()) {
    assert.fail(`the console could not answer: ${await page.getByTestId('ask-error').innerText()}`);
  }
  return answer;
}

/** Sentences of the engineering documents: none may appear on a page shown to someone without the role. */
async function engineeringSentences() {
  const dir = join(CORPUS, 'engineering');
  const sentences = [];
  for (const file of await readdir(dir)) {
    const body = (await readFile(join(dir, file), 'utf8')).replace(/^---[\s\S]*?---/, '');
    for (const s of body.split(/(?<=[.!?])\s+|\n+/)) {
      const plain = s.replace(/[*#`|]/g, '').trim();
      if (plain.length >= 30) sentences.push(plain.slice(0, 60));
    }
  }
  return sentences;
}

await step('alice asks about Project Falcon and sees the launch date with its citation', async () => {
  const { page, close } = await signIn('alice', true);
  try {
    // answers quoted from the passages: the date is on the page word for word, whatever a 135M model would write
    await pickStrategy(page, 'tailor-extractive');
    const answer = await ask(page, QUESTION);
    await assert.doesNotReject(answer.getByText(LAUNCH_DATE, { exact: false }).first().waitFor({ timeout: 5000 }),
      `the answer does not state ${LAUNCH_DATE}: ${await answer.innerText()}`);
    const citation = answer.getByTestId('citation').filter({ hasText: 'Project Falcon' }).first();
    await citation.waitFor();
    await page.screenshot({ path: join(SHOTS, 'ask.png') });
    await citation.click();
    const passage = page.getByTestId('passage');
    await passage.waitFor();
    assert.match(await passage.innerText(), /Falcon/);
    await page.screenshot({ path: join(SHOTS, 'ask-passage.png') });
  } finally {
    await close();
  }
});

await step('dave asks the same and sees no engineering text anywhere on the page', async () => {
  const { page, close } = await signIn('dave');
  try {
    // retrieval and the local chat model, streamed: what dave's page shows is what the model wrote from his passages
    await pickStrategy(page, 'tailor-rag');
    const answer = await ask(page, QUESTION);
    console.log(`dave's answer (${await answer.locator('.mantine-Badge-root').first().innerText()}): `
      + JSON.stringify((await answer.innerText()).slice(0, 200)));
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(!text.includes(LAUNCH_DATE), 'the launch date is on dave\'s page');
    const leaked = (await engineeringSentences()).filter((s) => text.includes(s));
    assert.deepEqual(leaked, [], 'engineering text on dave\'s page');
    assert.equal(await page.getByTestId('nav-documents').count(), 0, 'dave sees the admin pages');
    await page.screenshot({ path: join(SHOTS, 'ask-dave.png') });
  } finally {
    await close();
  }
});

await step('admin browses documents, groups, advisor and ingest, and sees a training job move', async () => {
  const { page, close } = await signIn('admin');
  try {
    for (const route of ['documents', 'groups', 'advisor', 'ingest']) {
      await page.evaluate(() => performance.clearResourceTimings());
      await page.getByTestId(`nav-${route}`).click();
      if (route === 'documents') {
        await page.getByTestId('doc-search').fill('falcon');
        await page.getByTestId('documents').getByText('eng-falcon-overview').waitFor();
      } else if (route === 'groups') {
        await page.getByTestId('groups').waitFor();
        if (TRAIN_GROUP) await watchTraining(page, TRAIN_GROUP);
      } else if (route === 'advisor') {
        await page.getByTestId('advice').first().waitFor();
      } else {
        await watchIngest(page);
      }
      console.log(`page ${route}: ${((await lazyWeight(page)) / 1024).toFixed(1)} KiB loaded when opened`);
      // clicking a wide table's button may have scrolled the page sideways
      await page.evaluate(() => window.scrollTo(0, window.scrollY));
      await page.screenshot({ path: join(SHOTS, `${route}.png`) });
    }
  } finally {
    await close();
  }
});

/**
 * Asks ConsoleE2ETest, by the line it waits for, to publish document changes, and waits until the page shows them
 * flowing: a throughput above zero and a freshness figure, charted over a few readings.
 */
async function watchIngest(page) {
  await page.getByTestId('backlog').waitFor();
  console.log('ingest page open: publish changes');
  const moving = (testid, pattern) => page.waitForFunction(([id, p]) => new RegExp(p)
    .test(document.querySelector(`[data-testid="${id}"]`)?.innerText ?? ''), [testid, pattern.source],
  { timeout: 90_000, polling: 500 });
  await moving('throughput', /[1-9][0-9.]* events\/s/);
  await moving('freshness', /[0-9.]+ s/);
  await page.locator('.recharts-surface').first().waitFor();
  // a few more readings with changes in them, so that the charts show the flow
  const total = async () => Number((await page.getByTestId('totals').locator('p').nth(1).innerText()).replace(/\D/g, ''));
  const seen = await total();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="totals"] p:nth-of-type(2)')
    ?.innerText.replace(/\D/g, '')) >= n, seen + 6, { timeout: 60_000, polling: 500 });
  console.log(`ingest: ${(await page.getByTestId('throughput').innerText()).replace(/\s+/g, ' ')}; `
    + `${(await page.getByTestId('freshness').innerText()).replace(/\s+/g, ' ')}`);
}

/** Starts a run for the group from its row and waits until its card shows progress moving (or a later status). */
async function watchTraining(page, group) {
  await page.getByTestId(`train-${group}`).click();
  const card = page.getByTestId('job').filter({ hasText: `group ${group}` }).first();
  await card.waitFor({ timeout: 30_000 });
  const read = async () => ({
    status: await card.getByTestId('job-status').innerText(),
    progress: Number(await card.getByTestId('job-progress').getAttribute('data-value')),
    message: await card.getByTestId('job-message').innerText(),
  });
  await card.scrollIntoViewIfNeeded();
  const first = await read();
  console.log(`training ${group}: ${first.status} ${first.progress} % ${first.message}`);
  // the question writer is the local chat model: a chunk takes it seconds on an idle machine, minutes on a busy one
  const deadline = Date.now() + 8 * 60_000;
  for (;;) {
    const now = await read();
    if (now.progress > first.progress || (now.status !== first.status && now.status !== 'FAILED')) {
      console.log(`training ${group}: ${now.status} ${now.progress} % ${now.message}`);
      return;
    }
    assert.notEqual(now.status, 'FAILED', `the training run failed: ${now.message}`);
    assert.ok(Date.now() < deadline, `the training run did not move from ${JSON.stringify(first)}`);
    await page.waitForTimeout(2000);
  }
}

const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
