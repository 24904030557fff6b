/**
 * The dashboard in a real browser: playwright-core driving Debian's chromium (/usr/bin/chromium; CI
 * installs it with apt) against a real server over the demo store. Loads each page, clicks a
 * highlighted span, filters the explorer, checks the chart, network and map render, and that markup in
 * an article shows as text. A screenshot of each page is saved in test-artifacts/web/.
 * Without chromium these tests fail (they do not skip): install it with `apt-get install chromium`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { getJson, startServer, type TestServer } from './helpers/server.js';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const MARKUP_TEXT = 'Officials said <script>window.__xss = 1</script> and <b>bold</b> <img src=x onerror="window.__xss = 2"> appear here. Kenya and Tanzania met in Arusha on Monday.';
const MARKUP_TITLE = '<img src=x onerror="window.__xss = 3">Markup & "quotes"';
const MARKUP_NAME = 'Daniel <img src=x onerror="window.__xss = 4">"><svg onload="window.__xss = 5"> Otieno';

let s: TestServer;
let browser: BrowserContext;
let page: Page;
let profile: string;
const problems: string[] = [];
const offsite: string[] = [];

/**
 * Loads the dashboard afresh at a route. Going from one hash to another is a same-page navigation, and
 * the previous route's elements (an article's text, say) would satisfy `ready` before the new route
 * renders: a blank page in between makes every test start from a page that shows only its own route.
 */
async function open(hash: string, ready: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${s.url}/${hash}`);
  await page.waitForSelector(ready);
}

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

const MISSING = `the browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run installs it), or set PARLEY_CHROMIUM to a Chromium binary`;

test('chromium is installed', () => {
  assert.ok(existsSync(CHROMIUM), MISSING);
});

describe('the dashboard', () => {
  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
    s = await startServer();
    const r = await getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'markup', date: '2025-06-01', title: MARKUP_TITLE, text: MARKUP_TEXT }) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1360, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (req) => {
      const u = req.url();
      if (!u.startsWith(s.url) && !u.startsWith('data:')) offsite.push(u);
    });
  });

  after(async () => {
    await browser?.close();
    await s?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('articles: the list, a search with the matches marked', async () => {
    await open('#/articles', '.article-list li');
    assert.equal(await page.locator('.article-list li').count(), 11);
    await page.fill('form.search input[name=q]', 'ferry');
    await page.click('form.search button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('.article-list li').length === 1);
    assert.match((await page.locator('.article-list mark').first().textContent()) ?? '', /ferr/i);
    assert.equal(await page.locator('.article-list .title').textContent(), 'Kenya and Uganda sign lake ferry pact');
    await shot('articles');
  });

  test('articles: an article added from the page is extracted and opens in the reader', async () => {
    await open('#/articles', '.add-article summary');
    await page.click('.add-article summary');
    await page.fill('.add-article textarea', 'Ugandan Foreign Minister Ruth Nakato met Kenyan Foreign Minister Daniel Otieno in Entebbe on Friday to discuss the lake ferries.');
    await page.fill('.add-article input[aria-label=title]', 'Nakato and Otieno meet in Entebbe');
    await page.fill('.add-article input[type=date]', '2025-06-06');
    await page.click('.add-article button[type=submit]');
    await page.waitForSelector('.reader h1:text("Nakato and Otieno meet in Entebbe")');
    assert.ok((await page.locator('.article-text .seg.s-actor').count()) >= 2);
  });

  test('reader: click a highlighted span to see its record, and a record to see its spans', async () => {
    await open('#/article/glw-2025-0205-arusha', '.article-text .seg');
    // an event trigger: its record, with the linked event reported by the other article
    await page.locator('.article-text .seg.s-event', { hasText: 'met' }).first().click();
    await page.waitForSelector('.record[data-kind=event]');
    assert.match((await page.locator('.record h2').textContent()) ?? '', /CONSULT/);
    assert.match(await page.locator('.record').innerText(), /trigger\s+met\s+who/);
    await page.waitForSelector('.linked .other-reports li');
    assert.match(await page.locator('.linked').innerText(), /2 articles · 2 sources/);
    assert.match(await page.locator('.linked .other-reports').innerText(), /lsc-2025-0206-otieno/);
    assert.ok((await page.locator('.article-text .seg.sel').count()) >= 1);
    assert.ok((await page.locator('.article-text .seg.rel').count()) >= 1, "the event's sentence and participants are marked");
    // an actor mention: its colour is its country's, and the record lists its mentions
    await page.locator('.article-text .seg.s-actor', { hasText: 'Daniel Otieno' }).first().click();
    await page.waitForSelector('.record[data-kind=actor]');
    assert.match((await page.locator('.record h2').textContent()) ?? '', /Daniel Otieno\s*KEN/);
    // the reverse: a record in the list marks its spans in the text
    await page.locator('.lists button.rec.s-actor', { hasText: 'Tanzania' }).first().click();
    await page.waitForSelector('.record[data-kind=actor]');
    const marked = await page.locator('.article-text .seg.sel').allTextContents();
    assert.ok(marked.length >= 1 && marked.every((t) => /Tanzania/.test(t)), `marked: ${marked}`);
    // a commitment with its status and the event that kept it
    await page.locator('.lists button.rec.s-commitment', { hasText: 'talks' }).click();
    await page.waitForSelector('.record[data-kind=commitment]');
    assert.match(await page.locator('.record').innerText(), /KEPT[\s\S]*kept by\s+2025-04-15 · glw-2025-0415-kampala/i);
    assert.match(page.url(), /sel=commitment%3AC2|sel=commitment:C2/);
    await shot('reader');
  });

  test('reader: markup in an article is shown as text, never run', async () => {
    await open('#/article/markup', '.article-text');
    assert.equal(await page.locator('.article-text').textContent(), MARKUP_TEXT);
    assert.equal(await page.locator('.reader h1').textContent(), MARKUP_TITLE);
    assert.equal(await page.locator('.article-text script, .article-text b, .article-text img, .reader h1 img').count(), 0);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    await shot('reader-markup');
  });

  test('reader: markup in an actor name (put in the store directly) is shown as text', async () => {
    const { loadEngine } = await import('../src/adapters/engine.js');
    const text = 'Kenyan Foreign Minister Daniel Otieno travelled to Kampala on Friday and signed a ferry agreement with Uganda.';
    const result = loadEngine().extract({ id: 'markup-name', date: '2025-06-02', title: 'A name with markup', text, dateline: null, url: null, lang: 'en' });
    const otieno = result.actors.find((a) => a.name === 'Daniel Otieno');
    assert.ok(otieno);
    otieno.name = MARKUP_NAME;
    result.commitments = [];
    await s.store.putArticle(result, { source: 'markup.example' });
    await open('#/article/markup-name', '.lists button.rec.s-actor');
    const names = await page.locator('.lists button.rec.s-actor').allTextContents();
    assert.ok(names.some((n) => n.includes(MARKUP_NAME)), `actor buttons: ${names.join(' | ')}`);
    await page.locator('.lists button.rec.s-actor', { hasText: 'Otieno' }).first().click();
    await page.waitForSelector('.record[data-kind=actor]');
    assert.match((await page.locator('.record h2').textContent()) ?? '', /<img src=x onerror=/);
    assert.equal(await page.locator('.reader img, .reader svg:has(> [onload]), .reader [onerror], .reader [onload]').count(), 0);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  });

  test('events: filter, sort, open the evidence, export links', async () => {
    await open('#/events', '.events-table tbody tr.event-row');
    const all = await page.locator('tr.event-row').count();
    assert.ok(all >= 20, `${all} events`);
    await page.fill('form.filters input[name=type]', 'CONSULT');
    await page.fill('form.filters input[name=dyad]', 'KEN-TZA');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction((n) => document.querySelectorAll('tr.event-row').length < n, all);
    const types = await page.locator('tr.event-row td:nth-child(2) b').allTextContents();
    assert.ok(types.length >= 2 && types.every((t) => t === 'CONSULT'), `types: ${types}`);
    assert.match(page.url(), /type=CONSULT/);
    assert.match((await page.locator('.export a', { hasText: 'CSV' }).getAttribute('href')) ?? '', /^\/events\/export\?dyad=KEN-TZA&type=CONSULT&format=csv$/);
    // sort by Goldstein, descending
    await page.goto(`${s.url}/#/events`);
    await page.waitForSelector('tr.event-row');
    await page.click('th button:text("Goldstein")');
    await page.click('th button:text("Goldstein")');
    const scores = (await page.locator('tr.event-row td:nth-child(5)').allTextContents()).map((t) => Number(t.replace('—', '-99').replace('−', '-')));
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    // a row opens its reports, each linking into the reader
    await page.locator('tr.event-row').first().click();
    await page.waitForSelector('.detail-row .reports li a');
    assert.match((await page.locator('.detail-row .reports li a').first().getAttribute('href')) ?? '', /^#\/article\/.+\?sel=event%3AE\d+$/);
    await shot('events');
  });

  test('dyad: the chart of cooperation and conflict, counts by type, drill-down to the evidence', async () => {
    await open('#/dyad?a=KEN&b=TZA', 'svg.dyad-chart');
    assert.ok((await page.locator('svg.dyad-chart rect.coop').count()) >= 4);
    assert.ok((await page.locator('svg.dyad-chart rect.conf').count()) >= 1);
    assert.equal(await page.locator('svg.dyad-chart path.gline').count(), 1);
    assert.ok((await page.locator('ul.bars li').count()) >= 4);
    await page.locator('svg.dyad-chart g.period[data-period="2025-01"]').click();
    await page.waitForSelector('.drill .drill-list li');
    assert.match(await page.locator('.drill').innerText(), /ACCUSE[\s\S]*accused Tanzania/);
    await shot('dyad');
  });

  test('network: actors and weighted ties', async () => {
    await open('#/network', 'svg.network-chart g.node');
    assert.ok((await page.locator('svg.network-chart g.node').count()) >= 4);
    assert.ok((await page.locator('svg.network-chart line').count()) >= 4);
    const widths = await page.locator('svg.network-chart line').evaluateAll((ls) => ls.map((l) => parseFloat(getComputedStyle(l).strokeWidth)));
    assert.ok(Math.max(...widths) > Math.min(...widths), 'ties are weighted');
    await page.locator('svg.network-chart g.node[data-code=KEN]').click();
    await page.waitForSelector('.network-panel .partners li');
    assert.match(await page.locator('.network-panel .partners').innerText(), /KEN ↔ TZA/);
    await shot('network');
  });

  test('map: the world outline from the bundle, events by place', async () => {
    await open('#/map', 'svg.world-map circle.place');
    assert.ok((await page.locator('svg.world-map path.country').count()) > 150, 'the bundled world outline is drawn');
    assert.ok((await page.locator('svg.world-map circle.place').count()) >= 6);
    // (a smaller place drawn over it may take a pointer click: the event goes to Kampala's circle itself)
    await page.locator('svg.world-map circle.place[data-place=Kampala]').dispatchEvent('click');
    await page.waitForSelector('.place-events .drill-list li');
    assert.match(await page.locator('.place-events h2').innerText(), /Kampala/);
    await shot('map');
  });

  test('commitments: open, kept and overdue, each with its evidence', async () => {
    await open('#/commitments', '.commitment-list li');
    assert.equal(await page.locator('.commitment-list li').count(), 4);
    await page.click('.tabs a:text("kept")');
    await page.waitForFunction(() => document.querySelectorAll('.commitment-list li').length === 2);
    assert.equal(await page.locator('.commitment-list li .c-kept').count(), 2);
    assert.match(await page.locator('.commitment-list').innerText(), /met in Kampala/);
    await page.click('.tabs a:text("overdue")');
    await page.waitForFunction(() => document.querySelectorAll('.commitment-list li[data-status=overdue]').length === 1);
    await page.click('.tabs a:text("all")');
    await page.waitForFunction(() => document.querySelectorAll('.commitment-list li').length === 4);
    await shot('commitments');
  });

  test('quotes: by speaker', async () => {
    await open('#/quotes?speaker=Mushi', '.quote-list li');
    assert.match(await page.locator('.quote-list').innerText(), /Neema Mushi/);
    await shot('quotes');
  });

  test('no script errors, no CSP violations, no request leaves the server', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(offsite, []);
  });
});
