/**
 * The evidence report: one self-contained HTML page a reviewer reads without an editor. The brief
 * with each claim marked by its verdict (a colour and a word, never colour alone), then for each
 * claim its cited passage with the words it shares with the claim marked, the rules that fired
 * and the source's title, publisher, date and address; a summary at the top. No script, no
 * external asset: every byte of text from a brief or a source is escaped, and the page's
 * Content-Security-Policy forbids fetching anything.
 */
import type { Brief } from "../parse/brief";
import type { Problem } from "../types";
import type { Claim } from "../verify/claims";
import type { SourceEntry } from "../sources/library";
import { claimCounts, verdictSymbol, verdictWord } from "../features/verdicts";
import { plural } from "../summary";

export interface EvidenceReportInput {
  /** The brief's file as the reader knows it (relative to the workspace or the current folder). */
  file: string;
  brief: Brief;
  problems: readonly Problem[];
  claims: readonly Claim[];
  /** The source a cited key names for this brief, if any; `display` is its file as the reader knows it. */
  source(key: string): { entry: SourceEntry; display: string } | undefined;
  /** The keys the brief cites, in order of first citation. */
  keys: readonly string[];
  /**
   * A claim's cited passages, the best one first (the one its verdict rests on), then the best
   * passage of each other cited source with text; `marks`: offsets in `text` of the words it
   * shares with the claim. Without it, the claim's best passage alone, unmarked.
   */
  passages?(claim: Claim, sentence: string): ReportPassage[];
  /** brief-author's version, named in the footer. */
  version: string;
  /** When the report was made (ISO text), named in the footer; left out when undefined (reproducible output). */
  generatedAt?: string;
  /** The Content-Security-Policy of the page (the default forbids every fetch and every script). */
  csp?: string;
  /** A nonce for the page's one `<style>` element (a webview's policy names it). */
  styleNonce?: string;
}

export interface ReportPassage {
  key: string;
  text: string;
  marks: ReadonlyArray<[number, number]>;
  /** `page 3`, `line 12`. */
  locator?: string;
}

/** What the standalone file allows: its own inline style, nothing else, no fetch of any kind. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'";

/** HTML text: `& < > " '` escaped, and characters that cannot stand in HTML (controls, lone surrogates) replaced. */
export function escapeHtml(s: string): string {
  return s
    .replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"))
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** An address a reader may follow: http(s) only (a `javascript:` or `file:` link is shown as text). */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const u = url.trim();
  return /^https?:\/\/[^\s<>"']+$/i.test(u) ? u : undefined;
}

/** The brief's body as blocks: a heading, a list item or a paragraph (lines up to a blank one), with offsets. */
function blocksOf(brief: Brief): Array<{ kind: "h" | "li" | "p"; level?: number; start: number; end: number }> {
  const text = brief.text;
  const out: Array<{ kind: "h" | "li" | "p"; level?: number; start: number; end: number }> = [];
  let at = bodyStart(brief);
  let para: { start: number; end: number } | undefined;
  const flush = () => {
    if (para) out.push({ kind: "p", ...para });
    para = undefined;
  };
  const definitions = brief.structure.definitions;
  let d = 0;
  /** An item's lines continue until a blank line, a heading or the next item. */
  let listOpen = false;
  while (at < text.length) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).replace(/\r$/, "");
    while (d < definitions.length && definitions[d][1] <= at) d++;
    const isDefinition = d < definitions.length && definitions[d][0] <= at && at < definitions[d][1];
    const heading = /^ {0,3}(#{1,6})[ \t]+/.exec(line);
    const item = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(line);
    const last = out[out.length - 1];
    if (line.trim() === "" || isDefinition) {
      flush();
      listOpen = false;
    } else if (heading) {
      flush();
      listOpen = false;
      out.push({ kind: "h", level: heading[1].length, start: at + heading[0].length, end: at + line.replace(/[ \t]+#*[ \t]*$/, "").length });
    } else if (item) {
      flush();
      listOpen = true;
      out.push({ kind: "li", start: at + item[0].length, end: at + line.length });
    } else if (listOpen && !para && last?.kind === "li") last.end = at + line.length; // the item's next line (indented, or lazy)
    else if (para) para.end = at + line.length;
    else para = { start: at, end: at + line.length };
    at = end + 1;
  }
  flush();
  return out;
}

function bodyStart(brief: Brief): number {
  const n = brief.frontMatter.lineCount;
  return n > 0 ? brief.lines.offsetAt({ line: n, character: 0 }) : 0;
}

/** The text of `[start, end)` with the claims in it marked (a claim crossing the block's edge is marked in each part). */
function marked(text: string, start: number, end: number, claims: readonly Claim[], first: number, ids: Map<Claim, number>): string {
  let out = "";
  let at = start;
  for (let i = first; i < claims.length && claims[i].start < end; i++) {
    const c = claims[i];
    if (c.end <= start) continue;
    const s = Math.max(start, c.start);
    const e = Math.min(end, c.end);
    if (s < at) continue;
    out += escapeHtml(text.slice(at, s));
    const n = ids.get(c)!;
    const tail = e === c.end || e === end ? `<a class="tag" href="#claim-${n}">${verdictSymbol(c.verdict)} ${n} ${verdictWord(c.verdict).toLowerCase()}</a>` : "";
    out += `<span class="claim v-${c.verdict}" data-verdict="${c.verdict}">${escapeHtml(text.slice(s, e))}${e === c.end ? tail : ""}</span>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at, end));
}

/** A passage's text with its marks (offsets, in order) as `<mark>`, everything escaped. */
function markedPassage(text: string, marks: ReadonlyArray<[number, number]>): string {
  let out = "";
  let at = 0;
  for (const [s, e] of marks) {
    if (s < at || e > text.length || e <= s) continue;
    out += escapeHtml(text.slice(at, s)) + `<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

function sourceLine(entry: SourceEntry, display: string): string {
  const parts: string[] = [`<cite>${escapeHtml(entry.title)}</cite>`];
  const by = [entry.author, entry.container, entry.publisher].filter((p, i, a): p is string => !!p && a.indexOf(p) === i);
  if (by.length) parts.push(escapeHtml(by.join(", ")));
  if (entry.published) parts.push(escapeHtml(entry.published));
  const url = safeUrl(entry.url);
  if (url) parts.push(`<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(url)}</a>`);
  else if (entry.url) parts.push(escapeHtml(entry.url));
  parts.push(`<span class="file">${escapeHtml(display)}</span>`);
  return parts.join(" · ");
}

const STYLE = `
:root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --look: #9a6700; --bg-ok: #dafbe1; --bg-bad: #ffebe9; --bg-look: #fff8c5; --muted: #57606a; --line: #d0d7de; }
@media (prefers-color-scheme: dark) { :root { --ok: #3fb950; --bad: #f85149; --look: #d29922; --bg-ok: #12261e; --bg-bad: #2d1214; --bg-look: #2b2111; --muted: #8b949e; --line: #30363d; } }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1.2rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
.meta, .file, footer { color: var(--muted); font-size: .9em; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } td, th { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
.counts { display: flex; gap: .6rem; flex-wrap: wrap; padding: 0; list-style: none; } .counts li { padding: .3rem .7rem; border-radius: 6px; font-weight: 600; }
.v-confirmed { --c: var(--ok); --b: var(--bg-ok); } .v-contradicted { --c: var(--bad); --b: var(--bg-bad); } .v-unverified { --c: var(--look); --b: var(--bg-look); }
.counts li, .claim { background: var(--b); border-bottom: 2px solid var(--c); }
.claim .tag { font-size: .72em; font-weight: 700; color: var(--c); text-decoration: none; margin-left: .25rem; white-space: nowrap; vertical-align: super; }
.evidence { border-left: 4px solid var(--c); padding: .2rem 0 .2rem 1rem; margin: 1.2rem 0; break-inside: avoid; }
.evidence h3 { margin: .2rem 0; font-size: 1rem; } .evidence h3 .verdict { color: var(--c); }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid var(--line); } mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.rules li { margin: .15rem 0; } .sev { font-weight: 600; }
@media print { body { max-width: none; margin: 0; } a { color: inherit; } .claim .tag { color: #000; } h2 { break-after: avoid; } }
`;

/** The evidence report of one checked brief, as one HTML document. */
export function evidenceReport(input: EvidenceReportInput): string {
  const { brief } = input;
  const claims = [...input.claims].sort((a, b) => a.start - b.start);
  const ids = new Map(claims.map((c, i) => [c, i + 1] as const));
  const title = brief.title?.text ?? input.file;
  const counts = claimCounts(claims);
  const csp = input.csp ?? REPORT_CSP;
  const nonce = input.styleNonce ? ` nonce="${escapeHtml(input.styleNonce)}"` : "";
  const h: string[] = [];
  h.push(`<!DOCTYPE html>`, `<html lang="${escapeHtml(brief.langDeclared ? brief.lang : "en")}">`, `<head>`, `<meta charset="utf-8">`, `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`, `<meta name="referrer" content="no-referrer">`, `<meta name="viewport" content="width=device-width, initial-scale=1">`, `<title>Evidence report: ${escapeHtml(title)}</title>`, `<style${nonce}>${STYLE}</style>`, `</head>`, `<body>`);
  h.push(`<header><h1>Evidence report: ${escapeHtml(title)}</h1>`);
  const meta = [escapeHtml(input.file)];
  if (brief.date) meta.push(`dated ${escapeHtml(brief.date.text)}`);
  h.push(`<p class="meta">${meta.join(" · ")}</p></header>`);

  // Summary: claims by verdict, problems by rule, sources cited.
  h.push(`<section id="summary"><h2>Summary</h2>`);
  h.push(`<p id="claim-total">${escapeHtml(plural(counts.total, "claim"))}: ${counts.confirmed} confirmed, ${counts.contradicted} contradicted, ${counts.unverified} unverified (a person should look).</p>`);
  h.push(`<ul class="counts">`);
  for (const v of ["confirmed", "contradicted", "unverified"] as const) h.push(`<li class="v-${v}" data-verdict="${v}" data-count="${counts[v]}">${verdictSymbol(v)} ${counts[v]} ${verdictWord(v).toLowerCase()}</li>`);
  h.push(`</ul>`);
  const byRule = new Map<string, { severity: string; n: number }>();
  for (const p of input.problems) {
    const r = byRule.get(p.rule);
    if (r) r.n++;
    else byRule.set(p.rule, { severity: p.severity, n: 1 });
  }
  if (byRule.size) {
    h.push(`<table id="problems-by-rule"><thead><tr><th>Rule</th><th>Severity</th><th>Problems</th></tr></thead><tbody>`);
    for (const [rule, r] of [...byRule].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) h.push(`<tr><td><code>${escapeHtml(rule)}</code></td><td>${escapeHtml(r.severity)}</td><td>${r.n}</td></tr>`);
    h.push(`</tbody></table>`);
  } else h.push(`<p>No problems.</p>`);
  h.push(`<table id="sources"><thead><tr><th>Key</th><th>Source</th></tr></thead><tbody>`);
  for (const key of input.keys) {
    const s = input.source(key);
    h.push(`<tr><td><code>${escapeHtml(key)}</code></td><td>${s ? sourceLine(s.entry, s.display) : "<em>not found in the library</em>"}</td></tr>`);
  }
  h.push(`</tbody></table></section>`);

  // The brief, claims marked.
  h.push(`<section id="brief"><h2>The brief</h2>`);
  let first = 0;
  let list = false;
  for (const b of blocksOf(brief)) {
    while (first < claims.length && claims[first].end <= b.start) first++;
    const body = marked(brief.text, b.start, b.end, claims, first, ids);
    if (b.kind !== "li" && list) {
      h.push(`</ul>`);
      list = false;
    }
    if (b.kind === "h") h.push(`<h${Math.min(6, (b.level ?? 1) + 2)} class="brief-heading">${body}</h${Math.min(6, (b.level ?? 1) + 2)}>`);
    else if (b.kind === "li") {
      if (!list) h.push(`<ul>`);
      list = true;
      h.push(`<li>${body}</li>`);
    } else h.push(`<p>${body}</p>`);
  }
  if (list) h.push(`</ul>`);
  h.push(`</section>`);

  // The evidence for each claim.
  h.push(`<section id="evidence"><h2>Evidence, claim by claim</h2>`);
  if (claims.length === 0) h.push(`<p>The brief has no claims (no sentence cites a source, and no section requires it).</p>`);
  for (const c of claims) {
    const n = ids.get(c)!;
    const sentence = brief.text.slice(c.start, c.end).replace(/\s+/g, " ").trim();
    const line = brief.lines.positionAt(c.start).line + 1;
    h.push(`<article class="evidence v-${c.verdict}" id="claim-${n}" data-verdict="${c.verdict}">`);
    h.push(`<h3>Claim ${n} <span class="verdict">${verdictSymbol(c.verdict)} ${verdictWord(c.verdict)}</span> <span class="meta">line ${line}${c.keys.length ? ` · cites ${c.keys.map((k) => `<code>${escapeHtml(k)}</code>`).join(", ")}` : ""}</span></h3>`);
    h.push(`<p class="sentence">${escapeHtml(sentence)}</p>`);
    if (c.why.length) h.push(`<p class="why">${escapeHtml(c.why.join("; "))}</p>`);
    const fired = input.problems.filter((p) => {
      const s = brief.lines.offsetAt(p.range.start);
      return s >= c.start && s < c.end && p.rule !== "markdownlint" && !/^MD\d{3}$/.test(p.rule);
    });
    if (fired.length) {
      h.push(`<ul class="rules">`);
      for (const p of fired) h.push(`<li><span class="sev">${escapeHtml(p.severity)}</span> <code>${escapeHtml(p.rule)}</code>: ${escapeHtml(p.message)}</li>`);
      h.push(`</ul>`);
    }
    const passages = input.passages ? input.passages(c, sentence) : c.passage ? [{ key: c.passage.key, text: c.passage.text, marks: [] }] : [];
    for (const [i, p] of passages.entries()) {
      const s = input.source(p.key);
      const text = p.text;
      h.push(`<blockquote class="passage${i === 0 ? " best" : ""}" data-key="${escapeHtml(p.key)}">${markedPassage(text, p.marks)}</blockquote>`);
      h.push(`<p class="source">${i === 0 && passages.length > 1 ? "<strong>Best passage</strong> · " : ""}${s ? sourceLine(s.entry, s.display) : `<code>${escapeHtml(p.key)}</code>`}${p.locator ? `, ${escapeHtml(p.locator)}` : ""}</p>`);
    }
    if (passages.length === 0 && c.keys.length) h.push(`<p class="source"><em>No cited source has text to compare.</em></p>`);
    h.push(`</article>`);
  }
  h.push(`</section>`);
  h.push(`<footer><p>Made by brief-author ${escapeHtml(input.version)}${input.generatedAt ? ` on ${escapeHtml(input.generatedAt)}` : ""}. A confirmed claim was found in its cited passage with every name, figure and quote; an unverified one needs a person to look.</p></footer>`);
  h.push(`</body>`, `</html>`, ``);
  return h.join("\n");
}
