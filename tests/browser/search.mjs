// 站内搜索 in headless Chromium: builds the sample site with `portal build --search` for a
// local server, then searches for three Chinese words that each occur in exactly one item
// (a budget term, a notice term, a news term) and expects that item as the first result;
// also the header search box, the 栏目 filter, axe on the search page and on a page with the
// header box, reflow at 390/320 px, console errors and the no-JavaScript fallback.
//
// Run after `npm ci` and `cargo build --release`: `npm run test:search`.
// Environment: PORTAL_BIN (default target/release/portal), PORT (default: a free port),
// SITE_DIR (default target/search-site), CHROMIUM_PATH. The last line is "N passed, M failed".
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  serve,
  launch,
  checkAxe,
  formatViolations,
  collectConsoleErrors,
  noHorizontalScroll,
  jsDisabled,
} from './lib.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const bin = process.env.PORTAL_BIN || path.join(repo, 'target/release/portal');
const siteDir = path.resolve(repo, process.env.SITE_DIR || 'target/search-site');

// Each word occurs in exactly one item of content/ (checked below), in different 栏目.
const TERMS = [
  { term: '公用经费', kind: 'budget (预决算公开)', item: 'yjsgk/20230221-department-budget-2023' },
  { term: '一事一议', kind: 'notice (公告公示)', item: 'gggs/20230303-one-matter-one-discussion-plan' },
  { term: '义务植树', kind: 'news (政务动态)', item: 'zwdt/20230310-tree-planting' },
];

let passed = 0;
let failed = 0;
async function check(name, fn) {
  let ok = false;
  let detail = '';
  try {
    const r = await fn();
    ok = r === true || (r && r.ok);
    detail = (r && r.detail) || '';
  } catch (e) {
    detail = `error: ${String(e && e.message ? e.message : e).split('\n')[0]}`;
  }
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `\n  ${detail}` : ''}`);
  return ok;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Item files under content/ whose text contains `term`.
function itemsContaining(term) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md') && e.name !== '_index.md' && fs.readFileSync(p, 'utf8').includes(term)) {
        out.push(path.relative(path.join(repo, 'content'), p).replace(/\.md$/, ''));
      }
    }
  };
  walk(path.join(repo, 'content'));
  return out;
}

// Waits for the search page to settle and returns { status, hrefs } (paths of the results).
async function results(page) {
  const status = page.locator('#search-status');
  await page.waitForFunction(
    () => /找到|没有找到|无法使用/.test(document.getElementById('search-status')?.textContent || ''),
    null,
    { timeout: 20_000 },
  );
  const hrefs = await page.$$eval('#search-results .search-result h2 a', (as) => as.map((a) => new URL(a.href).pathname));
  return { status: (await status.textContent()).trim(), hrefs };
}

async function main() {
  const port = Number(process.env.PORT) || (await freePort());
  if (!fs.existsSync(bin)) {
    console.error(`no portal binary at ${bin}: run cargo build --release first (or set PORTAL_BIN)`);
    process.exit(2);
  }
  fs.rmSync(siteDir, { recursive: true, force: true });
  const started = Date.now();
  const build = spawnSync(
    bin,
    ['build', '--quiet', '--search', '--root', repo, '--base-url', `http://127.0.0.1:${port}/`, '--output-dir', siteDir],
    { encoding: 'utf8' },
  );
  const built = await check(`portal build --search (${Date.now() - started} ms)`, () => ({
    ok: build.status === 0 && fs.existsSync(path.join(siteDir, 'pagefind/pagefind.js')) && fs.existsSync(path.join(siteDir, 'search/index.html')),
    detail: build.status === 0 ? '' : `exit ${build.status}: ${(build.stderr || '').trim()}`,
  }));
  if (!built) {
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  }

  const server = await serve(siteDir, port);
  console.log(`serving ${siteDir} at ${server.url}`);
  const browser = await launch();
  console.log(`browser: Chromium ${browser.version()}`);
  const url = (p) => new URL(p, server.url).href;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectConsoleErrors(page);

    // 1. Each term finds its one item first, through the URL the header form submits to.
    for (const t of TERMS) {
      await check(`“${t.term}” (${t.kind}) → /${t.item}/ is the first result`, async () => {
        const owners = itemsContaining(t.term);
        if (owners.length !== 1 || owners[0] !== t.item) {
          return { ok: false, detail: `the term should occur in exactly one item (${t.item}), found in: ${owners.join(', ') || 'none'}` };
        }
        await page.goto(url(`search/?q=${encodeURIComponent(t.term)}`));
        const r = await results(page);
        const ok = r.hrefs[0] === `/${t.item}/`;
        return { ok, detail: `${r.status} first: ${r.hrefs[0] || '(none)'}${r.hrefs.length > 1 ? `; also ${r.hrefs.slice(1).join(' ')}` : ''}` };
      });
    }

    // 2. The search page's own form (no reload; the URL follows).
    await check('the search page form searches without reloading and updates the URL', async () => {
      await page.goto(url('search/'));
      await page.fill('#search-q', TERMS[2].term);
      await page.click('#search-form button[type=submit], #search-form button');
      const r = await results(page);
      const q = new URL(page.url()).searchParams.get('q');
      return { ok: r.hrefs[0] === `/${TERMS[2].item}/` && q === TERMS[2].term, detail: `${r.status} url q=${q}` };
    });

    // 3. The 栏目 filter.
    await check('栏目 filter: “公用经费” in 政务动态 finds nothing, in 预决算公开 finds the budget', async () => {
      await page.goto(url(`search/?q=${encodeURIComponent('公用经费')}&lm=${encodeURIComponent('政务动态')}`));
      const none = await results(page);
      await page.goto(url(`search/?q=${encodeURIComponent('公用经费')}&lm=${encodeURIComponent('预决算公开')}`));
      const one = await results(page);
      return {
        ok: none.hrefs.length === 0 && one.hrefs[0] === `/${TERMS[0].item}/`,
        detail: `${none.status} / ${one.status}`,
      };
    });

    // 4. A word nowhere on the site.
    await check('a word that is nowhere says so', async () => {
      await page.goto(url(`search/?q=${encodeURIComponent('宇宙飞船')}`));
      const r = await results(page);
      return { ok: r.hrefs.length === 0 && r.status.includes('没有找到'), detail: r.status };
    });

    // 5. The header search box on another page leads to the results.
    await check('header search box on the home page leads to the results', async () => {
      await page.goto(url(''));
      await page.fill('#header-search-q', TERMS[1].term);
      await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#header-search-q', 'Enter')]);
      const r = await results(page);
      return { ok: r.hrefs[0] === `/${TERMS[1].item}/`, detail: r.status };
    });

    // 6. Accessibility and reflow of the search page with results, and of an item page with
    // the header box.
    for (const [label, p] of [
      ['search page with results', `search/?q=${encodeURIComponent('经费')}`],
      ['search page, empty', 'search/'],
      ['item page with the header search box', `${TERMS[0].item}/`],
    ]) {
      await page.goto(url(p));
      if (p.includes('?q=')) await results(page);
      await check(`axe: no WCAG 2.1 A/AA violations (${label})`, async () => {
        const v = await checkAxe(page);
        return { ok: v.length === 0, detail: v.length ? formatViolations(v) : '' };
      });
      await check(`no horizontal scrolling at 390 and 320 px (${label})`, async () => {
        const f = await noHorizontalScroll(page, [390, 320]);
        return { ok: f.length === 0, detail: f.map((x) => `${x.width}px: ${x.culprits.join(', ')}`).join('; ') };
      });
    }
    await check('“显示更多结果” adds results and moves focus to the first new one', async () => {
      await page.goto(url(`search/?q=${encodeURIComponent('镇')}`));
      await results(page);
      const before = await page.locator('.search-result').count();
      if (!(await page.locator('#search-more').isVisible())) return { ok: false, detail: `only ${before} results, no button` };
      await page.click('#search-more');
      await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n, before);
      const after = await page.locator('.search-result').count();
      const focused = await page.evaluate(() => document.activeElement?.closest('.search-result') !== null);
      return { ok: after > before && focused, detail: `${before} → ${after}` };
    });
    await check('no console errors on the search pages', () => ({
      ok: errors.length === 0,
      detail: errors.map((e) => `${e.text} ${e.url}`).join('; '),
    }));
    await context.close();

    // 7. Without JavaScript: the <noscript> fallback points to 网站地图 and the 栏目 lists.
    const noJs = await browser.newContext({ ...jsDisabled, viewport: { width: 390, height: 800 } });
    await check('without JavaScript the page says so and links 网站地图 and every 栏目', async () => {
      const p = await noJs.newPage();
      await p.goto(url(`search/?q=${encodeURIComponent(TERMS[0].term)}`));
      const box = p.locator('.search-noscript');
      const visible = await box.isVisible();
      const text = (await box.textContent()) || '';
      const links = await box.locator('a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      const navCount = await p.locator('.site-nav .nav-list a').count();
      const ok = visible && text.includes('JavaScript') && links.includes('/sitemap/') && links.length === navCount;
      return { ok, detail: `visible=${visible}, ${links.length} links (${navCount - 1} 栏目 + 网站地图 expected)` };
    });
    await noJs.close();
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
