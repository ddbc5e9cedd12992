// Headless-browser checks of a site built by portal.
//
// It builds nothing: build the site first, with a base URL on this machine, e.g.
//   target/release/portal build --quiet --base-url http://127.0.0.1:8099/ --output-dir target/browser-site
// then run `npm run test:browser`.
//
// Environment:
//   SITE_DIR     built site to serve (default target/browser-site)
//   PORT         port to serve it on, 127.0.0.1 only (default 8099; must match the build's --base-url)
//   EXTRA_PAGES  more site paths to check, comma-separated (e.g. "/gggs/,/ndbg/")
//   EXTRA_FILES  self-contained HTML files to check via file://, comma-separated absolute paths
//   CHROMIUM_PATH  browser binary (default /usr/bin/chromium)
//   ITEM_PAGE    the item page with a table to check (default: the sample's 2023 department budget)
//
// For every page: HTTP status, zero axe violations (WCAG 2.0/2.1 A and AA), no console
// errors, no horizontal scrolling at 390 and 320 CSS px, and a visible <h1> with
// JavaScript disabled. Each of these is one check; the last line is "N passed, M failed".
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  serve,
  launch,
  checkAxe,
  formatViolations,
  collectConsoleErrors,
  noHorizontalScroll,
  jsDisabled,
} from './lib.mjs';

const SITE_DIR = path.resolve(process.env.SITE_DIR || 'target/browser-site');
const PORT = Number(process.env.PORT || 8099);
const REFLOW_WIDTHS = [390, 320];

const splitList = (s) =>
  (s || '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const PAGES = [
  { path: '/', what: 'home page' },
  { path: '/zwdt/', what: 'category list' },
  { path: '/zwdt/page/2/', what: 'paginated list, page 2' },
  { path: process.env.ITEM_PAGE || '/yjsgk/20230221-department-budget-2023/', what: 'item with a table and the catalogue block' },
  { path: '/no-such-page/', what: '404 page', status: 404 },
  { path: '/sitemap/', what: '网站地图' },
  ...splitList(process.env.EXTRA_PAGES).map((p) => ({
    path: p.startsWith('/') ? p : '/' + p,
    what: 'EXTRA_PAGES',
  })),
];
const FILES = splitList(process.env.EXTRA_FILES);

let passed = 0;
let failed = 0;
function record(label, name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${label}  ${name}${detail ? (ok ? `  ${detail}` : `\n${detail}`) : ''}`);
}
async function check(label, name, fn) {
  try {
    const r = await fn();
    record(label, name, r.ok, r.detail);
  } catch (e) {
    record(label, name, false, `  error: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
  }
}

function h1TextOf(file) {
  try {
    const html = fs.readFileSync(file, 'utf8');
    const m = html.match(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i);
    return m ? m[1].replace(/<[^>]*>/g, '').trim() : null;
  } catch {
    return null;
  }
}

// Checks one page: `url` to open, `label` to print, `expectStatus` (null for file://).
async function checkPage(browser, { url, label, expectStatus }) {
  // --- with JavaScript (default context, desktop-sized viewport)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors = collectConsoleErrors(page);
  let response = null;
  let loaded = false;
  try {
    await check(label, expectStatus ? `loads with status ${expectStatus}` : 'loads', async () => {
      response = await page.goto(url, { waitUntil: 'load' });
      loaded = true;
      if (expectStatus == null) return { ok: true };
      const status = response ? response.status() : null;
      if (status !== expectStatus) return { ok: false, detail: `  got status ${status}` };
      if (expectStatus === 404) {
        const want = h1TextOf(path.join(SITE_DIR, '404.html'));
        const got = (await page.locator('h1').first().textContent({ timeout: 5_000 }))?.trim();
        if (!want || got !== want) {
          return { ok: false, detail: `  expected the site's 404.html (<h1> "${want}"), got <h1> "${got}"` };
        }
      }
      return { ok: true };
    });

    await check(label, 'axe: no WCAG 2.1 A/AA violations', async () => {
      if (!loaded) return { ok: false, detail: '  page did not load' };
      const violations = await checkAxe(page);
      if (violations.length === 0) return { ok: true };
      const nodes = violations.reduce((n, v) => n + v.nodes.length, 0);
      return {
        ok: false,
        detail: `  ${violations.length} violation(s) on ${nodes} element(s):\n${formatViolations(violations)}`,
      };
    });

    for (const width of REFLOW_WIDTHS) {
      await check(label, `no horizontal scrolling at ${width}px`, async () => {
        if (!loaded) return { ok: false, detail: '  page did not load' };
        const [f] = await noHorizontalScroll(page, [width]);
        if (!f) return { ok: true };
        return {
          ok: false,
          detail:
            `  scrollWidth ${f.scrollWidth} > innerWidth ${f.innerWidth}; overflowing:\n` +
            f.culprits.map((c) => `    ${c}`).join('\n'),
        };
      });
    }

    await check(label, 'no console errors', async () => {
      if (!loaded) return { ok: false, detail: '  page did not load' };
      // A 404 page's own document shows up as "Failed to load resource ... 404" for the page itself.
      const real = consoleErrors.filter(
        (e) =>
          !(
            expectStatus === 404 &&
            e.url === page.url() &&
            /Failed to load resource: the server responded with a status of 404/.test(e.text)
          ),
      );
      if (real.length === 0) return { ok: true };
      return { ok: false, detail: real.map((e) => `  console: ${e.text}${e.url ? ` (${e.url})` : ''}`).join('\n') };
    });
  } finally {
    await context.close();
  }

  // --- with JavaScript disabled
  const noJs = await browser.newContext({ ...jsDisabled, viewport: { width: 1280, height: 800 } });
  try {
    const p = await noJs.newPage();
    p.setDefaultTimeout(30_000);
    await check(label, 'renders its <h1> with JavaScript disabled', async () => {
      await p.goto(url, { waitUntil: 'load' });
      const h1 = p.locator('h1');
      const count = await h1.count();
      if (count === 0) return { ok: false, detail: '  no <h1>' };
      const visible = await h1.first().isVisible();
      const text = ((await h1.first().textContent()) || '').trim();
      if (!visible || !text) return { ok: false, detail: `  <h1> visible=${visible} text="${text}"` };
      return { ok: true, detail: `"${text}"` };
    });
  } finally {
    await noJs.close();
  }
}

async function main() {
  if (!fs.existsSync(path.join(SITE_DIR, 'index.html'))) {
    console.error(
      `no built site at ${SITE_DIR} (index.html missing); build it first:\n` +
        `  target/release/portal build --quiet --base-url http://127.0.0.1:${PORT}/ --output-dir ${path.relative(process.cwd(), SITE_DIR) || SITE_DIR}`,
    );
    process.exit(2);
  }
  for (const f of FILES) {
    if (!path.isAbsolute(f)) {
      console.error(`EXTRA_FILES entries must be absolute paths: ${f}`);
      process.exit(2);
    }
  }

  let server;
  try {
    server = await serve(SITE_DIR, PORT);
  } catch (e) {
    console.error(`cannot serve ${SITE_DIR} on 127.0.0.1:${PORT}: ${e.message}`);
    process.exit(2);
  }
  console.log(`serving ${SITE_DIR} at ${server.url}`);

  let browser;
  try {
    browser = await launch();
    console.log(`browser: Chromium ${browser.version()}`);
    for (const p of PAGES) {
      const url = new URL(p.path.replace(/^\//, ''), server.url).href;
      await checkPage(browser, { url, label: p.path, expectStatus: p.status || 200 });
    }
    for (const f of FILES) {
      await checkPage(browser, { url: pathToFileURL(f).href, label: f, expectStatus: null });
    }
  } catch (e) {
    console.error(`browser run aborted: ${e && e.stack ? e.stack : e}`);
    failed++;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.close();
  }

  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
