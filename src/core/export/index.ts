/**
 * From a checked brief to what leaves the editor: the CSL-JSON of the sources it cites (for
 * Pandoc, or a team's own pipeline) and the evidence report. The hosts (CLI, editor) call these;
 * the Pandoc run itself is Node's (`src/node/exportBrief.ts`).
 */
import type { BriefService } from "../service";
import type { CheckResult } from "../engine/options";
import type { Brief } from "../parse/brief";
import { cslItemFor, type CslItem } from "./csl";
import { citedKeys } from "./pandocInput";
import { evidenceReport } from "./evidenceReport";
import { relativePath } from "../fs";
import type { RuleContext } from "../rules/rule";
import type { Claim } from "../verify/claims";
import type { ReportPassage } from "./evidenceReport";
import { contentTerms } from "../sources/tokenize";
import { sourceLanguage } from "../lang/language";
import { findSupportingPassage, markTerms } from "../features/support";
import { pageAt, pageLabel, type SourceEntry } from "../sources/library";

/** Where a passage is: `page 3` of a PDF, else `line 12` of the source's file. */
function locator(entry: SourceEntry, start: number, line: number | undefined): string | undefined {
  const page = pageAt(entry, start);
  if (page !== undefined) return `page ${pageLabel(entry, page)}`;
  return line !== undefined && (entry.kind === "markdown" || entry.kind === "text") ? `line ${line + 1}` : undefined;
}

/** Words a passage shares with the claim, in the source's language. */
function sharedMarks(entry: SourceEntry, text: string, sentence: string): Array<[number, number]> {
  const lang = sourceLanguage(entry);
  return markTerms(text, new Set(contentTerms(sentence, lang)), lang);
}

/** A claim's cited passages for the report: its best passage, then the best of each other cited source with text. */
function claimPassages(view: Pick<RuleContext, "resolve">, claim: Claim, sentence: string): ReportPassage[] {
  const out: ReportPassage[] = [];
  const seen = new Set<string>();
  if (claim.passage) {
    const r = view.resolve(claim.passage.key);
    out.push({ key: claim.passage.key, text: claim.passage.text, marks: r ? sharedMarks(r.entry, claim.passage.text, sentence) : [], locator: r ? locator(r.entry, claim.passage.start, claim.passage.line) : undefined });
    seen.add(claim.passage.key);
  }
  for (const key of claim.keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const r = view.resolve(key);
    if (!r || r.entry.noText || r.entry.passages.length === 0) continue;
    const found = findSupportingPassage(r, sentence);
    if (!found) continue;
    const text = found.passage.text;
    out.push({ key, text, marks: sharedMarks(r.entry, text, sentence), locator: locator(r.entry, found.passage.start, found.passage.startLine) });
  }
  return out;
}

export { cslJson, cslItemFor, type CslItem } from "./csl";
export { evidenceReport, escapeHtml, REPORT_CSP } from "./evidenceReport";
export { citedKeys, markdownForPandoc, titleHeading, sanitizePandocDoc, imageTargets, activeHtml, PandocOutputError } from "./pandocInput";

/**
 * The CSL items of the keys a brief cites, as its view of the library resolves them (reference
 * lines first; a reference line's title names the item). `missing`: cited keys nothing resolves.
 */
export function cslItemsForBrief(service: BriefService, path: string, brief: Brief): { items: CslItem[]; missing: string[] } {
  const view = service.context(path, brief);
  const items: CslItem[] = [];
  const missing: string[] = [];
  const titles = new Map(brief.references.filter((r) => r.title).map((r) => [r.key, r.title!]));
  for (const key of citedKeys(brief)) {
    const r = view.resolve(key);
    if (!r) {
      missing.push(key);
      continue;
    }
    // A reference line names its own file; otherwise a bibliography's entry describes the source (as Pandoc would cite it).
    const bib = titles.has(key) || brief.references.some((ref) => ref.key === key) ? undefined : view.bibliographyEntry?.(key);
    const entry = bib?.csl ? bib : r.entry;
    const item = cslItemFor(key, entry);
    const title = titles.get(key);
    if (title && !entry.csl) item.title = title;
    items.push(item);
  }
  return { items, missing };
}

/**
 * The CSL items of every source in the library (read whole first) and of every entry of the
 * config's bibliographies: `brief-author bibliography` with no brief named.
 */
export async function cslItemsForLibrary(service: BriefService): Promise<CslItem[]> {
  await service.sources.library.readAll();
  const items = new Map<string, CslItem>();
  for (const e of service.library.entries()) if (!items.has(e.key)) items.set(e.key, cslItemFor(e.key, e));
  // The config's bibliographies, as a brief with no front matter of its own sees them.
  const probe = `${service.root}/.brief-author-bibliography.md`;
  const brief = await service.parseForLookup(probe, "");
  const view = service.context(probe, brief);
  for (const key of view.bibliographyKeys()) {
    if (items.has(key)) continue;
    const r = view.resolve(key);
    if (r) items.set(key, cslItemFor(key, r.entry));
  }
  return [...items.values()];
}

/** The evidence report of a checked brief; `display` names a file as the reader knows it. */
export function evidenceReportFor(service: BriefService, path: string, result: CheckResult, options: { display?: (path: string) => string; version: string; generatedAt?: string; csp?: string; styleNonce?: string }): string {
  const display = options.display ?? ((p: string) => relativePath(service.root, p));
  const view = service.context(path, result.brief);
  return evidenceReport({
    file: display(path),
    brief: result.brief,
    problems: result.problems,
    claims: result.claims,
    keys: citedKeys(result.brief),
    source: (key) => {
      const r = view.resolve(key);
      return r ? { entry: r.entry, display: display(r.entry.path) } : undefined;
    },
    passages: (claim, sentence) => claimPassages(view, claim, sentence),
    version: options.version,
    generatedAt: options.generatedAt,
    csp: options.csp,
    styleNonce: options.styleNonce,
  });
}
