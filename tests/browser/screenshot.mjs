// A picture of the trainer's report for docs/gallery.md: the page opened in Debian's chromium
// (playwright-core, no browser download), cropped to the first pitfall's card from its heading
// to its verdict and parting/crossing weeks: what a trainer reads for one pitfall, in a picture
// small enough to commit (the full page of the shipped pitfalls is several screens).
//
//   node tests/browser/screenshot.mjs REPORT.html OUT.png
//
// The browser test (report.test.mjs) runs the same function on the test report and checks the
// picture is drawn and small.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Wide enough for the report's two-panel figure at its natural size, narrow enough for a
// gallery page.
const WIDTH = 1100;

// The PNG bytes of the report at `path`: the first pitfall's card from its top to the end of its
// `.weeks` line (the whole card if it has none), with the page's margin around it.
export async function firstPitfallPicture(path) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    const box = await page.evaluate(() => {
      const card = document.querySelector('section.card.pitfall');
      if (!card) return null;
      const end = card.querySelector('.weeks') || card;
      const top = card.getBoundingClientRect().top + window.scrollY;
      const bottom = end.getBoundingClientRect().bottom + window.scrollY;
      return { top: Math.max(0, top - 12), bottom: bottom + 12 };
    });
    if (box === null) throw new Error(`${path}: no pitfall in the report`);
    return await page.screenshot({
      fullPage: true,
      clip: { x: 0, y: box.top, width: WIDTH, height: Math.ceil(box.bottom - box.top) },
    });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [report, out] = process.argv.slice(2);
  if (!report || !out) {
    console.error('usage: node tests/browser/screenshot.mjs REPORT.html OUT.png');
    process.exit(2);
  }
  const png = await firstPitfallPicture(resolve(report));
  writeFileSync(out, png);
  console.log(`wrote ${out} (${Math.round(png.length / 1024)} KB)`);
}
