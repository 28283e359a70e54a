// The trainer's report opened in real browsers: Debian's chromium driven by playwright-core (no
// browser download), and one headless screenshot of firefox-esr. Run with `node --test` from the
// repository root (after `npm ci`), or by ctest (label browser).
//
// The reports are read from $REGIESIM_REPORT_DIR (report_en.html, report_nl.html, written by the
// ctest fixture with `/usr/bin/python3 -m regiesim_analysis report`); without it they are made
// here from analysis/tests/data/pairs with the same command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { decodePng, inkShare } from './png.mjs';
import { firstPitfallPicture } from './screenshot.mjs';

const SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';
// A figure counts as drawn when at least 2% of its pixels differ from its most common colour.
const MIN_INK = 0.02;
// Words of the English page's headings and labels that Dutch does not use; the Dutch page must
// show none of them in a heading, a table head, a summary line, a caption or its title.
// ("claims" is not among them: Dutch uses the word too.)
const ENGLISH = ['the', 'of', 'and', 'what', 'how', 'contents', 'pitfall', 'cited',
  'trainer should', 'differs', 'between', 'weeks', 'numbers', 'say', 'happened', 'exits',
  'every', 'metric', 'units', 'mean', 'difference', 'event', 'higher', 'lower', 'parting',
  'crossing', 'pairs', 'never', 'trap', 'twin', 'report', 'read', 'arms', 'wrote', 'not run'];
const HEADINGS = 'title, h1, h2, h3, h4, th, summary, figcaption, caption, nav, .weeks, .badges';

let work = null;
let reports = {};

function makeReports() {
  const given = process.env.REGIESIM_REPORT_DIR;
  if (given) {
    return { en: join(given, 'report_en.html'), nl: join(given, 'report_nl.html') };
  }
  work = mkdtempSync(join(tmpdir(), 'regiesim-browser-'));
  const out = {};
  for (const lang of ['en', 'nl']) {
    out[lang] = join(work, `report_${lang}.html`);
    execFileSync('/usr/bin/python3', ['-m', 'regiesim_analysis', 'report',
      join(SOURCE, 'analysis', 'tests', 'data', 'pairs'), '-o', out[lang], '--lang', lang], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PYTHONPATH: join(SOURCE, 'analysis') },
    });
  }
  return out;
}

before(() => {
  console.log(execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim());
  reports = makeReports();
  for (const path of Object.values(reports)) assert.ok(existsSync(path), `${path} missing`);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openReport(path) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { browser, page, problems };
}

// Every figure: visible with its image decoded, and its box on screen not one colour.
async function checkFigures(page, expected) {
  const count = await page.evaluate(() => document.querySelectorAll('figure img').length);
  assert.equal(count, expected, 'one figure per pitfall');
  for (let i = 0; i < count; i++) {
    const box = await page.evaluate((index) => {
      const image = document.querySelectorAll('figure img')[index];
      image.scrollIntoView({ block: 'center' });
      const style = getComputedStyle(image);
      const rect = image.getBoundingClientRect();
      return {
        x: rect.x, y: rect.y, width: rect.width, height: rect.height,
        loaded: image.complete && image.naturalWidth > 0,
        shown: style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0',
        inViewport: rect.top >= 0 && rect.bottom <= window.innerHeight,
      };
    }, i);
    assert.ok(box.loaded, `figure ${i + 1}: image not decoded`);
    assert.ok(box.shown && box.width > 200 && box.height > 100,
      `figure ${i + 1}: not visible (${JSON.stringify(box)})`);
    assert.ok(box.inViewport, `figure ${i + 1}: does not fit the viewport`);
    const shot = await page.screenshot({
      clip: { x: box.x, y: box.y, width: box.width, height: box.height },
    });
    const ink = inkShare(decodePng(shot));
    assert.ok(ink.share >= MIN_INK && ink.colours > 2,
      `figure ${i + 1}: blank (${(100 * ink.share).toFixed(2)}% ink, ${ink.colours} colours)`);
  }
}

// The text of every heading-like element, without its <code> parts: those are names (a folder,
// a metric, a setting) and stay as written in any language.
async function headingWords(page) {
  return page.evaluate((selector) => Array.from(document.querySelectorAll(selector))
    .map((element) => {
      const copy = element.cloneNode(true);
      copy.querySelectorAll('code').forEach((code) => code.remove());
      return copy.textContent;
    }), HEADINGS);
}

function englishIn(texts) {
  const found = new Set();
  for (const text of texts) {
    for (const word of ENGLISH) {
      if (new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'iu').test(text)) found.add(word);
    }
  }
  return [...found];
}

function pitfallCount(path) {
  return (readFileSync(path, 'utf8').match(/<section class="card pitfall"/g) || []).length;
}

for (const lang of ['en', 'nl']) {
  test(`chromium: the ${lang} report loads from file:// without errors, every figure drawn`,
    { timeout: 180000 }, async () => {
      const { browser, page, problems } = await openReport(reports[lang]);
      try {
        const language = await page.evaluate(() => document.documentElement.lang);
        assert.equal(language, lang);
        await checkFigures(page, pitfallCount(reports[lang]));
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
      }
    });
}

test('chromium: the Dutch report has no English headings, the English one has them',
  { timeout: 180000 }, async () => {
    const found = {};
    for (const lang of ['en', 'nl']) {
      const { browser, page } = await openReport(reports[lang]);
      try {
        const texts = await headingWords(page);
        assert.ok(texts.length > 10, `${lang}: headings found: ${texts.length}`);
        found[lang] = englishIn(texts);
      } finally {
        await browser.close();
      }
    }
    assert.deepEqual(found.nl, [], `English words in the Dutch headings: ${found.nl}`);
    // The same check on the English page finds them, so it can fail.
    assert.ok(found.en.length >= 10, `the check found only ${found.en} on the English page`);
  });

test('firefox-esr: a headless screenshot of the Dutch report is not blank', { timeout: 180000 },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'regiesim-firefox-'));
    try {
      const shot = join(dir, 'report.png');
      mkdirSync(join(dir, 'profile'));  // a fresh profile: without the folder firefox hangs
      execFileSync(FIREFOX, ['--headless', '--no-remote', '--profile', join(dir, 'profile'),
        '--screenshot', shot, '--window-size=1280,1600', pathToFileURL(reports.nl).href], {
        stdio: ['ignore', 'ignore', 'pipe'], timeout: 150000,
        env: { ...process.env, HOME: dir, MOZ_DISABLE_CONTENT_SANDBOX: '1' },
      });
      const image = decodePng(readFileSync(shot));
      assert.equal(image.width, 1280);
      const ink = inkShare(image);
      assert.ok(ink.share >= MIN_INK && ink.colours > 16,
        `blank: ${(100 * ink.share).toFixed(2)}% ink, ${ink.colours} colours`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

// The gallery's picture of the report (docs/gallery/report_nl.png) is made by screenshot.mjs: the
// first pitfall's card, drawn, narrower than the page is long, and small enough to commit.
test('chromium: the gallery picture is the first pitfall, drawn and under 300 KB',
  { timeout: 180000 }, async () => {
    const png = await firstPitfallPicture(reports.nl);
    assert.ok(png.length < 300 * 1024, `${Math.round(png.length / 1024)} KB`);
    const image = decodePng(png);
    assert.equal(image.width, 1100);
    const ink = inkShare(image);
    assert.ok(ink.share >= MIN_INK && ink.colours > 16,
      `blank: ${(100 * ink.share).toFixed(2)}% ink, ${ink.colours} colours`);
    // Cropped: the card of one pitfall, not the whole page of two.
    const { browser, page } = await openReport(reports.nl);
    try {
      await page.setViewportSize({ width: image.width, height: 1000 });  // the picture's width
      const card = await page.evaluate(() => {
        const first = document.querySelector('section.card.pitfall');
        return { height: first.getBoundingClientRect().height,
          page: document.documentElement.scrollHeight };
      });
      assert.ok(image.height <= card.height + 24 && image.height > 300,
        `picture ${image.height} px, first card ${card.height} px`);
      assert.ok(image.height < card.page / 2,
        `picture ${image.height} px of a ${card.page} px page`);
    } finally {
      await browser.close();
    }
  });
