/**
 * What an AI assistant may ask of a workspace, whatever host carries the question (the MCP server,
 * VS Code's language model tools): check a brief, find the passages that support a sentence, list
 * the sources, read one. Each reads through the engine's workspace gate and writes nothing; each
 * input is checked here (type, size, a path inside the root) before it reaches the engine, and a
 * bad one is an `AgentToolError` whose message says what to send instead.
 */
import type { BriefService } from "../service";
import { isInside, joinPath, relativePath, resolvePath } from "../fs";
import { toReported, toReportedClaim, type ReportedClaim, type ReportedProblem } from "../report";
import { pageAt, pageLabel, type SourceEntry } from "../sources/library";
import { sourceLanguage, languageName } from "../lang/language";

export class AgentToolError extends Error {}

/** Longest text a tool takes (a brief's `text`, a sentence). */
export const MAX_TEXT_CHARS = 1_000_000;
/** Largest brief file `check_brief` reads (a brief is a few kilobytes; this leaves room). */
export const MAX_BRIEF_BYTES = 4 * 1024 * 1024;
/** Most problems and claims one answer lists (the counts say how many there were). */
const MAX_LISTED = 2000;
const MAX_SENTENCE_CHARS = 5_000;
/** Longest stretch of a source one `read_source` call returns. */
export const READ_CHUNK_CHARS = 12_000;

function str(v: unknown, name: string, max: number, required: boolean): string | undefined {
  if (v === undefined || v === null || v === "") {
    if (required) throw new AgentToolError(`"${name}" is required`);
    return undefined;
  }
  if (typeof v !== "string") throw new AgentToolError(`"${name}" must be a string`);
  if (v.length > max) throw new AgentToolError(`"${name}" is longer than ${max} characters`);
  if (v.includes("\u0000")) throw new AgentToolError(`"${name}" holds a NUL character`);
  return v;
}

function int(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw new AgentToolError(`"${name}" must be a whole number from ${min} to ${max}`);
  return v;
}

/** A path the assistant gave, relative to the root (or absolute inside it): inside the root, or refused. */
function pathInRoot(service: BriefService, p: string): string {
  const abs = joinPath(p.startsWith("/") ? p : resolvePath(service.root, p));
  if (!isInside(service.root, abs)) throw new AgentToolError(`"${p}" is outside the workspace (${service.root}); only files inside it are read`);
  return abs;
}

export interface CheckBriefResult {
  file: string;
  problems: ReportedProblem[];
  claims: ReportedClaim[];
  summary: string;
}

/** `check_brief`: the problems and claim verdicts of a brief on disk (`path`), or of a draft (`text`, checked as if at `path`). */
export async function checkBriefTool(service: BriefService, args: Record<string, unknown>): Promise<CheckBriefResult> {
  const p = str(args.path, "path", 4096, true)!;
  const draft = str(args.text, "text", MAX_TEXT_CHARS, false);
  const abs = pathInRoot(service, p);
  let text = draft;
  if (text === undefined) {
    let bytes: Uint8Array;
    try {
      bytes = await service.readWorkspaceFile(abs, MAX_BRIEF_BYTES);
    } catch (e) {
      throw new AgentToolError(`${relativePath(service.root, abs)} cannot be read: ${(e as Error).message.split("\n")[0]}`);
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new AgentToolError(`${relativePath(service.root, abs)} is not UTF-8 text`);
    }
  }
  const result = await service.check(abs, text);
  const file = relativePath(service.root, abs);
  const allProblems = result.problems.map((x) => toReported(file, x));
  const allClaims = result.claims.map((c) => toReportedClaim(file, c, result.brief.lines));
  const problems = allProblems.slice(0, MAX_LISTED);
  const claims = allClaims.slice(0, MAX_LISTED);
  const n = (v: string) => claims.filter((c) => c.verdict === v).length;
  const errors = problems.filter((x) => x.severity === "error").length;
  const warnings = problems.filter((x) => x.severity === "warning").length;
  return {
    file,
    problems,
    claims,
    summary:
      `${allProblems.length} problems (${errors} errors, ${warnings} warnings); ${allClaims.length} claims: ${n("confirmed")} confirmed, ${n("contradicted")} contradicted, ${n("unverified")} unverified` +
      (allProblems.length > MAX_LISTED || allClaims.length > MAX_LISTED ? `; the first ${MAX_LISTED} of each are listed` : ""),
  };
}

export interface PassageResult {
  key: string;
  title: string;
  /** `page 4` for a PDF, else `line 12` of the source file. */
  locator: string;
  /** The share of the sentence's content words the passage holds (0–1). */
  coverage: number;
  text: string;
}

function locatorOf(entry: SourceEntry, start: number, line: number): string {
  const page = pageAt(entry, start);
  return page !== undefined ? `page ${pageLabel(entry, page)}` : `line ${line + 1}`;
}

/** `find_supporting_passages`: the passages of the library (or of the given keys) that best hold a sentence. */
export async function findSupportingPassagesTool(service: BriefService, args: Record<string, unknown>): Promise<PassageResult[]> {
  const sentence = str(args.sentence, "sentence", MAX_SENTENCE_CHARS, true)!;
  const keysArg = args.keys;
  if (keysArg !== undefined && (!Array.isArray(keysArg) || keysArg.length > 50 || keysArg.some((k) => typeof k !== "string" || k.length > 200))) throw new AgentToolError(`"keys" must be a list of at most 50 source keys`);
  const limit = int(args.limit, "limit", 1, 20) ?? 5;
  await service.readLibrary();
  const lib = service.library;
  let paths: string[] | undefined;
  if (keysArg) {
    paths = [];
    for (const k of keysArg as string[]) {
      const p = lib.pathOf(k.replace(/^@/, ""));
      if (!p) throw new AgentToolError(`no source in the library has the key "${k}" (list_sources lists them)`);
      paths.push(p);
    }
  }
  const hits = lib.search(sentence, { limit, paths });
  const out: PassageResult[] = [];
  for (const h of hits) {
    const entry = lib.getByPath(h.docId);
    const passage = entry?.passages[h.passage];
    if (!entry || !passage) continue;
    out.push({ key: entry.key, title: entry.title, locator: locatorOf(entry, passage.start, passage.startLine), coverage: Math.round(h.coverage * 100) / 100, text: passage.text });
  }
  return out.sort((a, b) => b.coverage - a.coverage).slice(0, limit);
}

export interface SourceListing {
  key: string;
  title: string;
  publisher?: string;
  published?: string;
  language: string;
  kind: string;
}

/** `list_sources`: the library's sources, or those whose key, title or publisher holds `query`. */
export async function listSourcesTool(service: BriefService, args: Record<string, unknown>): Promise<SourceListing[]> {
  const query = str(args.query, "query", 500, false)?.toLowerCase();
  await service.readLibrary();
  const out: SourceListing[] = [];
  for (const key of service.library.keys()) {
    const e = service.library.get(key);
    if (!e) continue;
    if (query && ![e.key, e.title, e.publisher ?? "", e.author ?? ""].some((x) => x.toLowerCase().includes(query))) continue;
    out.push({ key: e.key, title: e.title, publisher: e.publisher ?? e.container, published: e.published, language: languageName(sourceLanguage(e)), kind: e.kind });
    if (out.length >= 500) break;
  }
  return out;
}

export interface SourceText {
  key: string;
  title: string;
  /** What this answer holds: `page 3 of 12`, `passage 4 of 9`, `characters 1–12000 of 30500`. */
  part: string;
  text: string;
  /** How to read on (`page`/`passage`/`offset` to send next), when there is more. */
  next?: { page?: number; passage?: number; offset?: number };
}

/** `read_source`: a source's text as the checks read it (a web page's or PDF's extracted text), a page or passage at a time. */
export async function readSourceTool(service: BriefService, args: Record<string, unknown>): Promise<SourceText> {
  const key = str(args.key, "key", 200, true)!.replace(/^@/, "");
  const page = int(args.page, "page", 1, 100_000);
  const passage = int(args.passage, "passage", 1, 1_000_000);
  const offset = int(args.offset, "offset", 0, 1_000_000_000) ?? 0;
  await service.readLibrary();
  const e = service.library.get(key);
  if (!e) throw new AgentToolError(`no source in the library has the key "${key}" (list_sources lists them)`);
  const body = e.text.slice(e.bodyOffset);
  if (page !== undefined) {
    const starts = e.pageStarts;
    if (!starts?.length) throw new AgentToolError(`@${key} has no pages (it is not a PDF); read it by passage or from the start`);
    if (page > starts.length) throw new AgentToolError(`@${key} has ${starts.length} pages`);
    const text = e.text.slice(starts[page - 1], page < starts.length ? starts[page] : e.text.length);
    return { key, title: e.title, part: `page ${pageLabel(e, page)} (${page} of ${starts.length})`, text: text.slice(0, READ_CHUNK_CHARS), next: page < starts.length ? { page: page + 1 } : undefined };
  }
  if (passage !== undefined) {
    const all = e.passages;
    if (passage > all.length) throw new AgentToolError(`@${key} has ${all.length} passages`);
    const p = all[passage - 1];
    return { key, title: e.title, part: `passage ${passage} of ${all.length} (${locatorOf(e, p.start, p.startLine)})`, text: p.text.slice(0, READ_CHUNK_CHARS), next: passage < all.length ? { passage: passage + 1 } : undefined };
  }
  if (offset > 0 && offset >= body.length) throw new AgentToolError(`@${key} has ${body.length} characters; "offset" must be below that`);
  const end = Math.min(body.length, offset + READ_CHUNK_CHARS);
  return {
    key,
    title: e.title,
    part: `characters ${Math.min(offset + 1, body.length)}–${end} of ${body.length}`,
    text: body.slice(offset, end),
    next: end < body.length ? { offset: end } : undefined,
  };
}

/** What each tool is for and what its answer means: written for a model. */
export const AGENT_TOOL_DESCRIPTIONS = {
  checkBrief:
    "Check an analyst's brief (a Markdown report citing sources as [@key]) against its cited sources, as brief-author's checker does. Give `path` (relative to the workspace) of a brief on disk, or `text` (a draft) with the `path` it will have. Answers the problems (each with rule, severity, 1-based line and column, message; e.g. quote-mismatch: a quote is not in the source; number-mismatch: a figure is not; unknown-source: a cited key is in no source) and every claim's verdict: confirmed (the cited passage holds it), contradicted (a check found a mismatch; see its rules), or unverified (a person should look). Use it before showing a draft: fix what is contradicted, cite or remove what is unverified.",
  findSupportingPassages:
    "Find the passages in the workspace's source library that best support a sentence, to choose what to cite or to see whether a claim is backed at all. Give the `sentence`; optionally `keys` to search only those sources. Answers up to `limit` passages (default 5), best first: the source's key (cite it as [@key]), its title, where the passage is (page or line), `coverage` (the share of the sentence's content words the passage holds, 0–1: under 0.3 it likely does not support the sentence) and the passage's text.",
  listSources:
    "List the sources in the workspace's library that a brief may cite as [@key]: key, title, publisher, publication date, language and kind (markdown, text, web page, pdf). Give `query` to keep those whose key, title, publisher or author holds it.",
  readSource:
    "Read a source's text as brief-author's checks read it (a web page's or PDF's extracted text), to quote it exactly. Give its `key`; then `page` (PDFs), `passage` (1-based), or `offset` to read on. Long texts come a part at a time; `next` says what to send for the next part.",
} as const;
