#!/usr/bin/env node
// npm run bench:national [-- --authorities N] [--jobs J] [--keep]
//
// A national run, measured. Generates N synthetic authorities laid out as a repository
// would be (reports/2568/<authority>/{authority.yaml, plan, measures, results}), each
// document derived from the examples with the authority's own name and place, its own
// numbers (budgets, scores, counts) and its own size (projects, measures and rows kept,
// dropped or added), so no two documents are identical and sizes vary as real ones do.
// Then builds them in one run of the CLI, as one CI shard would (`ita-report build
// reports/2568 -o out/2568 --json`), while sampling /proc: RSS of the Node process and
// PSS of its Chromium processes together. Reports documents/s, pages/s, per-document p50
// and p95, peak memory, memory per tenth of the run (growth from the first tenth to the
// last), a rerun with everything up to date (a CI rerun with its cache), validation
// throughput (pull requests), and the estimate for 7,850 × 3 documents on K runners.
// Not a test: the figures depend on the machine and on what else runs on it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { deriveDocument } from '../dist/pipeline.js';
import { expandInputs } from '../dist/batch/inputs.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const AUTHORITIES = Number(arg('--authorities', '20'));
const JOBS = arg('--jobs', undefined);
const KEEP = process.argv.includes('--keep');
const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/ita-report.js');
const YEAR = '2568';
const NATIONAL = 7850 * 3;

// ---------------------------------------------------------------- the corpus

/** Deterministic, so the same N gives the same corpus (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(2568);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const between = (lo, hi) => lo + rnd() * (hi - lo);
const int = (lo, hi) => Math.floor(between(lo, hi + 1));

// The mix of local authorities in Thailand (about 5,300 อบต., 2,250 ทต., 195 ทม., 30 ทน., 76 อบจ.).
const TYPES = [
  { weight: 5300, type: 'องค์การบริหารส่วนตำบล', short: 'อบต.', head: 'นายกองค์การบริหารส่วนตำบล' },
  { weight: 2250, type: 'เทศบาลตำบล', short: 'ทต.', head: 'นายกเทศมนตรีตำบล' },
  { weight: 195, type: 'เทศบาลเมือง', short: 'ทม.', head: 'นายกเทศมนตรีเมือง' },
  { weight: 30, type: 'เทศบาลนคร', short: 'ทน.', head: 'นายกเทศมนตรีนคร' },
  { weight: 76, type: 'องค์การบริหารส่วนจังหวัด', short: 'อบจ.', head: 'นายกองค์การบริหารส่วนจังหวัด' },
];
const PROVINCES = ['เชียงใหม่', 'เชียงราย', 'น่าน', 'แพร่', 'พะเยา', 'ลำพูน', 'อุตรดิตถ์', 'สุโขทัย', 'พิษณุโลก', 'นครสวรรค์', 'อุทัยธานี', 'ชัยนาท', 'สิงห์บุรี', 'อ่างทอง', 'สระบุรี', 'นครนายก', 'ปราจีนบุรี', 'ฉะเชิงเทรา', 'ชลบุรี', 'ระยอง', 'จันทบุรี', 'ตราด', 'นครราชสีมา', 'บุรีรัมย์', 'สุรินทร์', 'ศรีสะเกษ', 'อุบลราชธานี', 'ยโสธร', 'ชัยภูมิ', 'ขอนแก่น', 'อุดรธานี', 'เลย', 'หนองคาย', 'มหาสารคาม', 'ร้อยเอ็ด', 'กาฬสินธุ์', 'สกลนคร', 'นครพนม', 'มุกดาหาร', 'กาญจนบุรี', 'ราชบุรี', 'เพชรบุรี', 'ประจวบคีรีขันธ์', 'ชุมพร', 'สุราษฎร์ธานี', 'นครศรีธรรมราช', 'กระบี่', 'พังงา', 'ตรัง', 'พัทลุง', 'สงขลา', 'สตูล'];
const SYLLABLES = ['บ้าน', 'หนอง', 'ดอน', 'นา', 'ห้วย', 'โคก', 'ทุ่ง', 'วัง', 'ท่า', 'บึง', 'สัน', 'แม่', 'เวียง', 'ป่า', 'เขา', 'คลอง', 'บาง', 'หาด', 'ไผ่', 'ยาง', 'แก้ว', 'ทอง', 'ใหม่', 'กลาง', 'เหนือ', 'ใต้', 'สะแก', 'มะม่วง', 'ขาม', 'โพธิ์', 'ไทร', 'หลวง', 'น้อย', 'ศรี', 'สว่าง', 'เจริญ', 'พัฒนา', 'สามัคคี'];
const SURNAMES = ['ใจดี', 'สุขสวัสดิ์', 'ทองคำ', 'ศรีสุข', 'มั่นคง', 'รักษ์ไทย', 'บุญมา', 'แสงทอง', 'พึ่งบุญ', 'วงศ์ใหญ่'];
const GIVEN = ['สมชาย', 'สมศรี', 'วิชัย', 'มาลี', 'ประเสริฐ', 'สุนีย์', 'อนันต์', 'กาญจนา', 'ชาตรี', 'พรทิพย์'];

function authorityType() {
  let x = rnd() * TYPES.reduce((a, t) => a + t.weight, 0);
  for (const t of TYPES) if ((x -= t.weight) < 0) return t;
  return TYPES[0];
}

const usedPlaces = new Set();
function place() {
  for (;;) {
    const p = pick(SYLLABLES) + pick(SYLLABLES) + (rnd() < 0.4 ? pick(SYLLABLES) : '');
    if (!usedPlaces.has(p)) {
      usedPlaces.add(p);
      return p;
    }
  }
}

const read = (path) => readFileSync(join(ROOT, 'examples', path), 'utf8');
const EXAMPLES = {
  plan: read('lampang-pao/plan-2566-2570.yaml'),
  measures: read('lampang-pao/measures-2567.yaml'),
  results: [read('lampang-city/results-2565.yaml'), read('lopburi-city/results-2568.yaml')],
};

/** The examples' authorities become this one, wherever their text names them. */
function rename(text, a) {
  return text
    .replaceAll('องค์การบริหารส่วนจังหวัดลำปาง', a.name)
    .replaceAll('อบจ.ลำปาง', a.short_name)
    .replaceAll('เทศบาลนครลำปาง', a.name)
    .replaceAll('เทศบาลเมืองลพบุรี', a.name)
    .replaceAll('ลำปาง', a.province)
    .replaceAll('ลพบุรี', a.province)
    .replaceAll('www.lampangcity.go.th', a.website)
    .replaceAll('www.lopburicity.go.th', a.website);
}

/** Each item kept with probability `keep`, and given a second phase with probability `extra`; never empty. */
function resample(list, keep, extra, variant) {
  const out = [];
  for (const item of list) {
    if (rnd() < keep) out.push(item);
    if (rnd() < extra) out.push(variant(structuredClone(item)));
  }
  return out.length > 0 ? out : [list[0]];
}

/** A size factor per document: most near the example's size, some much shorter or longer. */
const sizeFactor = () => Math.min(1.7, Math.max(0.3, Math.exp((rnd() - 0.5) * 1.4)));

function plan(a) {
  const doc = parse(rename(EXAMPLES.plan, a));
  doc.authority = 'authority.yaml';
  doc.issued = `2022-0${int(6, 9)}`;
  const size = sizeFactor();
  const keep = Math.min(1, size);
  const extra = Math.max(0, size - 1);
  const scale = between(0.3, 2.5);
  const varyBudget = (p) => {
    if (p.budget && typeof p.budget === 'object') {
      for (const y of Object.keys(p.budget)) if (typeof p.budget[y] === 'number') p.budget[y] = Math.max(500, Math.round((p.budget[y] * scale * between(0.7, 1.3)) / 500) * 500);
    }
    return p;
  };
  for (const dim of doc.dimensions) {
    for (const mission of dim.missions) {
      for (const holder of mission.sub_missions ?? [mission]) {
        if (!holder.projects) continue;
        holder.projects = resample(holder.projects, keep, extra, (p) => ({ ...p, name: `${p.name} ระยะที่ 2` })).map(varyBudget);
      }
    }
  }
  doc.introduction[0].risks = resample(doc.introduction[0].risks, 0.8, 0, (r) => r);
  return doc;
}

function measures(a) {
  const doc = parse(rename(EXAMPLES.measures, a));
  doc.authority = 'authority.yaml';
  doc.address = `อำเภอ${a.district} จังหวัด${a.province}`;
  const analysis = doc.analysis;
  // Scores of this authority: the announced total would have to agree with them, so it is left to the tool.
  delete analysis.announced;
  const level = between(60, 99);
  for (const ind of analysis.indicators) ind.score = Math.round(Math.min(100, level + between(-15, 10)) * 100) / 100;
  // A question that several issues quote has one score.
  const questions = new Map();
  for (const issue of analysis.issues) for (const g of issue.groups) for (const q of g.questions) {
    if (!questions.has(q.id)) questions.set(q.id, Math.round(Math.min(100, level + between(-30, 12)) * 100) / 100);
    q.score = questions.get(q.id);
  }
  const years = int(0, 4);
  if (years > 0) analysis.history = Array.from({ length: years }, (_, i) => ({ year: 2566 - years + i, score: Math.round(between(55, 98) * 100) / 100 }));
  const size = sizeFactor();
  for (const topic of doc.measures.topics) {
    topic.measures = resample(topic.measures, Math.min(1, size), Math.max(0, size - 1), (m) => ({ ...m, id: `${m.id}-2`, title: `${m.title} (ต่อเนื่อง)` }));
  }
  doc.approval.name = `${pick(['นาย', 'นาง', 'นางสาว'])}${pick(GIVEN)} ${pick(SURNAMES)}`;
  doc.approval.date = `2023-${String(int(10, 12))}-${String(int(1, 28)).padStart(2, '0')}`;
  return doc;
}

function results(a) {
  const doc = parse(rename(pick(EXAMPLES.results), a));
  doc.authority = 'authority.yaml';
  const size = sizeFactor();
  doc.items = resample(doc.items, Math.min(1, size), Math.max(0, size - 1), (item) => ({ ...item, measure: `${item.measure} (ระยะที่ 2)` }));
  // Counts quoted in the results are this authority's own.
  const recount = (v) => (typeof v === 'string' ? v.replace(/\d+(?= (ครั้ง|คน|ราย|เรื่อง|ช่องทาง))/g, () => String(int(2, 480))) : Array.isArray(v) ? v.map(recount) : v);
  for (const item of doc.items) for (const k of ['outputs', 'outcomes']) if (item[k]) item[k] = recount(item[k]);
  return doc;
}

function makeCorpus(dir) {
  const files = [];
  const seen = new Set();
  for (let i = 0; i < AUTHORITIES; i++) {
    const t = authorityType();
    const p = place();
    const province = pick(PROVINCES);
    const name = t.type === 'องค์การบริหารส่วนจังหวัด' ? `${t.type}${province}` : `${t.type}${p}`;
    const a = { name, district: p, short_name: `${t.short}${t.type === 'องค์การบริหารส่วนจังหวัด' ? province : p}`, province, website: `www.${createHash('sha1').update(name).digest('hex').slice(0, 10)}.go.th` };
    const folder = join(dir, 'reports', YEAR, `authority-${String(i + 1).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    const authority = { kind: 'authority', name: a.name, short_name: a.short_name, type: t.type, district: p, province, website: `https://${a.website}/`, head: { name: `${pick(GIVEN)} ${pick(SURNAMES)}`, title: `${t.head}${t.type === 'องค์การบริหารส่วนจังหวัด' ? province : p}` } };
    writeFileSync(join(folder, 'authority.yaml'), stringify(authority, { lineWidth: 0 }));
    const report = results(a);
    for (const [file, doc] of [['plan-2566-2570.yaml', plan(a)], ['measures-2567.yaml', measures(a)], [`results-${report.fiscal_year}.yaml`, report]]) {
      const text = stringify(doc, { lineWidth: 0 });
      const hash = createHash('sha256').update(text).digest('hex');
      if (seen.has(hash)) throw new Error(`two identical documents (${file} of authority ${i + 1})`);
      seen.add(hash);
      writeFileSync(join(folder, file), text);
      files.push(join(folder, file));
    }
  }
  return files;
}

// ---------------------------------------------------------------- measuring

/** Every process's parent, from /proc (Chromium starts its helpers from several threads). */
function parents() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      map.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  return map;
}

function kb(file, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the CLI's Node RSS and its descendants' PSS every `ms`. */
function sampler(pid, ms = 250) {
  const samples = [];
  const started = performance.now();
  const timer = setInterval(() => {
    const parent = parents();
    const descendants = [];
    const stack = [pid];
    while (stack.length) {
      const p = stack.pop();
      for (const [child, par] of parent) if (par === p) {
        descendants.push(child);
        stack.push(child);
      }
    }
    const node = kb(`/proc/${pid}/status`, 'VmRSS');
    if (node === 0) return;
    const browser = descendants.reduce((sum, p) => sum + kb(`/proc/${p}/smaps_rollup`, 'Pss'), 0);
    samples.push({ t: performance.now() - started, node, browser });
  }, ms);
  return () => {
    clearInterval(timer);
    return samples;
  };
}

function runCli(args, sample) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.GITHUB_ACTIONS;
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = sample ? sampler(child.pid) : () => [];
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const t0 = performance.now();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0, samples: stop() }));
  });
}

const mb = (b) => `${Math.round(b / 1024 / 1024)} MB`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (list) => quantile([...list].sort((a, b) => a - b), 0.5);
function duration(s) {
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

// ---------------------------------------------------------------- the run

const dir = mkdtempSync(join(tmpdir(), 'ita-national-'));
const conditions = { cpus: cpus().length, memory: totalmem(), loadBefore: loadavg() };
let t0 = performance.now();
const files = makeCorpus(dir);
console.log(`corpus: ${AUTHORITIES} authorities, ${files.length} documents in ${dir} (${secs(performance.now() - t0)} to generate)`);

// Validation, as a pull request does it (in this process, no browser).
t0 = performance.now();
const invalid = [];
for (const f of files) {
  const d = await deriveDocument(f);
  if (d.diagnostics.some((x) => x.severity === 'error')) invalid.push([f, d.diagnostics.find((x) => x.severity === 'error')]);
}
const validateMs = performance.now() - t0;
if (invalid.length > 0) {
  console.error(`${invalid.length} generated documents are invalid, e.g. ${invalid[0][0]}:${invalid[0][1].line}: ${invalid[0][1].message.en}`);
  process.exit(1);
}
const { inputs } = await expandInputs([join(dir, 'reports', YEAR)]);
if (inputs.length !== files.length) throw new Error(`the build would see ${inputs.length} documents, not ${files.length}`);

// The build, as one CI shard runs it.
const buildArgs = ['build', join(dir, 'reports', YEAR), '-o', join(dir, 'out', YEAR), '--json', ...(JOBS ? ['--jobs', JOBS] : [])];
console.log(`building: ita-report ${buildArgs.join(' ')}`);
const build = await runCli(buildArgs, true);
const summary = JSON.parse(build.stdout);
const docs = summary.documents;
const notBuilt = docs.filter((d) => d.status !== 'built');
if (build.code !== 0 || notBuilt.length > 0) {
  console.error(`exit ${build.code}; ${notBuilt.length} documents not built, e.g. ${JSON.stringify(notBuilt[0] ?? build.stderr.slice(0, 500))}`);
  process.exit(1);
}

// A rerun with the output folder kept (a CI rerun with its cache restored): everything up to date.
const rerun = await runCli(buildArgs, false);
const rerunDocs = JSON.parse(rerun.stdout).documents;
const upToDate = rerunDocs.filter((d) => d.status === 'up-to-date').length;
conditions.loadAfter = loadavg();

const pages = docs.reduce((a, d) => a + d.pages, 0);
const times = docs.map((d) => d.ms).sort((a, b) => a - b);
const byKind = {};
for (const d of docs) {
  const kind = /\/(plan|measures|results)-[^/]*$/.exec(d.input)[1];
  (byKind[kind] ??= []).push(d);
}
const perSecond = docs.length / (build.ms / 1000);
const samples = build.samples;
const total = (s) => s.node + s.browser;
const peak = samples.reduce((m, s) => (total(s) > total(m) ? s : m), samples[0]);
const tenths = Array.from({ length: 10 }, (_, i) => samples.filter((s) => s.t >= (build.ms * i) / 10 && s.t < (build.ms * (i + 1)) / 10));
const tenthMedian = tenths.map((list) => (list.length ? median(list.map(total)) : NaN));

console.log(`\n${docs.length} documents, ${pages} pages, built in ${secs(build.ms)} (one process, ${JOBS ? `--jobs ${JOBS}` : 'default --jobs'})`);
console.log(`documents/s ${perSecond.toFixed(2)}   pages/s ${(pages / (build.ms / 1000)).toFixed(1)}`);
console.log(`per document: p50 ${secs(quantile(times, 0.5))}, p95 ${secs(quantile(times, 0.95))}, max ${secs(times.at(-1))}`);
for (const [kind, list] of Object.entries(byKind)) {
  const p = list.map((d) => d.pages).sort((a, b) => a - b);
  const t = list.map((d) => d.ms).sort((a, b) => a - b);
  console.log(`  ${kind.padEnd(9)} ${String(list.length).padStart(4)} documents, pages ${p[0]}–${p.at(-1)} (median ${quantile(p, 0.5)}), time p50 ${secs(quantile(t, 0.5))} p95 ${secs(quantile(t, 0.95))}`);
}
console.log(`peak memory, Node RSS + Chromium PSS together: ${mb(total(peak))} (Node ${mb(peak.node)}, Chromium ${mb(peak.browser)}); Node alone peaked at ${mb(Math.max(...samples.map((s) => s.node)))}`);
console.log(`memory by tenth of the run (median, Node + Chromium): ${tenthMedian.map((b) => mb(b).replace(' MB', '')).join(' ')} MB`);
console.log(`growth from the first tenth to the last: ${mb(tenthMedian[9] - tenthMedian[0])} (${(((tenthMedian[9] - tenthMedian[0]) / tenthMedian[0]) * 100).toFixed(1)}%)`);
console.log(`rerun with the output folder kept: ${upToDate}/${rerunDocs.length} up to date in ${secs(rerun.ms)}`);
console.log(`validation (no browser, one process): ${(files.length / (validateMs / 1000)).toFixed(1)} documents/s`);
console.log(`\nestimate for ${NATIONAL.toLocaleString('en')} documents (7,850 authorities × 3) on K runners like this one, first build, printing only (add each job's set-up: checkout, npm ci, cache):`);
for (const k of [1, 8, 16, 32, 64, 128, 256]) console.log(`  K = ${String(k).padStart(3)}: ${duration(NATIONAL / k / perSecond)}`);
console.log(`\nconditions: ${conditions.cpus} CPUs, ${mb(conditions.memory)} RAM; load average before ${conditions.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${conditions.loadAfter.map((l) => l.toFixed(2)).join(' ')}`);

if (KEEP) console.log(`kept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });
