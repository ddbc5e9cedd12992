// Helpers for the headless-browser checks of a site built by portal.
// Used by tests/browser/run.mjs; see tests/browser/README.md.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

// ---------------------------------------------------------------------------
// serve(dir, port): a tiny static server for a built site directory.
// ---------------------------------------------------------------------------

const TEXT = (type) => `${type}; charset=utf-8`;
export const MIME = {
  '.html': TEXT('text/html'),
  '.htm': TEXT('text/html'),
  '.css': TEXT('text/css'),
  '.xml': TEXT('application/xml'),
  '.svg': TEXT('image/svg+xml'),
  '.csv': TEXT('text/csv'),
  '.txt': TEXT('text/plain'),
  '.js': TEXT('text/javascript'),
  '.mjs': TEXT('text/javascript'),
  '.json': TEXT('application/json'),
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.zip': 'application/zip',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isInside(root, p) {
  return p === root || p.startsWith(root + path.sep);
}

// Resolves a request path (still percent-encoded, without query) to a file in
// root. Returns { file } for a regular file, { redirect } for a directory asked
// without its trailing slash, { status } for a refusal, or {} for a miss.
export function resolveRequest(root, rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  if (!decoded.startsWith('/')) return { status: 400 };
  // Any ".." segment, encoded or not, is refused outright rather than normalised.
  if (decoded.split('/').includes('..')) return { status: 403 };
  const candidate = path.resolve(root, '.' + decoded);
  if (!isInside(root, candidate)) return { status: 403 };
  let target = candidate;
  let st;
  try {
    st = fs.statSync(target);
  } catch {
    return {};
  }
  if (st.isDirectory()) {
    // Leading slashes collapsed so that "//host" can never become a redirect off-site.
    if (!decoded.endsWith('/')) return { redirect: rawPath.replace(/^\/+/, '/') + '/' };
    target = path.join(target, 'index.html');
    try {
      st = fs.statSync(target);
    } catch {
      return {};
    }
  }
  if (!st.isFile() || (decoded.endsWith('/') && target === candidate)) return {};
  // A symlink inside the site must not lead out of it either.
  let real;
  try {
    real = fs.realpathSync(target);
  } catch {
    return {};
  }
  if (!isInside(root, real)) return { status: 403 };
  return { file: real, size: st.size };
}

// Starts the server on 127.0.0.1:port (0 = any free port). Resolves to
// { url, port, close() }. `url` ends with "/".
export function serve(dir, port = 0) {
  const root = fs.realpathSync(path.resolve(dir));
  const notFound = path.join(root, '404.html');

  const server = http.createServer((req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, { Allow: 'GET, HEAD', 'Content-Type': TEXT('text/plain') }, 'method not allowed\n');
      return;
    }
    const rawPath = (req.url || '/').split(/[?#]/, 1)[0];
    const r = resolveRequest(root, rawPath);
    if (r.redirect) {
      const q = req.url.slice(rawPath.length);
      send(301, { Location: r.redirect + q, 'Content-Type': TEXT('text/plain') }, 'moved\n');
    } else if (r.status) {
      send(r.status, { 'Content-Type': TEXT('text/plain') }, `${r.status}\n`);
    } else if (r.file) {
      send(200, { 'Content-Type': mimeType(r.file), 'Content-Length': r.size }, fs.readFileSync(r.file));
    } else if (fs.existsSync(notFound)) {
      const body = fs.readFileSync(notFound);
      send(404, { 'Content-Type': MIME['.html'], 'Content-Length': body.length }, body);
    } else {
      send(404, { 'Content-Type': TEXT('text/plain') }, 'not found\n');
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Debian's Chromium; CHROMIUM_PATH overrides it.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

// Context options for a browser context with JavaScript turned off.
export const jsDisabled = Object.freeze({ javaScriptEnabled: false });

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Runs axe on the page's current document; returns the violations array.
export async function checkAxe(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations;
}

// One line per violation and node, for a failure message.
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  [axe] ${v.id} (${v.impact}): ${v.help}`);
    lines.push(`        ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`        target: ${n.target.join(' ')}`);
      lines.push(`          html: ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (n.failureSummary) {
        lines.push(`          ${n.failureSummary.replace(/\s*\n\s*/g, ' / ').slice(0, 400)}`);
      }
    }
  }
  return lines.join('\n');
}

// Starts recording console errors and uncaught page errors. Call before
// page.goto. Returns a live array of { text, url } entries.
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push({ text: msg.text(), url: msg.location()?.url || '' });
  });
  page.on('pageerror', (err) => errors.push({ text: `uncaught: ${err.message}`, url: '' }));
  return errors;
}

// Checks that the page does not scroll horizontally at each width (CSS px).
// 320 px is WCAG 1.4.10's reflow width (1280 px at 400% zoom, or 640 px at 200%).
// Returns [] on success, else one { width, scrollWidth, innerWidth, culprits } per failing width.
export async function noHorizontalScroll(page, widths = [390, 320]) {
  const original = page.viewportSize();
  const failures = [];
  try {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      // Let layout settle after the resize.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const m = await page.evaluate(() => {
        const doc = document.documentElement;
        const innerWidth = window.innerWidth;
        const out = { scrollWidth: doc.scrollWidth, innerWidth, culprits: [] };
        if (out.scrollWidth > innerWidth) {
          const describe = (el) => {
            let s = el.tagName.toLowerCase();
            if (el.id) s += '#' + el.id;
            if (el.classList.length) s += '.' + [...el.classList].join('.');
            return s;
          };
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > innerWidth + 0.5 && r.width > 0) {
              // Report the outermost overflowing elements only.
              const p = el.parentElement;
              const pr = p && p.getBoundingClientRect();
              if (!pr || pr.right <= innerWidth + 0.5) {
                out.culprits.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
              }
            }
            if (out.culprits.length >= 8) break;
          }
        }
        return out;
      });
      if (m.scrollWidth > m.innerWidth) failures.push({ width, ...m });
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  return failures;
}
