// `portal serve` in real headless Chromium: open a page, edit its Markdown on disk and see
// the new text without touching the page; write a broken front matter and see the overlay
// naming the file while the old text is still there; fix it and see the overlay gone.
//
// Run after `cargo build --release`: `node tests/browser/serve.mjs`. The last line is
// "N passed, M failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { launch, collectConsoleErrors } from './lib.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const bin = process.env.PORTAL_BIN || path.join(repo, 'target/release/portal');
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-serve-'));
for (const part of ['site.yaml', 'content', 'themes']) {
  fs.cpSync(path.join(repo, part), path.join(site, part), { recursive: true });
}
const rel = 'content/zwdt/20230105-q1-safety-meeting.md';
const file = path.join(site, rel);
const original = fs.readFileSync(file, 'utf8');

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log(`PASS ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
}

const server = spawn(bin, ['serve', '--port', '0', '--root', site], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) resolve(m[0]);
  });
  server.on('exit', () => reject(new Error(`portal serve exited: ${out}`)));
});

const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = collectConsoleErrors(page);
  await page.goto(`${url}zwdt/20230105-q1-safety-meeting/`);
  const h1 = page.locator('h1');
  check((await h1.textContent()).includes('第一季度安全生产'), 'page opens from portal serve');

  // 1. An edit shows up without touching the page.
  fs.writeFileSync(file, original.replace(/^title: (.*)$/m, 'title: $1（浏览器自动刷新测试）'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('浏览器自动刷新测试'), null, { timeout: 15000 })
    .then(() => check(true, 'edited title appears by live reload'), () => check(false, 'edited title appears by live reload'));

  // 2. A broken front matter: overlay with the file name, old text still there.
  fs.writeFileSync(file, original.replace(/^date: .*$/m, 'date: 2023-02-30'));
  const overlay = page.locator('#portal-error-overlay');
  await overlay.waitFor({ state: 'visible', timeout: 15000 })
    .then(() => check(true, 'overlay appears for a broken edit'), () => check(false, 'overlay appears for a broken edit'));
  const overlayText = (await overlay.count()) ? await overlay.textContent() : '';
  check(overlayText.includes(rel) && overlayText.includes('2023-02-30'), 'overlay names the file and the problem');
  check((await h1.textContent()).includes('浏览器自动刷新测试'), 'the last good page is still shown under the overlay');

  // 3. Fixing it removes the overlay.
  fs.writeFileSync(file, original.replace(/^title: (.*)$/m, 'title: $1（已修复）'));
  await page.waitForFunction(() => !document.getElementById('portal-error-overlay') && document.querySelector('h1')?.textContent.includes('已修复'), null, { timeout: 15000 })
    .then(() => check(true, 'fixing the file removes the overlay and reloads'), () => check(false, 'fixing the file removes the overlay and reloads'));
  check(errors.length === 0, `no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
} finally {
  await browser.close();
  server.kill('SIGINT');
  fs.rmSync(site, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
