/**
 * The generated workspaces `npm run bench` measures on, and the golden-output test checks: all
 * text made up here from a made-up vocabulary, from a fixed seed (the same corpus every run).
 *
 * Two profiles:
 * - `small`: the bench's first corpus (sources of about 1.4 KB, briefs of about 4.6 KB).
 * - `news`: sources the size of the news articles analysts cite (2–10 KB: a headline, a
 *   dateline, paragraphs with figures, dates and quoted statements; some with an `id` in their
 *   front matter, some keyed by file name, one in fifty a saved web page), and briefs that cite
 *   about six of them with real quotes, matching and mismatched figures and uncited claims.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface CorpusOptions {
  sources: number;
  briefs: number;
  profile: "small" | "news";
}

export interface Corpus {
  sourceKeys: string[];
  /** A long brief (44 paragraphs) for the on-type, hover and completion measures, not written. */
  bigBrief: string;
  /** Bytes of every source file written. */
  sourceBytes: number;
  /** Bytes of every brief written. */
  briefBytes: number;
}

export function generateCorpus(root: string, options: CorpusOptions): Corpus {
  return options.profile === "news" ? generateNews(root, options) : generateSmall(root, options);
}

function random(seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  return { rand, pick };
}

const SYLLABLES = ["ka", "lo", "ven", "tra", "mi", "sol", "dor", "ea", "run", "pel", "qua", "zen", "ori", "bas", "tel", "nor"];
const COMMON = ["the", "of", "and", "in", "to", "a", "for", "on", "with", "by"];

function setUp(root: string): void {
  fs.mkdirSync(path.join(root, "sources"), { recursive: true });
  fs.mkdirSync(path.join(root, "briefs"), { recursive: true });
  fs.writeFileSync(path.join(root, ".briefrc.json"), JSON.stringify({ sources: ["sources"] }));
}

function write(file: string, text: string): number {
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** The bench's first corpus, as it has always been generated (seed 42). */
function generateSmall(root: string, { sources, briefs }: CorpusOptions): Corpus {
  const { rand, pick } = random(42);
  const vocab = Array.from({ length: 6000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYLLABLES)).join(""));
  const word = () => (rand() < 0.35 ? pick(COMMON) : vocab[Math.floor(Math.pow(rand(), 2) * vocab.length)]);
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, word);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    if (rand() < 0.3) w.splice(3, 0, String(Math.floor(rand() * 90000)));
    return w.join(" ") + ".";
  };
  setUp(root);
  const sourceKeys: string[] = [];
  const passages: string[][] = [];
  let sourceBytes = 0;
  let briefBytes = 0;
  for (let i = 0; i < sources; i++) {
    const key = `src-${i}`;
    sourceKeys.push(key);
    const paras = Array.from({ length: 4 + Math.floor(rand() * 4) }, () => Array.from({ length: 3 }, () => sentence(8 + Math.floor(rand() * 10))).join(" "));
    passages.push(paras);
    sourceBytes += write(path.join(root, "sources", `${key}.md`), `---\nid: ${key}\ntitle: Source ${i}\npublished: 2026-01-01\n---\n\n# Source ${i}\n\n${paras.join("\n\n")}\n`);
  }
  const brief = (i: number, paragraphs: number) => {
    const body: string[] = [];
    const cited = new Set<string>();
    for (let p = 0; p < paragraphs; p++) {
      const k = Math.floor(rand() * sources);
      const key = sourceKeys[k];
      cited.add(key);
      const src = pick(passages[k]);
      const s = src.split(". ")[0].split(" ").slice(0, 12).join(" ");
      body.push(`${s} in this brief [@${key}]. ${sentence(14)} [@${key}]. ${sentence(16)} [@${key}].`);
    }
    return `---\ntype: brief\ntitle: Brief ${i}\ndate: 2026-02-0${1 + (i % 9)}\n---\n\n# Brief ${i}\n\n## Description\n\n${body.join("\n\n")}\n\n## Impact\n\n${sentence(20)}\n\n## Sources\n\n${[...cited].map((k) => `- [@${k}]`).join("\n")}\n`;
  };
  for (let i = 0; i < briefs; i++) briefBytes += write(path.join(root, "briefs", `b${i}.brief.md`), brief(i, 12));
  return { sourceKeys, bigBrief: brief(99999, 44), sourceBytes, briefBytes };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const UNITS = ["percent", "tonnes", "containers", "jobs", "megawatts", "kilometres", "households", "vessels"];
const VERBS = ["said", "reported", "announced", "confirmed", "estimated", "warned", "noted", "added"];

/** News-sized sources (2–10 KB) and briefs that quote, cite and count from them (seed 7). */
function generateNews(root: string, { sources, briefs }: CorpusOptions): Corpus {
  const { rand, pick } = random(7);
  const vocab = Array.from({ length: 9000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYLLABLES)).join(""));
  const word = () => (rand() < 0.4 ? pick(COMMON) : vocab[Math.floor(Math.pow(rand(), 2) * vocab.length)]);
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  const place = () => cap(vocab[Math.floor(rand() * 400)]);
  const figure = () => {
    const unit = pick(UNITS);
    const n = unit === "percent" ? String(1 + Math.floor(rand() * 98)) : (100 + Math.floor(rand() * 90000)).toLocaleString("en-US");
    return `${n} ${unit}`;
  };
  const words = (n: number) => Array.from({ length: n }, word).join(" ");
  /** A sentence of prose, one in three with a figure, one in eight with a date. */
  const sentence = () => {
    let s = cap(words(3 + Math.floor(rand() * 4)));
    if (rand() < 0.33) s += ` ${figure()}`;
    s += ` ${words(4 + Math.floor(rand() * 10))}`;
    if (rand() < 0.12) s += ` on ${1 + Math.floor(rand() * 28)} ${pick(MONTHS)} 2026`;
    return s + ".";
  };
  const statement = () => `"${cap(words(6 + Math.floor(rand() * 8)))}," ${place()} ${pick(VERBS)}.`;
  const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, () => (rand() < 0.15 ? statement() : sentence())).join(" ");
  setUp(root);
  const sourceKeys: string[] = [];
  const bodies: string[][] = [];
  let sourceBytes = 0;
  let briefBytes = 0;
  for (let i = 0; i < sources; i++) {
    // 2–10 KB of text: paragraphs are added until the size drawn for this article is reached.
    const target = 2048 + Math.floor(rand() * 8 * 1024);
    const paras: string[] = [];
    for (let n = 0; n < target; ) {
      const p = paragraph();
      paras.push(p);
      n += p.length + 2;
    }
    bodies.push(paras);
    const headline = cap(words(5 + Math.floor(rand() * 5)));
    const day = `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
    const dateline = `${place().toUpperCase()}, ${day} —`;
    if (i % 50 === 49) {
      // A saved web page: the key is its file name.
      const key = `page-${i}`;
      sourceKeys.push(key);
      const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${headline} | The ${place()} Courier</title>\n<meta property="og:site_name" content="The Courier"><meta property="article:published_time" content="${day}T08:00:00Z"></head>\n<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>\n<article><h1>${headline}</h1>\n<p>${dateline} ${paras[0]}</p>\n${paras.slice(1).map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`).join("\n")}\n</article><footer>Copyright the Courier</footer></body></html>\n`;
      sourceBytes += write(path.join(root, "sources", `${key}.html`), html);
      continue;
    }
    const byName = i % 3 === 0;
    const key = byName ? `article-${i}` : `news-${i}`;
    sourceKeys.push(key);
    const fm = byName ? `---\ntitle: ${headline}\npublished: ${day}\n---\n\n` : `---\nid: ${key}\ntitle: ${headline}\npublisher: The ${place()} Courier\npublished: ${day}\nurl: https://courier.example/${key}\n---\n\n`;
    sourceBytes += write(path.join(root, "sources", `${key}.md`), `${fm}# ${headline}\n\n${dateline} ${paras.join("\n\n")}\n`);
  }
  const brief = (i: number, paragraphs: number) => {
    const body: string[] = [];
    const cited = new Set<string>();
    for (let p = 0; p < paragraphs; p++) {
      const k = Math.floor(rand() * sources);
      const key = sourceKeys[k];
      cited.add(key);
      const para = pick(bodies[k]);
      const first = para.split(/(?<=\.) /)[0].replace(/^"|"$/g, "");
      const roll = rand();
      if (roll < 0.25) {
        // A claim in the source's own words (supported).
        body.push(`${first.replace(/\.$/, "")} [@${key}].`);
      } else if (roll < 0.4) {
        // A quote: true, or with one word changed.
        const w = first.split(" ").slice(0, 8).join(" ").replace(/[".,]/g, "");
        const quoted = rand() < 0.7 ? w : w.replace(/\b(\w+)$/, "different");
        body.push(`The report said "${quoted}" in its account [@${key}].`);
      } else if (roll < 0.55) {
        // A figure of the source, sometimes misquoted.
        const m = /(\d[\d,]*) (percent|tonnes|containers|jobs|megawatts|kilometres|households|vessels)/.exec(bodies[k].join(" "));
        if (m) {
          const n = rand() < 0.7 ? m[1] : String(Number(m[1].replace(/,/g, "")) + 3);
          body.push(`${cap(words(4))} reached ${n} ${m[2]} by the spring [@${key}].`);
        } else body.push(`${sentence()} [@${key}]`);
      } else if (roll < 0.65) {
        body.push(sentence()); // an uncited claim
      } else {
        body.push(`${sentence()} [@${key}]`);
      }
    }
    return `---\ntype: brief\ntitle: ${cap(words(4))}\ndate: 2027-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}\n---\n\n# ${cap(words(5))}\n\n## Description\n\n${body.join("\n\n")}\n\n## Impact\n\n${sentence()} ${sentence()}\n\n## Sources\n\n${[...cited].map((k) => `- [@${k}]`).join("\n")}\n`;
  };
  for (let i = 0; i < briefs; i++) briefBytes += write(path.join(root, "briefs", `b${i}.brief.md`), brief(i, 6));
  return { sourceKeys, bigBrief: brief(99999, 44), sourceBytes, briefBytes };
}
