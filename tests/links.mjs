// Internal link checker for a site built by portal: every href and src that points inside
// the site must resolve to a file, and every #fragment (Chinese ids included, compared after
// percent-decoding, which is where lychee goes wrong) must name an id in the target page.
//
//   node tests/links.mjs SITE_DIR [BASE_PATH]      BASE_PATH defaults to "/"
//
// Prints "N passed, M failed" (N = links checked) and exits 1 on any broken link.
import fs from 'node:fs';
import path from 'node:path';

const [dir, base = '/'] = process.argv.slice(2);
if (!dir || !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error('usage: node tests/links.mjs SITE_DIR [BASE_PATH]');
  process.exit(2);
}
const root = path.resolve(dir);

function* htmlFiles(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* htmlFiles(p);
    else if (e.name.endsWith('.html')) yield p;
  }
}

// Attribute values, quoted or unquoted (minified output drops quotes).
const attr = (name) => new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'g');
const values = (html, name) => [...html.matchAll(attr(name))].map((m) => m[1] ?? m[2] ?? m[3]);
const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) idCache.set(file, new Set(values(fs.readFileSync(file, 'utf8'), 'id').map(unescape)));
  return idCache.get(file);
}

let passed = 0;
let failed = 0;
for (const file of htmlFiles(root)) {
  const html = fs.readFileSync(file, 'utf8');
  // Only the document itself: skip <template>/<script> free text; theme has none.
  for (const raw of [...values(html, 'href'), ...values(html, 'src')]) {
    const url = unescape(raw);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
    const [p, frag] = url.split('#', 2);
    let target;
    if (p === '') {
      target = file;
    } else if (p.startsWith('/')) {
      if (!p.startsWith(base)) { failed++; console.log(`FAIL ${path.relative(root, file)}: ${url} is outside the base path ${base}`); continue; }
      target = path.join(root, decodeURIComponent(p.slice(base.length).split('?')[0]));
    } else {
      target = path.join(path.dirname(file), decodeURIComponent(p.split('?')[0]));
    }
    if (!target.startsWith(root)) { failed++; console.log(`FAIL ${path.relative(root, file)}: ${url} leaves the site`); continue; }
    const st = fs.statSync(target, { throwIfNoEntry: false });
    if (st?.isDirectory()) target = path.join(target, 'index.html');
    if (!fs.existsSync(target)) { failed++; console.log(`FAIL ${path.relative(root, file)}: ${url} → missing ${path.relative(root, target)}`); continue; }
    if (frag !== undefined && frag !== '' && target.endsWith('.html')) {
      const id = decodeURIComponent(frag);
      if (!idsOf(target).has(id)) { failed++; console.log(`FAIL ${path.relative(root, file)}: ${url} → no id "${id}"`); continue; }
    }
    passed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
