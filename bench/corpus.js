// Synthetic authorities for benchmarks (bench/national.js): each with an authority file, a
// plan, a measures document and a results report derived from the examples, with the
// authority's own name and place, its own numbers (budgets, scores, counts) and its own size
// (projects, measures and rows kept, dropped or given a second phase), so no two documents
// are identical and sizes vary as real ones do. Every document is valid.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { seededRandom } from './random.js';
import { LOCAL_AUTHORITY_TYPES } from '../dist/thai/index.js';

const ROOT = new URL('..', import.meta.url).pathname;


// Deterministic, so the same N gives the same corpus.
let rnd = seededRandom(2568);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const between = (lo, hi) => lo + rnd() * (hi - lo);
const int = (lo, hi) => Math.floor(between(lo, hi + 1));

// The mix of local authorities in Thailand (about 5,300 อบต., 2,250 ทต., 195 ทม., 30 ทน., 76 อบจ.);
// their prefixes, abbreviations and head titles as the tool knows them.
const WEIGHTS = { 'องค์การบริหารส่วนตำบล': 5300, 'เทศบาลตำบล': 2250, 'เทศบาลเมือง': 195, 'เทศบาลนคร': 30, 'องค์การบริหารส่วนจังหวัด': 76 };
const TYPES = Object.entries(WEIGHTS).map(([prefix, weight]) => {
  const { abbr, head } = LOCAL_AUTHORITY_TYPES.find((t) => t.prefix === prefix);
  return { weight, type: prefix, short: abbr, head };
});
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

/**
 * Writes `authorities` synthetic authorities below `dir`/reports/`year`/authority-NNNN/ and
 * returns the paths of their documents. Deterministic for a given count and seed.
 */
export function makeCorpus(dir, authorities, { year = '2568', seed = 2568 } = {}) {
  rnd = seededRandom(seed);
  usedPlaces.clear();
  const files = [];
  const seen = new Set();
  for (let i = 0; i < authorities; i++) {
    const t = authorityType();
    const p = place();
    const province = pick(PROVINCES);
    const name = t.type === 'องค์การบริหารส่วนจังหวัด' ? `${t.type}${province}` : `${t.type}${p}`;
    const a = { name, district: p, short_name: `${t.short}${t.type === 'องค์การบริหารส่วนจังหวัด' ? province : p}`, province, website: `www.${createHash('sha1').update(name).digest('hex').slice(0, 10)}.go.th` };
    const folder = join(dir, 'reports', year, `authority-${String(i + 1).padStart(4, '0')}`);
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
