// The classroom page: the engine (RegiesimKlas, the core compiled to WebAssembly and embedded in
// this file) runs a pitfall's two arms side by side, or lets a participant take the regisseur's
// seat. Nothing is fetched: the scenarios come from the engine's catalogue or the file picker.
'use strict';
(function () {

// ---------------------------------------------------------------- texts (Dutch first)
const TEXT = {
  nl: {
    title: 'Regie in de klas', scenario: 'Scenario', openFiles: 'Scenariobestand openen',
    playMode: 'Zelf regisseren', watchMode: 'Terug naar de demonstratie', loading: 'De rekenkern wordt geladen...',
    explanation: 'Uitleg', play: 'Afspelen', pause: 'Pauze', step: 'Eén week', restart: 'Opnieuw',
    speed: 'Snelheid', weeksPerSecond: 'weken per seconde',
    convene: 'Vergaderfrequentie: elke ... weken', capacity: 'Regiecapaciteit per week',
    concreteness: 'Concreetheid van het doel', trustLoss: 'Vertrouwensverlies', reset: 'Terug naar het scenario',
    youAre: 'Jij bent de regisseur', yourChoices: 'Jouw keuzes deze ronde', playRound: 'Speel deze ronde (4 weken)',
    realisation: 'Realisatie van de opgave', trust: 'Onderling vertrouwen', commitment: 'Inzet van de partners',
    negotiating: 'Aandeel onderhandelend (gem. 8 weken)',
    week: 'week', of: 'van', trap: 'Valkuil', twin: 'Tweeling', single: 'Scenario',
    pitfalls: 'Valkuilen (valkuil naast tweeling)', cases: 'Casussen (valkuil naast tweeling)',
    singles: "Losse scenario's", picked: 'Geopende bestanden',
    fixedSlider: 'Staat vast: hierin verschillen de twee armen.',
    sliderHint: 'Een schuifje verandert beide armen tegelijk en rekent alles opnieuw.',
    hiddenUntilDebrief: 'verborgen tot de nabespreking',
    netLegend: 'kleur = inzet (donkerpaars laag, geel hoog), grootte = passie, lijndikte = vertrouwen',
    obsLegend: 'wat de regisseur ziet: kleur = vertrouwen in jou, grootte = bijdrage vorige week',
    round: 'Ronde', budget: 'Budget deze ronde', spent: 'gebruikt', add: 'Kies', remove: 'weg',
    nothingChosen: '(nog niets gekozen: dan doe je deze ronde niets extra)',
    skippedHead: 'Overgeslagen in de vorige ronde', appliedHead: 'Uitgevoerd in de vorige ronde',
    overBudget: 'Dat past niet meer in het budget van deze ronde.',
    rhythmNote: 'De vaste vergadering (elke ... weken) gaat vanzelf door en kost ook capaciteit.',
    debrief: 'Nabespreking', debriefIntro: 'Jouw resultaat naast de ingebouwde strategieën: hetzelfde netwerk, dezelfde toevalsgetallen, keuzes elke vier weken.',
    after: 'Na de 26 rondes herhaalt het spel je laatste ronde elke vier weken tot week 520.',
    strategyCol: 'Regisseur', you: 'Jij', claimsHead: 'De claims die jouw keuzes raakten',
    download: 'Sessie opslaan (JSON)', revealed: 'Nu zichtbaar: wat de partners werkelijk vonden (week 520)',
    realisationAt: 'realisatie week', trustAt: 'vertrouwen week', commitmentAt: 'inzet week',
    noClaims: 'Je koos geen interventies.', openError: 'Dit bestand kan niet worden geopend:',
    stats: 'Meting', fps: 'beelden/s', stepMs: 'ms per week (rekenkern)', rerunMs: 'ms opnieuw rekenen (beide armen)',
    gameOver: 'Het spel is klaar: zie de nabespreking hieronder.', inactive: 'vertrokken',
  },
  en: {
    title: 'Regie in the classroom', scenario: 'Scenario', openFiles: 'Open scenario file',
    playMode: 'Be the regisseur', watchMode: 'Back to the demonstration', loading: 'Loading the engine...',
    explanation: 'Explanation', play: 'Play', pause: 'Pause', step: 'One week', restart: 'Restart',
    speed: 'Speed', weeksPerSecond: 'weeks per second',
    convene: 'Meeting frequency: every ... weeks', capacity: 'Regie capacity per week',
    concreteness: 'Goal concreteness', trustLoss: 'Trust loss', reset: 'Back to the scenario',
    youAre: 'You are the regisseur', yourChoices: 'Your choices this round', playRound: 'Play this round (4 weeks)',
    realisation: 'Realisation of the opgave', trust: 'Trust between partners', commitment: "Partners' commitment",
    negotiating: 'Share negotiating (8-week mean)',
    week: 'week', of: 'of', trap: 'Trap', twin: 'Twin', single: 'Scenario',
    pitfalls: 'Pitfalls (trap beside twin)', cases: 'Case studies (trap beside twin)',
    singles: 'Single scenarios', picked: 'Opened files',
    fixedSlider: 'Fixed: this is where the two arms differ.',
    sliderHint: 'A slider changes both arms at once and re-runs everything.',
    hiddenUntilDebrief: 'hidden until the debrief',
    netLegend: 'colour = commitment (dark purple low, yellow high), size = passion, line width = trust',
    obsLegend: 'what the regisseur sees: colour = trust in you, size = contribution last week',
    round: 'Round', budget: 'Budget this round', spent: 'used', add: 'Choose', remove: 'remove',
    nothingChosen: '(nothing chosen yet: then you do nothing extra this round)',
    skippedHead: 'Skipped in the last round', appliedHead: 'Applied in the last round',
    overBudget: "That no longer fits this round's budget.",
    rhythmNote: 'The regular meeting (every ... weeks) goes on by itself and costs capacity too.',
    debrief: 'Debrief', debriefIntro: 'Your result beside the built-in strategies: the same network, the same random numbers, choices every four weeks.',
    after: "After the 26 rounds the game repeats your last round every four weeks up to week 520.",
    strategyCol: 'Regisseur', you: 'You', claimsHead: 'The claims your choices touched',
    download: 'Save the session (JSON)', revealed: 'Now visible: what the partners really felt (week 520)',
    realisationAt: 'realisation week', trustAt: 'trust week', commitmentAt: 'commitment week',
    noClaims: 'You chose no interventions.', openError: 'This file cannot be opened:',
    stats: 'Measured', fps: 'frames/s', stepMs: 'ms per week (engine)', rerunMs: 'ms to re-run (both arms)',
    gameOver: 'The game is over: see the debrief below.', inactive: 'left',
  },
};
const PITFALL_NAMES = {
  negotiation_trap: ['Onderhandelingsval', 'Negotiation trap'],
  control_trap: ['Controleval', 'Control trap'],
  neglected_relations: ['Verwaarloosde relaties', 'Neglected relations'],
  dead_weight: ['Dood gewicht aan boord', 'Dead weight on board'],
  who_is_right: ['Wie-heeft-gelijk-debat', 'Who-is-right debate'],
  abstract_ambition: ['Abstracte ambitie', 'Abstract ambition'],
  heavy_structure_first: ['Zware structuur eerst', 'Heavy structure first'],
  blueprint_commission: ['Blauwdruk-opdracht', 'Blueprint commission'],
  scattershot: ['Hagel schieten', 'Scattershot'],
  ignored_interests: ['Genegeerde belangen', 'Ignored interests'],
  passion_spread: ['Passie verspreidt zich', 'Passion spreads'],
};
// The interventions of the arsenal (docs/ODD.md 2.1) in plain words, and the claims each one's
// mechanism stands for (the claim column of that table).
const INTERVENTIONS = {
  convene: ['alle partners bijeenroepen', 'convene the partners', ['C1', 'C15']],
  surface_interests: ['belangen op tafel brengen', 'surface interests', ['C2', 'C13', 'C14']],
  refocus: ['terug naar de opgave', 'refocus on the opgave', ['C14', 'C16']],
  clarify_goal: ['het doel samen verhelderen', 'clarify the goal together', ['C3', 'C8', 'C16']],
  commission_goal: ['het doel opleggen', 'hand the goal down', ['C16', 'C3']],
  make_concrete: ['het doel concreet maken', 'make the goal concrete', ['C3']],
  build_language: ['een gemeenschappelijke taal bouwen', 'build a common language', ['C4', 'C6']],
  delegate: ['een taak teruggeven', 'hand a task back', ['C5', 'C16']],
  control: ['werk overnemen', 'take over work', ['C5']],
  appreciate: ['waardering tonen', 'show appreciation', ['C5', 'C13']],
  address_responsibility: ['aanspreken op verantwoordelijkheid', 'address responsibility', ['C12', 'C10']],
  release: ['de partner loslaten', 'release the partner', ['C9']],
  organise: ['organiseren', 'organise', ['C7', 'C8', 'C15']],
  reflect: ['reflecteren', 'reflect', ['C17', 'C11', 'C6', 'C14']],
  acknowledge_perspectives: ['perspectieven erkennen', 'acknowledge perspectives', ['C10']],
  table_division: ['de verdeling op tafel leggen', 'table the division of work', ['C14']],
};
const CLAIMS = {
  C1: ['Elkaar ontmoeten bouwt begrip en vertrouwen', 'Meeting builds understanding and trust'],
  C2: ['Gediende belangen geven betrokkenheid', 'Interests served create involvement'],
  C3: ['Eén gedeeld doel, concreet genoeg om te leven', 'One shared goal, concrete enough to live'],
  C4: ['Een gemeenschappelijke taal', 'A common language'],
  C5: ['Laat de controle los', 'Give away control'],
  C6: ['Typische problemen en hun signalen', 'Typical problems and their signals'],
  C7: ['Eerst licht organiseren', 'Organise lightly first'],
  C8: ['Een helder proces', 'A clear process'],
  C9: ['Laat partners los die niets toevoegen', 'Let go of partners who add nothing'],
  C10: ['Meerdere perspectieven', 'Several perspectives'],
  C11: ['Kies je strijd', 'Choose your battles'],
  C12: ['Verantwoordelijkheid voor gevolgen', 'Responsibility for consequences'],
  C13: ['Belangen en passie', 'Interests and passion'],
  C14: ['Samenwerken is geen onderhandelen', 'Collaborating is not negotiating'],
  C15: ['Regie past bij de werkvorm', 'Regie fits the work form'],
  C16: ['Nut, noodzaak en eigenaarschap', 'Usefulness, necessity and ownership'],
  C17: ['Geen recept; reflecteer', 'No recipe; reflect'],
};
// The built-in strategies (docs/ODD.md 3.3) the debrief compares a player with; `planned` is the
// player's own.
const STRATEGIES = {
  none: ['geen regie', 'no regie'],
  facilitative: ['faciliterend', 'facilitative'],
  controlling: ['controlerend', 'controlling'],
  scattershot: ['hagel schieten', 'scattershot'],
  commissioning: ['opdrachtgevend', 'commissioning'],
  negotiation: ['onderhandelend', 'negotiation'],
};
const ROUND_WEEKS = 4;
const ROUNDS = 26;
const SERIES_COLOURS = ['#D55E00', '#0072B2', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#000000', '#F0E442'];
// viridis at nine stops (matplotlib's), for commitment 0..1
const VIRIDIS = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]];

// ---------------------------------------------------------------- state
let lang = 'nl';
const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[lang][key] !== undefined ? TEXT[lang][key] : key;
const li = (pair) => pair[lang === 'nl' ? 0 : 1];
const stats = { fps: 0, fpsMin: 0, frames: 0, stepMs: 0, stepMsMax: 0, liveSteps: 0, liveStepMs: 0,
  rerunMs: 0, redrawMs: 0, catchUpMs: 0, runToEndMs: 0, engineWeekMs: 0, rerunsMeasured: [], engineLoadMs: 0, playSteps: 0, playStepMs: 0, runs: 0 };
window.klasStats = stats;

let engine = null;          // the module
let catalog = [];           // [{file, text}]
let files = {};             // path -> text: the catalogue plus picked files
let picked = {};            // path -> text: the files opened with the file picker
let choices = [];           // the scenario menu: {key, group, label(), arms:[path], pitfall}
let current = null;         // the chosen entry
let arms = [];              // [{path, info, run: {metrics, events, steps}, snaps: [], live}]
let overrides = {};         // the sliders' values that differ from the scenario
let week = 0;               // weeks shown (0 = start)
let weekFloat = 0;
let playing = false;
let play = null;            // play mode's state

// ---------------------------------------------------------------- engine calls
function parse(text) { return typeof text === 'string' ? JSON.parse(text) : text; }
// classroom/API.md: open(picked files, main file, overrides as --set), step(id, span or "null"),
// run_to_end(id, span) in columns, plan_toml(id), close(id); every answer is JSON.
function engineOpen(main, extra) {
  const all = Object.assign({}, overrides, extra || {});
  return parse(engine.open(JSON.stringify(picked), main, JSON.stringify(all)));
}
function checked(answer) {
  const r = parse(answer);
  if (r && r.ok === false) throw new Error(r.error);
  return r;
}
// A run as columns: metrics[name][k] is week k + 1; events carry their week.
function emptyRun() { return { metrics: {}, events: [], steps: 0 }; }
function appendColumns(run, result) {
  for (const name of Object.keys(result.metrics)) {
    if (!run.metrics[name]) run.metrics[name] = [];
    const column = run.metrics[name];
    column.length = result.from_week - 1;
    for (const v of result.metrics[name]) column.push(v);
  }
  for (const e of result.events || []) run.events.push(e);
  run.steps = result.to_week;
  return run;
}
function appendWeek(run, record) {
  for (const name of Object.keys(record.metrics)) {
    if (!run.metrics[name]) run.metrics[name] = [];
    run.metrics[name][record.week - 1] = record.metrics[name];
  }
  for (const e of record.events) run.events.push(e);
  run.steps = record.week;
  return run;
}
function snapOf(record) {
  return { commitment: record.partners.commitment, passion: record.partners.passion,
    active: record.partners.active, trust: record.trust };
}

// ---------------------------------------------------------------- scenarios
function headerParagraphs(text) {
  const lines = text.split('\n');
  const out = [];
  let para = [];
  for (const line of lines) {
    if (!line.startsWith('#')) break;
    const body = line.replace(/^#\s?/, '');
    if (body.trim() === '') { if (para.length) out.push(para.join(' ')); para = []; } else para.push(body);
  }
  if (para.length) out.push(para.join(' '));
  return out;
}
// A value of the scenario as written: `key` in `[section]` of the file or the files it extends
// (relative paths), or undefined.
function dirOf(path) { const i = path.lastIndexOf('/'); return i < 0 ? '' : path.slice(0, i + 1); }
function joinPath(dir, rel) {
  const parts = (dir + rel).split('/');
  const out = [];
  for (const p of parts) { if (p === '..') out.pop(); else if (p !== '.' && p !== '') out.push(p); }
  return out.join('/');
}
function tomlValue(path, section, key, depth) {
  const text = files[path];
  if (text === undefined || (depth || 0) > 8) return undefined;
  let table = '';
  let parent;
  let found;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const head = line.match(/^\[([^\]]+)\]$/);
    if (head) { table = head[1].trim(); continue; }
    const kv = line.match(/^([A-Za-z0-9_."]+)\s*=\s*(.+)$/);
    if (!kv) continue;
    if (table === '' && kv[1] === 'extends') parent = joinPath(dirOf(path), kv[2].replace(/"/g, '').trim());
    if (table === section && kv[1] === key) found = parseFloat(kv[2]);
  }
  if (found !== undefined) return found;
  return parent ? tomlValue(parent, section, key, (depth || 0) + 1) : undefined;
}

function buildChoices() {
  choices = [];
  const have = new Set(Object.keys(files));
  const pitfalls = [...new Set(catalog.map((c) => c.file).filter((f) => /^pitfalls\/[^/]+\/trap\.toml$/.test(f))
    .map((f) => f.split('/')[1]))].sort();
  for (const p of pitfalls) {
    if (!have.has(`pitfalls/${p}/twin.toml`)) continue;
    choices.push({ key: `pitfalls/${p}`, group: 'pitfalls', pitfall: p,
      arms: [`pitfalls/${p}/trap.toml`, `pitfalls/${p}/twin.toml`],
      label: () => PITFALL_NAMES[p] ? li(PITFALL_NAMES[p]) : p });
  }
  const cases = catalog.map((c) => c.file).filter((f) => /^cases\/[^/]+\/[^/]+\/trap\.toml$/.test(f)).sort();
  for (const f of cases) {
    const [, name, p] = f.split('/');
    if (!have.has(`cases/${name}/${p}/twin.toml`)) continue;
    choices.push({ key: `cases/${name}/${p}`, group: 'cases', pitfall: p, casus: name,
      arms: [f, `cases/${name}/${p}/twin.toml`],
      label: () => `${name}: ${PITFALL_NAMES[p] ? li(PITFALL_NAMES[p]) : p}` });
  }
  const singles = catalog.map((c) => c.file).filter((f) => f === 'default.toml' || /^cases\/[^/]+\.toml$/.test(f)).sort();
  for (const f of singles) {
    choices.push({ key: f, group: 'singles', arms: [f], label: () => f.replace(/^cases\//, '').replace(/\.toml$/, '') });
  }
}
function fillMenu() {
  const select = $('scenario');
  const keep = current ? current.key : 'pitfalls/control_trap';
  select.textContent = '';
  for (const group of ['pitfalls', 'cases', 'singles', 'picked']) {
    const entries = choices.filter((c) => c.group === group);
    if (!entries.length) continue;
    const og = document.createElement('optgroup');
    og.label = t(group);
    for (const c of entries) {
      const o = document.createElement('option');
      o.value = c.key; o.textContent = c.label();
      og.appendChild(o);
    }
    select.appendChild(og);
  }
  if (choices.some((c) => c.key === keep)) select.value = keep;
}
function explanation(choice) {
  const box = $('explainText');
  box.textContent = '';
  let source = files[choice.arms[0]];
  if (choice.pitfall && files[`pitfalls/${choice.pitfall}/trap.toml`]) source = files[`pitfalls/${choice.pitfall}/trap.toml`];
  if (!source) return;
  const paras = headerParagraphs(source);
  // The pitfall files begin with a Dutch and an English paragraph; other files with English.
  let shown = paras.slice(0, 1);
  if (choice.pitfall && paras.length >= 2) shown = [paras[lang === 'nl' ? 0 : 1]];
  // A case study's file opens with its Dutch sentences ("Casus ...") and then its English ones
  // ("Case study ..."), in one paragraph.
  const casus = choice.casus ? `cases/${choice.casus}.toml` : /^cases\/[^/]+\.toml$/.test(choice.arms[0]) ? choice.arms[0] : null;
  if (casus && files[casus]) {
    const first = headerParagraphs(files[casus])[0] || '';
    const at = first.indexOf('Case study');
    const text = at > 0 ? (lang === 'nl' ? first.slice(0, at) : first.slice(at)).trim() : first;
    if (choice.casus) shown.unshift(text); else shown = [text];
  }
  // `name` in the scenario files' comments is a setting or a strategy: shown as code
  for (const p of shown) {
    const el = document.createElement('p');
    p.split('`').forEach((part, i) => {
      if (i % 2) { const c = document.createElement('code'); c.textContent = part; el.appendChild(c); } else el.appendChild(document.createTextNode(part));
    });
    box.appendChild(el);
  }
}

// ---------------------------------------------------------------- running the arms
function showError(message) {
  const box = $('error');
  box.textContent = message ? `${t('openError')}\n${message}` : '';
  box.hidden = !message;
}
function runArms() {
  const started = performance.now();
  const out = [];
  for (const path of current.arms) {
    const info = engineOpen(path);
    if (!info.ok) { showError(info.error); return null; }
    const t0 = performance.now();
    // The curves only: the ticker's events come with the network view's stepped run (snapshot),
    // which keeps a re-run after a slider change to the weeks themselves (no events' JSON).
    const result = checked(engine.run_to_end_metrics(info.id, 'null'));
    stats.runToEndMs = performance.now() - t0;
    // The engine's own work per week (the weeks themselves, JSON excluded), as the engine timed it.
    stats.engineWeekMs = result.engine_ms / Math.max(1, result.to_week - result.from_week + 1);
    engine.close(info.id);
    out.push({ path, info, run: appendColumns(emptyRun(), result), snaps: [snapOf(info.initial)], live: null });
  }
  stats.rerunMs = performance.now() - started;
  stats.runs += 1;
  showError('');
  return out;
}
// The network of week w: the curves come from run_to_end_metrics, the partners' state and the
// ticker's events of every week from a second run of the same arm (the same run: replication 0)
// stepped along with the display, kept so that stepping back costs nothing.
// At most `limit` weeks are stepped per call: after a slider change at week 400 the curves are
// redrawn at once and the network catches up over the next frames.
const CATCH_UP_WEEKS = 24;
let catchingUp = false;
let catchUpStart = 0;
function snapshot(arm, w, limit) {
  let n = 0;
  while (arm.snaps.length <= w && (limit === undefined || n++ < limit)) {
    if (!arm.live) {
      const info = engineOpen(arm.path);
      if (!info.ok) { showError(info.error); return null; }
      arm.live = info.id;
    }
    const t0 = performance.now();
    const record = checked(engine.step(arm.live, 'null'));
    const ms = performance.now() - t0;
    stats.liveSteps += 1; stats.liveStepMs += ms; stats.stepMs = stats.liveStepMs / stats.liveSteps;
    stats.stepMsMax = Math.max(stats.stepMsMax, ms);
    arm.snaps.push(snapOf(record));
    for (const e of record.events) arm.run.events.push(e);
    if (record.done) { engine.close(arm.live); arm.live = null; break; }
  }
  return arm.snaps[Math.min(w, arm.snaps.length - 1)];
}
function closeArms() {
  for (const a of arms) if (a.live) { engine.close(a.live); a.live = null; }
}
function selectScenario(key) {
  current = choices.find((c) => c.key === key) || choices[0];
  overrides = {};
  explanation(current);
  const result = runArms();
  if (!result) return;
  closeArms();
  arms = result;
  if (!layoutFor(arms[0].info)) computeLayout(arms[0].info);
  setSliders();
  week = 0; weekFloat = 0;
  setPlaying(false);
  $('arms').classList.toggle('single', arms.length === 1);
  titles();
  draw();
}
function rerun() {
  if (!current) return;
  const result = runArms();
  if (!result) return;
  closeArms();
  arms = result;
  stats.rerunsMeasured.push(stats.rerunMs);
  week = Math.min(week, steps());
  const t0 = performance.now();
  catchUpStart = t0 - stats.rerunMs;
  draw();
  // the network views catch up to the week shown by stepping their runs (outside rerunMs)
  stats.redrawMs = performance.now() - t0;
  showStats();
}
const steps = () => arms.length ? arms[0].run.steps : 0;

// ---------------------------------------------------------------- sliders
const SLIDERS = [
  { id: 's_convene', out: 'o_convene', key: 'regisseur.convene_interval', section: 'regisseur', name: 'convene_interval', fallback: 4, integer: true },
  { id: 's_capacity', out: 'o_capacity', key: 'regisseur.capacity', section: 'regisseur', name: 'capacity', fallback: 2 },
  { id: 's_concrete', out: 'o_concrete', key: 'opgave.concreteness', section: 'opgave', name: 'concreteness', fallback: 0.3 },
  { id: 's_loss', out: 'o_loss', key: 'trust.loss', section: 'trust', name: 'loss', fallback: 0.15 },
];
function scenarioValue(s, armIndex) {
  const a = arms[armIndex];
  if (s.section === 'regisseur' && a.info.regisseur && a.info.regisseur[s.name] !== undefined) return a.info.regisseur[s.name];
  const v = tomlValue(a.path, s.section, s.name);
  return v === undefined ? s.fallback : v;
}
function setSliders() {
  let fixed = false;
  for (const s of SLIDERS) {
    const input = $(s.id);
    const values = arms.map((_, i) => scenarioValue(s, i));
    const differs = values.some((v) => v !== values[0]);
    input.disabled = differs;
    input.closest('.slider').classList.toggle('fixed', differs);
    input.title = differs ? t('fixedSlider') : '';
    fixed = fixed || differs;
    const v = overrides[s.key] !== undefined ? overrides[s.key] : values[0];
    input.value = v;
    $(s.out).textContent = differs ? values.map(fmtValue).join(' / ') : fmtValue(v);
  }
  $('sliderNote').textContent = t('sliderHint') + (fixed ? ' ' + t('fixedSlider') : '');
}
function fmtValue(v) { return Number.isInteger(v) ? String(v) : Number(v).toFixed(2); }
function sliderChanged(s) {
  const input = $(s.id);
  const v = s.integer ? parseInt(input.value, 10) : parseFloat(input.value);
  overrides[s.key] = v;
  $(s.out).textContent = fmtValue(v);
  if (play) return;  // play mode reads the sliders when a game starts
  rerun();
}

// ---------------------------------------------------------------- network view
const layouts = new Map();
function layoutKey(info) { return info.partners.map((p) => p.name).join(',') + '|' + info.ties.map((e) => e.join('-')).join(','); }
function layoutFor(info) { return layouts.get(layoutKey(info)); }
// A circle in partner order, then a few hundred deterministic spring iterations that pull tied
// partners together: computed once per network and kept while it runs.
function computeLayout(info) {
  const n = info.partners.length;
  const pos = [];
  for (let i = 0; i < n; i++) {
    const a = -Math.PI / 2 + 2 * Math.PI * i / n;
    pos.push([Math.cos(a), Math.sin(a)]);
  }
  for (let it = 0; it < 200; it++) {
    const force = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i][0] - pos[j][0]; const dy = pos[i][1] - pos[j][1];
        const d2 = Math.max(0.01, dx * dx + dy * dy);
        const f = 0.02 / d2;
        force[i][0] += f * dx; force[i][1] += f * dy; force[j][0] -= f * dx; force[j][1] -= f * dy;
      }
    }
    for (const [i, j] of info.ties) {
      const dx = pos[i][0] - pos[j][0]; const dy = pos[i][1] - pos[j][1];
      force[i][0] -= 0.02 * dx; force[i][1] -= 0.02 * dy; force[j][0] += 0.02 * dx; force[j][1] += 0.02 * dy;
    }
    for (let i = 0; i < n; i++) {
      pos[i][0] += force[i][0]; pos[i][1] += force[i][1];
      const r = Math.hypot(pos[i][0], pos[i][1]);
      if (r > 1) { pos[i][0] /= r; pos[i][1] /= r; }
    }
  }
  layouts.set(layoutKey(info), pos);
  return pos;
}
function viridis(v) {
  const x = Math.min(1, Math.max(0, v)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const c = VIRIDIS[i].map((a, k) => Math.round(a + f * (VIRIDIS[i + 1][k] - a)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}
// `view`: {commitment[], passion[], active[], trust[] per tie} or, in play, the observation's
// {colour[], size[], active[]} with no trust.
function drawNetwork(canvas, info, view, observed) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width; const H = canvas.height;
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, W, H);
  if (!info) return;
  const pos = layoutFor(info) || computeLayout(info);
  const cx = W / 2; const cy = H / 2 + 4; const R = Math.min(W * 0.33, H * 0.36);
  const xy = pos.map(([x, y]) => [cx + R * x, cy + R * y]);
  const active = view ? view.active : info.partners.map(() => true);
  ctx.lineCap = 'round';
  info.ties.forEach(([i, j], k) => {
    const on = active[i] && active[j];
    const tr = view && view.trust ? view.trust[k] : null;
    ctx.strokeStyle = on ? (tr === null ? '#999' : '#555') : '#ddd';
    ctx.lineWidth = tr === null ? 1.5 : 0.5 + 9 * Math.max(0, Math.min(1, tr));
    ctx.beginPath(); ctx.moveTo(xy[i][0], xy[i][1]); ctx.lineTo(xy[j][0], xy[j][1]); ctx.stroke();
  });
  ctx.font = 'bold 17px system-ui, "DejaVu Sans", sans-serif';
  ctx.textBaseline = 'middle';
  info.partners.forEach((p, i) => {
    const [x, y] = xy[i];
    const colourValue = view ? (observed ? view.colour[i] : view.commitment[i]) : 0.5;
    const sizeValue = view ? (observed ? view.size[i] : view.passion[i]) : 0.5;
    const r = 7 + 20 * Math.max(0, Math.min(1, sizeValue));
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    if (active[i]) {
      ctx.fillStyle = viridis(colourValue); ctx.fill();
      ctx.lineWidth = 2; ctx.strokeStyle = '#000'; ctx.stroke();
    } else {
      ctx.setLineDash([4, 4]); ctx.lineWidth = 2; ctx.strokeStyle = '#888'; ctx.stroke(); ctx.setLineDash([]);
    }
    const dx = x - cx; const dy = y - cy; const d = Math.max(1, Math.hypot(dx, dy));
    const lx = x + (dx / d) * (r + 6); const ly = y + (dy / d) * (r + 12);
    const label = p.name.replace(/_/g, ' ') + (active[i] ? '' : ` (${t('inactive')})`);
    // left of, right of or centred on the node, and always inside the canvas
    const width = ctx.measureText(label).width;
    let left = dx > 10 ? lx : dx < -10 ? lx - width : lx - width / 2;
    left = Math.max(4, Math.min(W - 4 - width, left));
    ctx.textAlign = 'left';
    ctx.lineWidth = 4; ctx.strokeStyle = '#fff'; ctx.strokeText(label, left, ly);
    ctx.fillStyle = active[i] ? '#000' : '#666'; ctx.fillText(label, left, ly);
  });
  $('netLegend').textContent = observed ? t('obsLegend') : t('netLegend');
}

// What a regisseur sees of the partners (docs/ODD.md 3.2): whether each is active, its signal of
// trust in the regisseur and its contribution last week; never commitment, passion or tie trust.
function observedView(record, n) {
  const o = (record && record.observation) || {};
  const active = o.active || new Array(n).fill(true);
  const contribution = o.contribution || new Array(n).fill(0);
  const most = Math.max(1e-12, ...contribution.map((c, i) => active[i] ? c : 0));
  return { active, colour: o.trust_signal || new Array(n).fill(0.5),
    size: contribution.map((c) => c / most) };
}

// ---------------------------------------------------------------- charts
// The weekly values of `metric` up to week `upto`; the share of negotiating meetings as the mean
// of the last eight weeks (a week has few meetings, so the weekly share jumps between 0 and 1).
function seriesOf(run, metric, upto) {
  const column = run.metrics[metric] || [];
  const n = Math.min(upto, run.steps);
  const out = [];
  for (let i = 0; i < n; i++) {
    if (metric !== 'negotiating_share') { out.push(column[i]); continue; }
    let s = 0; let c = 0;
    for (let j = Math.max(0, i - 7); j <= i; j++) { s += column[j]; c++; }
    out.push(s / c);
  }
  return out;
}
function valueAt(run, w, metric) { const c = run.metrics[metric]; return c && w <= run.steps ? c[w - 1] : NaN; }
function drawChart(canvas, lines, total, cursor, hiddenNote) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width; const H = canvas.height;
  const L = 44; const B = 30; const T = 10; const Rm = 22;
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = '#ccc'; ctx.lineWidth = 1; ctx.fillStyle = '#222';
  ctx.font = '15px system-ui, "DejaVu Sans", sans-serif';
  ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const y = T + (H - T - B) * (1 - v);
    ctx.beginPath(); ctx.moveTo(L, y); ctx.lineTo(W - Rm, y); ctx.stroke();
    ctx.fillText(v.toFixed(v === 0 || v === 1 ? 0 : 2), L - 5, y);
  }
  const span = Math.max(1, total);
  ctx.textAlign = 'center'; ctx.textBaseline = 'top';
  const tick = span > 300 ? 104 : span > 100 ? 52 : 13;
  for (let w = 0; w <= span; w += tick) {
    const x = L + (W - L - Rm) * w / span;
    ctx.fillText(String(w), x, H - B + 6);
  }
  ctx.strokeStyle = '#000'; ctx.lineWidth = 2;
  ctx.beginPath(); ctx.moveTo(L, T); ctx.lineTo(L, H - B); ctx.lineTo(W - Rm, H - B); ctx.stroke();
  if (hiddenNote) {
    ctx.fillStyle = '#555'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.fillText(hiddenNote, (L + W) / 2, (T + H - B) / 2);
    return;
  }
  for (const line of lines) {
    ctx.strokeStyle = line.colour; ctx.lineWidth = line.width || 3;
    ctx.setLineDash(line.dash || []);
    ctx.beginPath();
    line.values.forEach((v, i) => {
      const x = L + (W - L - Rm) * (i + 1) / span;
      const y = T + (H - T - B) * (1 - Math.max(0, Math.min(1, v)));
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (cursor > 0 && cursor < span) {
    const x = L + (W - L - Rm) * cursor / span;
    ctx.strokeStyle = '#888'; ctx.lineWidth = 1; ctx.beginPath(); ctx.moveTo(x, T); ctx.lineTo(x, H - B); ctx.stroke();
  }
}

// ---------------------------------------------------------------- ticker
function eventText(e) {
  const text = lang === 'nl' ? e.text_nl : e.text_en;
  if (text) return text;
  const what = INTERVENTIONS[e.intervention] ? li(INTERVENTIONS[e.intervention]) : e.intervention;
  return `${what}${e.target ? ' (' + e.target + ')' : ''}`;
}
function fillTicker(list, run, upto) {
  const items = [];
  const evs = run.events;
  let k = evs.length - 1;
  while (k >= 0 && evs[k].week > upto) k--;
  for (; k >= 0 && items.length < 5; k--) items.push([evs[k].week, evs[k]]);
  list.textContent = '';
  for (const [w, e] of items) {
    const el = document.createElement('li');
    if (e.skipped) el.className = 'skipped';
    const wk = document.createElement('span'); wk.className = 'wk'; wk.textContent = `${t('week')} ${w}`;
    el.appendChild(wk); el.appendChild(document.createTextNode(eventText(e)));
    list.appendChild(el);
  }
}

// ---------------------------------------------------------------- drawing
function titles() {
  const heads = document.querySelectorAll('.armTitle');
  if (play) {
    heads[0].textContent = `${t('you')}: ${current.label()}`;
    return;
  }
  arms.forEach((a, i) => {
    const role = arms.length === 1 ? t('single') : i === 0 ? t('trap') : t('twin');
    const strategy = a.info.regisseur && a.info.regisseur.strategy;
    const sname = STRATEGIES[strategy] ? li(STRATEGIES[strategy]) : strategy || '';
    heads[i].textContent = `${role}${sname ? ': ' + sname : ''} `;
    const path = document.createElement('span'); path.className = 'path'; path.textContent = a.path;
    heads[i].appendChild(path);
  });
}
function legend(entries) {
  const box = $('legend');
  box.textContent = '';
  for (const [label, colour, dash] of entries) {
    const item = document.createElement('span');
    const sw = document.createElement('span'); sw.className = 'swatch';
    sw.style.background = dash ? `repeating-linear-gradient(90deg, ${colour} 0 6px, transparent 6px 10px)` : colour;
    item.appendChild(sw); item.appendChild(document.createTextNode(label));
    box.appendChild(item);
  }
}
function draw() {
  catchingUp = false;
  if (play) { drawPlay(); return; }
  const total = steps();
  $('weekLabel').textContent = `${t('week')} ${week} ${t('of')} ${total}`;
  const sections = [$('arm0'), $('arm1')];
  arms.forEach((a, i) => {
    const canvas = sections[i].querySelector('canvas');
    drawNetwork(canvas, a.info, snapshot(a, week, CATCH_UP_WEEKS), false);
    if (a.snaps.length <= week) catchingUp = true;
    canvas.setAttribute('aria-label', `${sections[i].querySelector('.armTitle').textContent}, ${t('week')} ${week}`);
    fillTicker(sections[i].querySelector('.ticker'), a.run, week);
  });
  if (!catchingUp && catchUpStart) { stats.catchUpMs = performance.now() - catchUpStart; catchUpStart = 0; }
  const colours = arms.length === 1 ? ['#009E73'] : ['#D55E00', '#0072B2'];
  for (const canvas of document.querySelectorAll('#charts canvas')) {
    const metric = canvas.dataset.metric;
    drawChart(canvas, arms.map((a, i) => ({ colour: colours[i], values: seriesOf(a.run, metric, week), dash: i === 1 ? [10, 5] : [] })), total, week);
  }
  legend(arms.map((a, i) => [arms.length === 1 ? t('single') : i === 0 ? t('trap') : t('twin'), colours[i], i === 1]));
}

// ---------------------------------------------------------------- animation
let lastFrame = 0;
let fpsWindow = { start: 0, frames: 0 };
function frame(now) {
  if (playing) {
    stats.frames += 1;
    if (!fpsWindow.start) fpsWindow = { start: now, frames: 0 };
    fpsWindow.frames += 1;
    if (now - fpsWindow.start >= 1000) {
      const fps = fpsWindow.frames * 1000 / (now - fpsWindow.start);
      stats.fps = fps;
      stats.fpsMin = stats.fpsMin ? Math.min(stats.fpsMin, fps) : fps;
      fpsWindow = { start: now, frames: 0 };
    }
    const dt = lastFrame ? Math.min(0.25, (now - lastFrame) / 1000) : 0;
    weekFloat += dt * parseFloat($('speed').value);
    const next = Math.min(steps(), Math.floor(weekFloat));
    if (next !== week) { week = next; draw(); showStats(); }
    if (week >= steps()) setPlaying(false);
  }
  if (catchingUp) draw();
  lastFrame = now;
  requestAnimationFrame(frame);
}
function setPlaying(on) {
  playing = on && !play && week < steps();
  if (playing) { weekFloat = week; fpsWindow = { start: 0, frames: 0 }; }
  const b = $('play');
  b.textContent = playing ? t('pause') : t('play');
  b.setAttribute('aria-pressed', playing ? 'true' : 'false');
}
function oneStep() {
  setPlaying(false);
  if (week < steps()) { week += 1; weekFloat = week; draw(); }
}
function showStats() {
  const reruns = stats.rerunsMeasured;
  $('stats').textContent = `${t('stats')}: ${stats.fps.toFixed(0)} ${t('fps')}, ` +
    `${stats.stepMs.toFixed(3)} ${t('stepMs')}` +
    (reruns.length ? `, ${reruns[reruns.length - 1].toFixed(0)} ${t('rerunMs')}` : '');
}

// ---------------------------------------------------------------- play mode
function startPlay() {
  setPlaying(false);
  const path = current.arms[current.arms.length - 1];
  // The player's span replaces the strategy's choice; rounds of four weeks (docs/ODD.md 3.3).
  const info = engineOpen(path, { 'regisseur.choice_interval': ROUND_WEEKS });
  if (!info.ok) { showError(info.error); return false; }
  if (!layoutFor(info)) computeLayout(info);
  play = { path, info, id: info.id, round: 0, run: emptyRun(), last: info.initial, chosen: [], rounds: [],
    lastSpan: [], done: false, overrides: Object.assign({}, overrides, { 'regisseur.choice_interval': ROUND_WEEKS }) };
  document.body.classList.add('playing');
  $('arms').classList.add('play');
  $('playPanel').hidden = false;
  $('debrief').hidden = true;
  $('lastRound').textContent = '';
  $('mode').textContent = t('watchMode');
  for (const id of ['play', 'step', 'restart', 'speed']) $(id).disabled = true;
  for (const s of SLIDERS) $(s.id).disabled = true;
  titles();
  renderArsenal();
  draw();
  return true;
}
function stopPlay() {
  if (play && !play.closed) { engine.close(play.id); play.closed = true; }
  play = null;
  document.body.classList.remove('playing');
  $('arms').classList.remove('play');
  $('playPanel').hidden = true;
  $('debrief').hidden = true;
  $('mode').textContent = t('playMode');
  for (const id of ['play', 'step', 'restart', 'speed']) $(id).disabled = false;
  setSliders();
  titles();
  draw();
}
function capacity() { return play.info.regisseur ? play.info.regisseur.capacity : 0; }
function spent() { return play.chosen.reduce((s, c) => s + c.cost, 0); }
function targetLabel(target) { return target === 'all' ? (lang === 'nl' ? 'allen' : 'all') : String(target).replace(/_/g, ' '); }
function interventionName(name) { return INTERVENTIONS[name] ? li(INTERVENTIONS[name]) : name; }
function renderArsenal() {
  const box = $('arsenal');
  box.textContent = '';
  if (!play) return;
  $('roundLabel').textContent = play.done ? t('gameOver') :
    `${t('round')} ${play.round + 1} ${t('of')} ${ROUNDS} (${t('week')} ${play.round * ROUND_WEEKS + 1}-${(play.round + 1) * ROUND_WEEKS})`;
  $('budgetLabel').textContent = `${t('budget')}: ${capacity()} (${t('spent')} ${spent().toFixed(2)}). ` +
    t('rhythmNote').replace('...', String(play.info.regisseur ? play.info.regisseur.convene_interval : ''));
  box.hidden = play.done;
  for (const entry of play.info.arsenal || []) {
    const row = document.createElement('div'); row.className = 'pick';
    const name = document.createElement('span'); name.className = 'name';
    name.textContent = interventionName(entry.intervention);
    const cost = document.createElement('span'); cost.className = 'cost'; cost.textContent = String(entry.cost);
    const select = document.createElement('select');
    select.setAttribute('aria-label', `${name.textContent}: ${lang === 'nl' ? 'voor wie' : 'for whom'}`);
    for (const target of entry.targets) {
      const o = document.createElement('option'); o.value = target; o.textContent = targetLabel(target); select.appendChild(o);
    }
    const add = document.createElement('button'); add.type = 'button'; add.textContent = t('add');
    add.setAttribute('aria-label', `${t('add')}: ${name.textContent}`);
    add.disabled = play.done;
    add.addEventListener('click', () => pick(entry.intervention, select.value));
    row.append(name, cost, select, add);
    box.appendChild(row);
  }
  const list = $('chosen');
  list.textContent = '';
  if (!play.chosen.length) { const el = document.createElement('li'); el.textContent = t('nothingChosen'); list.appendChild(el); }
  play.chosen.forEach((c, i) => {
    const el = document.createElement('li');
    el.textContent = `${interventionName(c.intervention)}: ${targetLabel(c.target)} (${c.cost})`;
    const rm = document.createElement('button'); rm.type = 'button'; rm.textContent = t('remove');
    rm.addEventListener('click', () => { play.chosen.splice(i, 1); renderArsenal(); });
    el.appendChild(rm); list.appendChild(el);
  });
  $('playRound').disabled = play.done;
  $('playRound').hidden = play.done;
  $('chosenHead').hidden = play.done;
  list.hidden = play.done;
}
// A partner intervention aimed at "all" costs its cost once per active partner (docs/ODD.md 2.1).
function costOf(entry, target) {
  if (target !== 'all' || entry.scope !== 'partner') return entry.cost;
  const o = play.last && play.last.observation;
  const n = o && o.active ? o.active.filter(Boolean).length : play.info.partners.length;
  return entry.cost * n;
}
function pick(intervention, target) {
  if (!play || play.done) return { ok: false };
  const entry = (play.info.arsenal || []).find((a) => a.intervention === intervention);
  if (!entry || !entry.targets.map(String).includes(String(target))) return { ok: false, error: 'not offered' };
  const cost = costOf(entry, target);
  if (spent() + cost > capacity() + 1e-9) { $('lastRound').textContent = t('overBudget'); return { ok: false, error: 'budget' }; }
  play.chosen.push({ intervention, target, cost });
  renderArsenal();
  return { ok: true };
}
function playRound() {
  if (!play || play.done) return null;
  const span = play.chosen.map((c) => ({ intervention: c.intervention, target: c.target }));
  const json = JSON.stringify(span);
  const roundRecord = { round: play.round + 1, first_week: play.round * ROUND_WEEKS + 1, chosen: span, applied: [], skipped: [] };
  // The span goes with every week of the round: the engine applies it in the round's first week
  // (regisseur.choice_interval = 4) and runs the convening rhythm in all four.
  for (let k = 0; k < ROUND_WEEKS; k++) {
    const t0 = performance.now();
    const rec = parse(engine.step(play.id, json));
    stats.playStepMs += performance.now() - t0; stats.playSteps += 1;
    if (!rec.ok) { showError(rec.error); return null; }
    appendWeek(play.run, rec);
    play.last = rec;
    for (const e of rec.events || []) {
      if (!e.intervention) continue;
      (e.skipped ? roundRecord.skipped : roundRecord.applied).push({ week: rec.week, intervention: e.intervention,
        target: e.target, skipped: e.skipped, text_nl: e.text_nl, text_en: e.text_en });
    }
  }
  play.rounds.push(roundRecord);
  play.lastSpan = span;
  play.chosen = [];
  play.round += 1;
  showRoundOutcome(roundRecord);
  if (play.round >= ROUNDS) finishGame();
  renderArsenal();
  draw();
  return roundRecord;
}
function showRoundOutcome(r) {
  const box = $('lastRound');
  box.textContent = '';
  for (const [head, list, cls] of [[t('appliedHead'), r.applied, ''], [t('skippedHead'), r.skipped, 'skipped']]) {
    if (!list.length) continue;
    const h = document.createElement('h3'); h.textContent = head; box.appendChild(h);
    const ul = document.createElement('ul');
    for (const e of list) {
      const el = document.createElement('li'); el.className = cls;
      el.textContent = `${t('week')} ${e.week}: ${lang === 'nl' ? (e.text_nl || e.intervention) : (e.text_en || e.intervention)}`;
      ul.appendChild(el);
    }
    box.appendChild(ul);
  }
}
function finishGame() {
  // Weeks 105-520 repeat the last round's span (applied every four weeks).
  const rest = checked(engine.run_to_end(play.id, JSON.stringify(play.lastSpan)));
  appendColumns(play.run, rest);
  play.last = rest.last;
  play.plan_toml = checked(engine.plan_toml(play.id)).toml;
  engine.close(play.id); play.closed = true;
  play.done = true;
  // The built-in strategies on the same scenario, sliders and random streams, choosing every
  // four weeks like the player.
  play.strategies = {};
  for (const s of Object.keys(STRATEGIES)) {
    const info = engineOpen(play.path, Object.assign({}, play.overrides, { 'regisseur.strategy': s }));
    if (!info.ok) { showError(info.error); continue; }
    play.strategies[s] = appendColumns(emptyRun(), checked(engine.run_to_end(info.id, 'null')));
    engine.close(info.id);
  }
  renderDebrief();
}
function resultsOf(run) {
  const out = {};
  for (const w of [104, 520]) {
    out[`week_${w}`] = { realisation: valueAt(run, w, 'realisation'), trust_mean: valueAt(run, w, 'trust_mean'),
      commitment_mean: valueAt(run, w, 'commitment_mean') };
  }
  return out;
}
// The claims behind the interventions the player chose (docs/ODD.md 2.1's claim column).
function claimsTouched() {
  const seen = new Map();
  for (const r of play.rounds) {
    for (const c of r.chosen) {
      const entry = (play.info.arsenal || []).find((a) => a.intervention === c.intervention);
      const claims = new Set((INTERVENTIONS[c.intervention] || [0, 0, []])[2]);
      if (entry && entry.claim) String(entry.claim).split(/[ ,]+/).filter(Boolean).forEach((x) => claims.add(x));
      for (const claim of claims) {
        if (!seen.has(claim)) seen.set(claim, new Set());
        seen.get(claim).add(c.intervention);
      }
    }
  }
  return [...seen.keys()].sort((a, b) => parseInt(a.slice(1), 10) - parseInt(b.slice(1), 10))
    .map((c) => ({ claim: c, interventions: [...seen.get(c)] }));
}
function session() {
  if (!play) return null;
  const strategies = {};
  for (const s of Object.keys(play.strategies || {})) strategies[s] = resultsOf(play.strategies[s]);
  return { format: 'regiesim-klas-session', version: 1, scenario: play.path, overrides: play.overrides,
    picked_files: Object.keys(picked).length ? picked : undefined,
    rounds: play.rounds.map((r) => ({ round: r.round, first_week: r.first_week, chosen: r.chosen,
      skipped: r.skipped.map((e) => ({ week: e.week, intervention: e.intervention, target: e.target, reason: e.skipped })) })),
    results: { player: play.done ? resultsOf(play.run) : null, strategies },
    claims: play.done ? claimsTouched().map((c) => c.claim) : [], plan_toml: play.plan_toml || null };
}
function renderDebrief() {
  const box = $('debrief');
  box.textContent = '';
  box.hidden = false;
  const h = document.createElement('h2'); h.textContent = t('debrief'); box.appendChild(h);
  for (const key of ['debriefIntro', 'after']) { const p = document.createElement('p'); p.textContent = t(key); box.appendChild(p); }
  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const label of [t('strategyCol'), `${t('realisationAt')} 104`, `${t('realisationAt')} 520`, `${t('trustAt')} 520`, `${t('commitmentAt')} 520`]) {
    const th = document.createElement('th'); th.textContent = label; head.appendChild(th);
  }
  table.appendChild(head);
  const rows = [[t('you'), play.run, true]].concat(Object.keys(play.strategies).map((s) => [li(STRATEGIES[s]), play.strategies[s], false]));
  for (const [name, run, you] of rows) {
    const tr = document.createElement('tr'); if (you) tr.className = 'you';
    const cells = [name, valueAt(run, 104, 'realisation'), valueAt(run, 520, 'realisation'), valueAt(run, 520, 'trust_mean'), valueAt(run, 520, 'commitment_mean')];
    for (const c of cells) { const td = document.createElement('td'); td.textContent = typeof c === 'number' ? c.toFixed(3) : c; tr.appendChild(td); }
    table.appendChild(tr);
  }
  box.appendChild(table);
  const h3 = document.createElement('h3'); h3.textContent = t('claimsHead'); box.appendChild(h3);
  const claims = claimsTouched();
  const ul = document.createElement('ul');
  if (!claims.length) { const el = document.createElement('li'); el.textContent = t('noClaims'); ul.appendChild(el); }
  for (const c of claims) {
    const el = document.createElement('li');
    el.textContent = `${c.claim} ${CLAIMS[c.claim] ? li(CLAIMS[c.claim]) : ''}: ${c.interventions.map(interventionName).join(', ')}`;
    ul.appendChild(el);
  }
  box.appendChild(ul);
  const p = document.createElement('p'); p.textContent = t('revealed'); box.appendChild(p);
  const blob = new Blob([JSON.stringify(session(), null, 1)], { type: 'application/json' });
  const a = document.createElement('a'); a.className = 'download'; a.id = 'download';
  a.href = URL.createObjectURL(blob); a.download = 'regiesim-klas-sessie.json'; a.textContent = t('download');
  box.appendChild(a);
}
// During play the view holds only the Observation; at the debrief the hidden state of week 520.
function drawPlay() {
  const canvas = $('arm0').querySelector('canvas');
  if (play.done) drawNetwork(canvas, play.info, snapOf(play.last), false);
  else drawNetwork(canvas, play.info, play.run.steps ? observedView(play.last, play.info.partners.length) : null, play.run.steps > 0);
  $('weekLabel').textContent = `${t('week')} ${play.run.steps}`;
  fillTicker($('arm0').querySelector('.ticker'), play.run, play.run.steps);
  const total = play.done ? play.run.steps : ROUNDS * ROUND_WEEKS;
  const entries = [[t('you'), SERIES_COLOURS[2], false]];
  const strategyColour = (i) => SERIES_COLOURS[[0, 1, 3, 4, 5, 6][i % 6]];
  for (const canvas2 of document.querySelectorAll('#charts canvas')) {
    const metric = canvas2.dataset.metric;
    // realisation and the meetings by mode are in the Observation; trust and commitment are not
    const observable = metric === 'realisation' || metric === 'negotiating_share';
    const lines = [];
    if (play.done) {
      Object.keys(play.strategies).forEach((s, i) => {
        lines.push({ colour: strategyColour(i), values: seriesOf(play.strategies[s], metric, 520), width: 2, dash: i % 2 ? [8, 4] : [] });
      });
    }
    lines.push({ colour: SERIES_COLOURS[2], values: seriesOf(play.run, metric, play.run.steps), width: 5 });
    drawChart(canvas2, lines, total, 0, !play.done && !observable ? t('hiddenUntilDebrief') : null);
  }
  if (play.done) Object.keys(play.strategies).forEach((s, i) => entries.push([li(STRATEGIES[s]), strategyColour(i), i % 2 === 1]));
  legend(entries);
}


// ---------------------------------------------------------------- files from the picker
// {name: text}: opened through the engine as the CLI would; a file extends the catalogue's
// scenarios or the other files picked with it. Returns {ok, error}.
function openFiles(map) {
  const names = Object.keys(map);
  if (!names.length) return { ok: false, error: 'no file' };
  for (const n of names) { files[n] = map[n]; picked[n] = map[n]; }
  let armsPaths = names.slice(0, 1);
  const trap = names.find((n) => /(^|\/)trap\.toml$/.test(n));
  const twin = names.find((n) => /(^|\/)twin\.toml$/.test(n));
  if (trap && twin) armsPaths = [trap, twin];
  for (const path of armsPaths) {
    const info = engineOpen(path);
    if (!info.ok) { showError(info.error); return { ok: false, error: info.error }; }
    engine.close(info.id);
  }
  choices = choices.filter((c) => c.group !== 'picked');
  const key = 'picked:' + armsPaths.join('+');
  choices.push({ key, group: 'picked', arms: armsPaths, label: () => armsPaths.join(' / ') });
  if (play) stopPlay();
  fillMenu();
  $('scenario').value = key;
  selectScenario(key);
  return { ok: true };
}
async function filePicked(event) {
  const list = [...event.target.files];
  const map = {};
  for (const f of list) map[f.name] = await f.text();
  event.target.value = '';
  try { openFiles(map); } catch (err) { showError(String(err && err.message || err)); }
}

// ---------------------------------------------------------------- language
function applyLanguage() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const b = $('lang');
  b.textContent = lang === 'nl' ? 'English' : 'Nederlands';
  b.setAttribute('lang', lang === 'nl' ? 'en' : 'nl');
  b.setAttribute('aria-label', b.textContent);
  $('mode').textContent = play ? t('watchMode') : t('playMode');
  setPlaying(playing);
  fillMenu();
  if (current) { explanation(current); if (!play) setSliders(); titles(); }
  if (play) { renderArsenal(); if (play.done) renderDebrief(); }
  if (arms.length || play) draw();
  showStats();
}

// ---------------------------------------------------------------- start
function wire() {
  $('scenario').addEventListener('change', (e) => { if (play) stopPlay(); selectScenario(e.target.value); });
  $('files').addEventListener('change', filePicked);
  $('lang').addEventListener('click', () => { lang = lang === 'nl' ? 'en' : 'nl'; applyLanguage(); });
  $('play').addEventListener('click', () => { if (week >= steps()) { week = 0; } setPlaying(!playing); });
  $('step').addEventListener('click', oneStep);
  $('restart').addEventListener('click', () => { setPlaying(false); week = 0; weekFloat = 0; draw(); });
  $('reset').addEventListener('click', () => { overrides = {}; setSliders(); if (!play) rerun(); });
  $('mode').addEventListener('click', () => { if (play) stopPlay(); else startPlay(); });
  $('playRound').addEventListener('click', playRound);
  for (const s of SLIDERS) {
    $(s.id).addEventListener('input', () => { $(s.out).textContent = fmtValue(parseFloat($(s.id).value)); });
    $(s.id).addEventListener('change', () => sliderChanged(s));
  }
  document.addEventListener('keydown', (e) => {
    const tag = e.target && e.target.tagName;
    const type = e.target && e.target.type;
    if (tag === 'SELECT' || tag === 'TEXTAREA' || (tag === 'INPUT' && type !== 'button') || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ' && tag !== 'BUTTON') { e.preventDefault(); if (!play) $('play').click(); }
    else if (e.key === 'ArrowRight' && !play) { e.preventDefault(); oneStep(); }
  });
}
// The engine's .wasm, from the data URI inside its loader (-sSINGLE_FILE).
function wasmBytes() {
  const marker = 'data:application/octet-stream;base64,';
  for (const script of document.scripts) {
    const text = script.textContent;
    const at = text.indexOf(marker + 'AGFzbQ');
    if (at < 0) continue;
    const start = at + marker.length;
    let end = start;
    while (end < text.length && /[A-Za-z0-9+/=]/.test(text[end])) end++;
    const raw = atob(text.slice(start, end));
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  return null;
}
// Where the browser allows it (Firefox), the engine is compiled synchronously, so that the page
// is drawn before its load event (what a headless screenshot captures); Chromium refuses a
// synchronous compile of more than 4 KB on the main thread, and then it is compiled as usual.
function engineOptions() {
  const bytes = wasmBytes();
  if (!bytes) return {};
  return {
    instantiateWasm(imports, receive) {
      let module = null;
      try { module = new WebAssembly.Module(bytes); } catch (err) { module = null; }
      if (module) {
        const instance = new WebAssembly.Instance(module, imports);
        receive(instance, module);
        return instance.exports;
      }
      WebAssembly.instantiate(bytes, imports).then((r) => receive(r.instance, r.module))
        .catch((err) => showError(String(err && err.message || err)));
      return {};
    },
  };
}
// A link can name a scenario and a week: regiesim-klas.html#scenario=pitfalls/control_trap&week=260
function fromHash() {
  const out = {};
  for (const part of location.hash.replace(/^#/, '').split('&')) {
    const [k, v] = part.split('=');
    if (k && v !== undefined) out[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return out;
}
function boot() {
  wire();
  const started = performance.now();
  if (typeof RegiesimKlas !== 'function') { showError('RegiesimKlas missing'); return; }
  RegiesimKlas(engineOptions()).then((module) => {
    engine = module;
    stats.engineLoadMs = performance.now() - started;
    catalog = parse(engine.catalog());
    for (const c of catalog) files[c.file] = c.text;
    buildChoices();
    fillMenu();
    $('loading').hidden = true;
    const hash = fromHash();
    if (hash.lang === 'en') lang = 'en';
    if (hash.scenario && choices.some((c) => c.key === hash.scenario)) $('scenario').value = hash.scenario;
    selectScenario($('scenario').value);
    if (hash.week) { week = Math.max(0, Math.min(steps(), parseInt(hash.week, 10) || 0)); weekFloat = week; }
    applyLanguage();
    window.klasReady = true;
    requestAnimationFrame(frame);
  }).catch((err) => showError(String(err && err.message || err)));
}
// Hooks for the browser tests and for a trainer's console: the same code paths as the controls.
window.klasOpenFiles = openFiles;
window.klasSession = session;
window.klasTest = {
  select: (key) => { $('scenario').value = key; $('scenario').dispatchEvent(new Event('change')); return current && current.key; },
  choices: () => choices.map((c) => c.key),
  arms: () => arms.map((a) => ({ path: a.path, steps: a.run.steps, realisation: a.run.metrics.realisation.slice() })),
  week: () => week,
  caughtUp: () => !catchingUp && arms.every((a) => a.snaps.length > week),
  seek: (w) => { setPlaying(false); week = Math.max(0, Math.min(steps(), w)); weekFloat = week; draw(); return week; },
  startPlay, stopPlay, pick, playRound,
  arsenal: () => (play ? play.info.arsenal : []),
  // Engine time of every week of `path` run step by step (the live step's cost), in ms.
  benchSteps: (path) => {
    const info = engineOpen(path);
    if (!info.ok) return info;
    const times = [];
    for (let k = 0; k < info.steps; k++) { const t0 = performance.now(); engine.step(info.id, 'null'); times.push(performance.now() - t0); }
    engine.close(info.id);
    times.sort((a, b) => a - b);
    return { ok: true, n: times.length, mean: times.reduce((a, b) => a + b, 0) / times.length,
      median: times[times.length >> 1], p99: times[Math.floor(times.length * 0.99)], max: times[times.length - 1] };
  },
  playState: () => (play ? { round: play.round, done: play.done, weeks: play.run.steps, capacity: capacity() } : null),
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot); else boot();
})();
