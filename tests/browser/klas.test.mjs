// The classroom page (build/classroom/regiesim-klas.html) opened from file:// in Debian's chromium
// through playwright-core (goto, console and pageerror events, evaluate, screenshot only), and one
// headless screenshot in firefox-esr. Run with `node --test tests/browser/klas.test.mjs` from the
// repository root (after `npm ci`), or by ctest (label browser).
//
//   REGIESIM_KLAS_PAGE   the page (default build/classroom/regiesim-klas.html); missing = failure
//   REGIESIM_BINARY      the CLI: a malformed file's message in the page must equal the CLI's
//   REGIESIM_KLAS_SHOTS  a directory: the screenshots docs/classroom.md uses are written there
//
// Every figure measured (frames per second, engine time per week, re-run time, file size) is
// printed as one `klas perf:` line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { decodePng, inkShare } from './png.mjs';

const SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE = process.env.REGIESIM_KLAS_PAGE || join(SOURCE, 'build', 'classroom', 'regiesim-klas.html');
const SHOTS = process.env.REGIESIM_KLAS_SHOTS || '';
const CHROMIUM = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';
const MIN_INK = 0.02;
const MAX_BYTES = 3 * 1024 * 1024;
const perf = {};

before(() => {
  console.log(execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim());
  assert.ok(existsSync(PAGE), `the page ${PAGE} does not exist: build it with ` +
    '`cmake --preset classroom && cmake --build --preset classroom`');
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

after(() => {
  console.log(`klas perf: ${JSON.stringify(perf)}`);
});

async function openPage(viewport = { width: 1600, height: 1200 }) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(pathToFileURL(PAGE).href, { waitUntil: 'load' });
  await until(page, () => window.klasReady === true || !document.getElementById('error').hidden,
    60000, 'the engine to load');
  const error = await page.evaluate(() => document.getElementById('error').textContent);
  assert.equal(error, '', `the page shows an error after loading: ${error}`);
  return { browser, page, problems };
}

// Polls `predicate` in the page (evaluate only) until it is true.
async function until(page, predicate, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    if (await page.evaluate(predicate)) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function shotOf(page, selector, name) {
  const box = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.scrollIntoView({ block: 'start' });
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, selector);
  const png = await page.screenshot({ clip: box });
  if (SHOTS && name) writeFileSync(join(SHOTS, name), png);
  return decodePng(png);
}

// Pixels close to an RGB colour: how a curve of one arm is found in a screenshot.
function pixelsNear(image, [r, g, b], tolerance = 40) {
  let n = 0;
  const { pixels, channels } = image;
  for (let i = 0; i < image.width * image.height; i++) {
    const o = i * channels;
    if (Math.abs(pixels[o] - r) + Math.abs(pixels[o + 1] - g) + Math.abs(pixels[o + 2] - b) < tolerance) n++;
  }
  return n;
}
const TRAP = [0xD5, 0x5E, 0x00];
const TWIN = [0x00, 0x72, 0xB2];
const PLAYER = [0x00, 0x9E, 0x73];

test('the page is one file under 3 MB that fetches nothing', () => {
  const bytes = statSync(PAGE).size;
  perf.file_bytes = bytes;
  assert.ok(bytes < MAX_BYTES, `${bytes} bytes`);
  const text = readFileSync(PAGE, 'utf8');
  // No resource from elsewhere: no src/href to a URL, no fetch or XMLHttpRequest in the page's
  // own script (the engine's loader reads its .wasm from the embedded data URI).
  assert.doesNotMatch(text, /<(script|link|img)[^>]+(src|href)\s*=\s*["']?(https?:|\/\/)/i);
  const own = text.slice(text.lastIndexOf('<script>'));
  assert.doesNotMatch(own, /\bfetch\(|XMLHttpRequest/);
});

test('chromium: loads from file:// in Dutch, no errors, the pitfalls listed', { timeout: 120000 }, async () => {
  const { browser, page, problems } = await openPage();
  try {
    const state = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      play: document.getElementById('play').textContent,
      choices: window.klasTest.choices(),
      load: window.klasStats.engineLoadMs,
    }));
    perf.engine_load_ms = Math.round(state.load);
    assert.equal(state.lang, 'nl');
    assert.equal(state.play, 'Afspelen');
    for (const p of ['control_trap', 'negotiation_trap', 'neglected_relations']) {
      assert.ok(state.choices.includes(`pitfalls/${p}`), `pitfalls/${p} missing from ${state.choices}`);
    }
    assert.ok(state.choices.includes('default.toml'));
    assert.ok(state.choices.some((c) => c.startsWith('cases/')));
    // The explanation is the pair's Dutch paragraph; the English switch changes labels and text.
    const nl = await page.evaluate(() => document.getElementById('explainText').textContent);
    assert.match(nl, /Controleval/);
    await page.evaluate(() => document.getElementById('lang').click());
    const en = await page.evaluate(() => ({ lang: document.documentElement.lang,
      play: document.getElementById('play').textContent,
      text: document.getElementById('explainText').textContent }));
    assert.equal(en.lang, 'en');
    assert.equal(en.play, 'Play');
    assert.match(en.text, /Control trap/);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('chromium: a pitfall pair plays to the end, both arms drawn', { timeout: 180000 }, async () => {
  const { browser, page, problems } = await openPage();
  try {
    await page.evaluate(() => {
      window.klasTest.select('pitfalls/control_trap');
      document.getElementById('speed').value = '104';
    });
    // space starts playing (the keyboard handler), as a trainer would
    await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true })));
    const started = await page.evaluate(() => document.getElementById('play').getAttribute('aria-pressed'));
    assert.equal(started, 'true', 'space did not start playing');
    await until(page, () => window.klasTest.week() >= 520, 60000, 'week 520');
    const s = await page.evaluate(() => ({ ...window.klasStats, arms: window.klasTest.arms() }));
    perf.pair_play_fps = Number(s.fps.toFixed(1));
    perf.pair_play_fps_min = Number(s.fpsMin.toFixed(1));
    assert.equal(s.arms.length, 2);
    for (const arm of s.arms) assert.equal(arm.steps, 520);
    assert.notDeepEqual(s.arms[0].realisation, s.arms[1].realisation, 'the arms are identical');
    // The curves: all four charts, both arms' colours present, not blank.
    const charts = await shotOf(page, '#charts', 'klas_charts.png');
    const ink = inkShare(charts);
    assert.ok(ink.share >= MIN_INK && ink.colours > 16, `charts blank: ${ink.share}`);
    assert.ok(pixelsNear(charts, TRAP) > 500, `trap curve: ${pixelsNear(charts, TRAP)} pixels`);
    assert.ok(pixelsNear(charts, TWIN) > 500, `twin curve: ${pixelsNear(charts, TWIN)} pixels`);
    // The two network views: drawn, and not the same picture.
    const net = [];
    for (const id of ['#arm0 canvas', '#arm1 canvas']) {
      const image = await shotOf(page, id, null);
      const k = inkShare(image);
      assert.ok(k.share >= MIN_INK && k.colours > 16, `${id} blank`);
      net.push(image.pixels);
    }
    assert.ok(!net[0].equals(net[1]), 'the two networks look identical');
    // The ticker shows interventions in words.
    const ticker = await page.evaluate(() => document.querySelector('#arm1 .ticker').textContent);
    assert.match(ticker, /week \d+/);
    // ArrowRight steps one week after a restart.
    await page.evaluate(() => document.getElementById('restart').click());
    await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    assert.equal(await page.evaluate(() => window.klasTest.week()), 1);
    await page.evaluate(() => { window.klasTest.select('pitfalls/control_trap'); });
    await page.evaluate(() => { for (let i = 0; i < 260; i++) document.getElementById('step').click(); });
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'klas_pair.png') });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('chromium: the default scenario plays at animation speed, each week\'s engine work measured',
  { timeout: 180000 }, async () => {
    const { browser, page, problems } = await openPage();
    try {
      await page.evaluate(() => {
        window.klasTest.select('default.toml');
        document.getElementById('speed').value = '52';
        document.getElementById('play').click();
      });
      await until(page, () => window.klasTest.week() >= 260, 60000, 'week 260');
      const s = await page.evaluate(() => ({ fps: window.klasStats.fps, fpsMin: window.klasStats.fpsMin,
        bench: window.klasTest.benchSteps('default.toml') }));
      perf.default_play_fps = Number(s.fps.toFixed(1));
      perf.default_play_fps_min = Number(s.fpsMin.toFixed(1));
      perf.default_step_ms = { mean: Number(s.bench.mean.toFixed(3)), median: Number(s.bench.median.toFixed(3)),
        p99: Number(s.bench.p99.toFixed(3)), max: Number(s.bench.max.toFixed(3)) };
      assert.equal(s.bench.n, 520);
      assert.ok(s.fps > 0, 'no frame counted');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

test('chromium: a slider change re-runs both arms', { timeout: 180000 }, async () => {
  const { browser, page, problems } = await openPage();
  try {
    await page.evaluate(() => { window.klasTest.select('pitfalls/negotiation_trap'); window.klasTest.seek(260); });
    const before = await page.evaluate(() => window.klasTest.arms());
    const runs = [];
    const redraws = [];
    const catchUps = [];
    for (const value of ['0.4', '0.05', '0.25']) {
      const after = await page.evaluate((v) => {
        const s = document.getElementById('s_loss');
        s.value = v;
        s.dispatchEvent(new Event('change'));
        return { arms: window.klasTest.arms(), ms: window.klasStats.rerunMs, redraw: window.klasStats.redrawMs,
          week: window.klasTest.week(), shown: document.getElementById('o_loss').textContent };
      }, value);
      runs.push(after.ms);
      redraws.push(after.redraw);
      await until(page, () => window.klasTest.caughtUp(), 20000, 'the network views to catch up');
      catchUps.push(await page.evaluate(() => window.klasStats.catchUpMs));
      assert.equal(after.week, 260, 'the week shown moved');
      assert.equal(after.shown, Number(value).toFixed(2));
      assert.equal(after.arms.length, 2);
      assert.notDeepEqual(after.arms[0].realisation, before[0].realisation, `trust.loss ${value} changed nothing`);
    }
    // Capacity too.
    const cap = await page.evaluate(() => {
      const s = document.getElementById('s_capacity');
      s.value = '5';
      s.dispatchEvent(new Event('change'));
      return window.klasTest.arms();
    });
    assert.notDeepEqual(cap[1].realisation, before[1].realisation, 'capacity changed nothing');
    runs.sort((a, b) => a - b);
    perf.pair_rerun_ms = runs.map((ms) => Math.round(ms));
    perf.engine_week_ms = await page.evaluate(() => Number(window.klasStats.engineWeekMs.toFixed(4)));
    assert.ok(perf.engine_week_ms > 0, 'the engine timed no week');
    perf.pair_redraw_ms = redraws.map((ms) => Math.round(ms));
    perf.pair_network_caught_up_at_week_260_ms = catchUps.map((ms) => Math.round(ms));
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'klas_slider.png') });
    // A pair that differs in the meeting frequency keeps that slider fixed.
    const fixed = await page.evaluate(() => {
      window.klasTest.select('pitfalls/neglected_relations');
      return document.getElementById('s_convene').disabled;
    });
    assert.equal(fixed, true, 'neglected_relations: the meeting-frequency slider should be fixed');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('chromium: play mode completes a game of 26 rounds, debrief and export', { timeout: 240000 }, async () => {
  const { browser, page, problems } = await openPage();
  try {
    await page.evaluate(() => window.klasTest.select('pitfalls/control_trap'));
    const started = await page.evaluate(() => window.klasTest.startPlay());
    assert.equal(started, true);
    const arsenal = await page.evaluate(() => window.klasTest.arsenal());
    assert.ok(arsenal.length > 3, `arsenal: ${JSON.stringify(arsenal)}`);
    // During play the trust chart is hidden (the regisseur does not see tie trust).
    const hidden = await page.evaluate(() => document.getElementById('playPanel').hidden);
    assert.equal(hidden, false);
    // Rounds: a partner intervention on the first offered partner, a group one, then nothing.
    const partnerEntry = arsenal.find((a) => a.targets.some((t) => t !== 'all'));
    const groupEntry = arsenal.find((a) => a.targets.length === 1 && a.targets[0] === 'all' && a.intervention !== 'convene');
    for (let round = 0; round < 26; round++) {
      await page.evaluate(([p, g, r]) => {
        if (r % 3 === 0 && p) window.klasTest.pick(p.intervention, p.targets.find((t) => t !== 'all'));
        if (r % 3 === 1 && g) window.klasTest.pick(g.intervention, 'all');
        return window.klasTest.playRound();
      }, [partnerEntry, groupEntry, round]);
      if (round === 12 && SHOTS) await page.screenshot({ path: join(SHOTS, 'klas_play.png') });
      if (round === 12) {
        // During play the regisseur sees realisation but not the partners' commitment: the player's
        // colour is drawn in the one chart and not in the other.
        const seen = await shotOf(page, '#charts canvas[data-metric="realisation"]', null);
        const hiddenChart = await shotOf(page, '#charts canvas[data-metric="commitment_mean"]', null);
        assert.ok(pixelsNear(seen, PLAYER) > 100, `realisation not drawn in play (${pixelsNear(seen, PLAYER)})`);
        assert.ok(pixelsNear(hiddenChart, PLAYER) < 20, `commitment shown during play (${pixelsNear(hiddenChart, PLAYER)})`);
      }
    }
    const revealed = await shotOf(page, '#charts canvas[data-metric="commitment_mean"]', null);
    assert.ok(pixelsNear(revealed, PLAYER) > 100, 'commitment not revealed at the debrief');
    const state = await page.evaluate(() => window.klasTest.playState());
    assert.equal(state.done, true);
    assert.equal(state.weeks, 520);
    const session = await page.evaluate(() => window.klasSession());
    assert.equal(session.rounds.length, 26);
    assert.match(session.plan_toml, /\[\[regisseur\.plan\]\]/);
    assert.ok(Number.isFinite(session.results.player.week_104.realisation));
    assert.ok(Number.isFinite(session.results.player.week_520.realisation));
    assert.ok(Object.keys(session.results.strategies).length >= 5, Object.keys(session.results.strategies).join());
    assert.ok(session.claims.length > 0, 'no claim named');
    // The download link holds the same session.
    const exported = await page.evaluate(async () => {
      const a = document.getElementById('download');
      return { name: a.download, text: await (await fetch(a.href)).text() };
    });
    assert.match(exported.name, /\.json$/);
    const parsed = JSON.parse(exported.text);
    assert.equal(parsed.plan_toml, session.plan_toml);
    assert.ok(exported.text.length < 200000, `${exported.text.length} bytes`);
    perf.session_json_bytes = exported.text.length;
    const rows = await page.evaluate(() => document.querySelectorAll('#debrief tr').length);
    assert.equal(rows, 1 + 1 + Object.keys(session.results.strategies).length);
    const debrief = await shotOf(page, '#debrief', 'klas_debrief.png');
    assert.ok(inkShare(debrief).share >= MIN_INK, 'the debrief is blank');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('chromium: a malformed scenario shows the CLI\'s message, file:line:column', { timeout: 120000 }, async () => {
  const { browser, page, problems } = await openPage();
  const dir = mkdtempSync(join(tmpdir(), 'regiesim-klas-'));
  try {
    const bad = {
      'kapot.toml': '[regisseur]\ncapacity = \n',
      'verkeerd.toml': 'extends = "default.toml"\n\n[regisseur]\ncapacity = "veel"\n',
    };
    for (const [name, text] of Object.entries(bad)) {
      const shown = await page.evaluate(([n, t]) => {
        const r = window.klasOpenFiles({ [n]: t });
        const box = document.getElementById('error');
        const rect = box.getBoundingClientRect();
        return { result: r, text: box.textContent, visible: !box.hidden && rect.height > 20 };
      }, [name, text]);
      assert.equal(shown.result.ok, false);
      assert.ok(shown.visible, 'the error box is not visible');
      assert.match(shown.text, new RegExp(`${name.replace('.', '\\.')}:\\d+:\\d+: error: `));
      if (process.env.REGIESIM_BINARY) {
        // The same text as the CLI prints for the same file (extends resolved from scenarios/).
        const path = name === 'verkeerd.toml' ? join(dir, 'scenarios_copy') : dir;
        if (name === 'verkeerd.toml') {
          mkdirSync(path, { recursive: true });
          writeFileSync(join(path, 'default.toml'), readFileSync(join(SOURCE, 'scenarios', 'default.toml')));
        }
        writeFileSync(join(path, name), text);
        const cli = spawnSync(process.env.REGIESIM_BINARY, ['run', name, '-o', join(dir, 'x.h5')],
          { cwd: path, encoding: 'utf8' });
        assert.equal(cli.status, 2);
        const message = cli.stderr.trim().split('\n')[0];
        assert.ok(shown.text.includes(message), `page: ${shown.text}\nCLI: ${message}`);
      }
      if (SHOTS && name === 'verkeerd.toml') await shotOf(page, '#error', 'klas_error.png');
    }
    // The page still works: the previous scenario is still shown, a good file opens.
    const good = await page.evaluate(() => window.klasOpenFiles({
      'eigen.toml': 'extends = "default.toml"\n\n[regisseur]\ncapacity = 3\n' }));
    assert.equal(good.ok, true);
    const after = await page.evaluate(() => ({ error: document.getElementById('error').hidden,
      arms: window.klasTest.arms().length }));
    assert.deepEqual(after, { error: true, arms: 1 });
    assert.deepEqual(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await browser.close();
  }
});

// Firefox compiles the engine before the page's load event (page.js), so the screenshot shows the
// pair drawn at the week the link names: both arms' curves must be in it.
test('firefox-esr: a headless screenshot shows the pair drawn at week 520', { timeout: 180000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'regiesim-firefox-'));
  try {
    const shot = join(dir, 'klas.png');
    mkdirSync(join(dir, 'profile'));  // a fresh profile: without the folder firefox hangs
    execFileSync(FIREFOX, ['--headless', '--no-remote', '--profile', join(dir, 'profile'),
      '--screenshot', shot, '--window-size=1280,1400',
      `${pathToFileURL(PAGE).href}#scenario=pitfalls/control_trap&week=520`], {
      stdio: ['ignore', 'ignore', 'pipe'], timeout: 150000,
      env: { ...process.env, HOME: dir, MOZ_DISABLE_CONTENT_SANDBOX: '1' },
    });
    const image = decodePng(readFileSync(shot));
    assert.equal(image.width, 1280);
    const ink = inkShare(image);
    assert.ok(ink.share >= MIN_INK && ink.colours > 16,
      `blank: ${(100 * ink.share).toFixed(2)}% ink, ${ink.colours} colours`);
    if (SHOTS) writeFileSync(join(SHOTS, 'klas_firefox.png'), readFileSync(shot));
    // The arms' borders alone are a few thousand pixels of each colour; the curves add more.
    const trap = pixelsNear(image, TRAP);
    const twin = pixelsNear(image, TWIN);
    perf.firefox_curve_pixels = { trap, twin };
    // the network's nodes (viridis greens and blues) are drawn only once the engine ran
    const nodes = pixelsNear(image, [33, 144, 141], 60) + pixelsNear(image, [59, 81, 139], 60);
    perf.firefox_node_pixels = nodes;
    assert.ok(nodes > 500, `no network drawn in firefox (${nodes} node pixels)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
