import { pushAll } from "../core/arrays";
import { parseArgs } from "node:util";
import { lazyExtractors } from "../node/extract/load";
import { CaptureError } from "../node/capture";
import { captureSource, parseCaptureTarget, type CaptureResult, type CaptureTarget } from "../node/addSource";
import { mkdir, writeFile } from "node:fs/promises";
import { FolderExtractionCache, cliCacheFolder } from "../node/extractionCache";
import { MarkdownlintPool } from "../node/markdownlintPool";
import { existsSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import { findConfigFolder } from "./workspaceRoot";
import { BriefService } from "../core/service";
import { isInside } from "../core/fs";
import { nodeFileSystem, syncNodeFileSystem } from "../node/fileSystem";
import { formatGithubChunks, formatJsonChunks, formatSarif, formatSarifChunks, formatTextChunks, toReported, toReportedClaim, type ReportedClaim, type ReportedProblem } from "./formatters";
import { RULES } from "../core/rules";
import { isValidKey } from "../core/parse/citations";
import { CheckCache, cacheFilePath, type CachedClaim, type CachedProblem, type RootCache } from "../node/checkCache";
import { countSeverities, describeCounts, plural } from "../core/summary";
import { installNodeHooks } from "../node/engineHooks";
import { judgeClaims, type ClaimJudge } from "../core/verify/model";
import { FileAnswerStore, cachedJudge, chatUrl, endpointJudge } from "../node/modelJudge";
import { GitError, changedSince } from "../node/git";
import { DeliverableUsageError, bibliographyCommand, exportCommand, reportCommand } from "./deliverables";
import { ExportError } from "../node/pandoc";
import { OutputFileError, checkOutputTarget, writeOutputFile } from "../node/outputFile";

// The engine's Node parts: WordNet's lexicon and the language pack (on first use), Node's UTF-8 check.
installNodeHooks();

declare const BRIEF_AUTHOR_VERSION: string | undefined;
/** Fewer named briefs than this are linted on the main thread (no markdownlint thread is started). */
const MIN_BRIEFS_FOR_THREADS = 8;

const VERSION = typeof BRIEF_AUTHOR_VERSION === "string" ? BRIEF_AUTHOR_VERSION : "0.0.0-dev";

export const USAGE = `Usage: brief-author check [PATH...] [options]
       brief-author add-source <URL|FILE> [--key KEY] [--sources DIR] [--config FILE]
       brief-author export BRIEF [--to docx|html|pdf|odt] [-o FILE] [--allow-errors] [--force]
       brief-author report BRIEF [-o FILE] [--force]
       brief-author bibliography [PATH...] [-o FILE] [--force]
       brief-author mcp [--root DIR]

check       checks briefs (Markdown analyst reports) against their cited sources.
            PATH is a brief or a folder to search for briefs (default: .).
export      checks a brief, then renders it with Pandoc (on PATH, or --pandoc PATH; 2.11 or later)
            to Word, ODT, HTML or PDF, its citations and reference list generated from the
            library (--citeproc, a CSL-JSON of the cited sources; the config's export.csl and
            export.referenceDoc). FILE defaults to the brief's name with the format's extension,
            beside it. A brief with errors is exported only with --allow-errors.
report      checks a brief and writes its evidence report: one self-contained HTML page with
            each claim's verdict, cited passage, rules and source (to standard output without -o).
bibliography
            writes CSL-JSON for every key the briefs under PATH cite, or for the whole library
            and the config's bibliographies when no PATH is given (to standard output without -o).
mcp         serves the checks to an AI assistant over the Model Context Protocol (stdio): tools
            check_brief, find_supporting_passages, list_sources and read_source, reading only
            inside DIR (default: the current folder) and writing nothing.
add-source  fetches a web page (http or https) or reads a saved .html or .pdf file, extracts its
            text and writes it as <sources folder>/<key>.md with title, url, publisher, author,
            published, retrieved and sha256 in its front matter. The key is proposed from the
            title (--key sets it). An existing file is never overwritten.

Options:
  --format text|json|sarif|github
                            output format (default: text); github: one workflow command per
                            problem, which GitHub Actions shows as an annotation on the file
  --changed-since REF       check only the briefs changed since the git revision REF (committed,
                            staged, unstaged or new), and the briefs that cite a source changed
                            since; the config or a bibliography changed: every brief
  --sarif FILE              also write the report as SARIF to FILE (never over an existing file
                            unless --force is given)
  --force                   let --sarif, export, report or bibliography replace an existing file
  -o, --output FILE         where export, report and bibliography write (never over a file
                            without --force, never through a symbolic link)
  --to FORMAT               export's format: docx (default, or the extension of -o), html, pdf, odt
  --allow-errors            export a brief that has errors
  --pandoc PATH             the Pandoc program to run (default: pandoc on PATH)
  --config FILE             config file (default: .briefrc.json in the current folder or above)
  --sources DIR             a source folder; repeat for several (overrides the config file)
  --cache                   check only briefs that changed since the last --cache run (or whose
                            sources, config or library changed); the others' problems are taken
                            from the cache file
  --cache-location PATH     the cache file, or a folder to keep .brief-author-cache in (default:
                            .brief-author-cache in the current folder); used with --cache
  --model-endpoint URL      an OpenAI-compatible endpoint (http://localhost:11434/v1) to ask about
                            each claim no check could confirm; its claim and best cited passage
                            are sent there (off unless given; not with --cache)
  --model NAME              the model to ask (bespoke-minicheck); with --model-endpoint
  --model-timeout MS        per request (default 20000)
  --fail-on error|warning|information
                            the lowest severity that makes the exit status 1 (default: error)
  --max-warnings N          exit status 1 also when there are more than N warnings (as ESLint's)
  --help                    show this help
  --version                 show the version

Exit status: 0 no errors, 1 errors found (or what --fail-on and --max-warnings say), 2 usage or
configuration error.
Rules: ${RULES.map((r) => r.name).join(", ")}, and markdownlint's MD001...MD060.`;

export interface CliIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

class UsageError extends Error {}

/** Runs the checker; returns the exit status. Never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof OutputFileError) {
      io.stderr(`brief-author: ${e.message}\n`);
      return 2;
    }
    io.stderr(`brief-author: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        config: { type: "string" },
        sources: { type: "string", multiple: true },
        key: { type: "string" },
        cache: { type: "boolean" },
        "cache-location": { type: "string" },
        "max-warnings": { type: "string" },
        "fail-on": { type: "string" },
        "model-endpoint": { type: "string" },
        model: { type: "string" },
        "model-timeout": { type: "string" },
        "changed-since": { type: "string" },
        sarif: { type: "string" },
        force: { type: "boolean" },
        root: { type: "string" },
        output: { type: "string", short: "o" },
        to: { type: "string" },
        "allow-errors": { type: "boolean" },
        pandoc: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split("\n")[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE + "\n");
    return 0;
  }
  if (values.version) {
    io.stdout(VERSION + "\n");
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === "add-source") return addSource(paths, values, io);
  if (command === "mcp") return serveMcp(paths, values, io);
  if (command === "export" || command === "report" || command === "bibliography") {
    try {
      if (command === "export") return await exportCommand(paths, values, io);
      if (command === "report") return await reportCommand(paths, values, io, VERSION);
      return await bibliographyCommand(paths, values, io);
    } catch (e) {
      if (e instanceof DeliverableUsageError || e instanceof ExportError || e instanceof OutputFileError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (command !== "check") throw new UsageError(command ? `unknown command "${command}"; the commands are "check", "export", "report", "bibliography", "add-source" and "mcp" (see --help)` : `missing command; try "brief-author check ." (see --help)`);
  const format = values.format as string;
  if (!["text", "json", "sarif", "github"].includes(format)) throw new UsageError(`unknown format "${format}"; use text, json, sarif or github`);
  if (values.sarif !== undefined && values.sarif === "") throw new UsageError("--sarif needs a file name");
  const sarifFile = values.sarif ? path.resolve(io.cwd, values.sarif as string) : undefined;
  // Never through a symbolic link (a pull request could commit one pointing anywhere), never over a file unless asked.
  if (sarifFile) checkOutputTarget(sarifFile, values.sarif as string, values.force as boolean | undefined);
  const since = values["changed-since"] as string | undefined;
  const failOn = (values["fail-on"] as string | undefined) ?? "error";
  if (!(failOn in FAIL_ON)) throw new UsageError(`unknown --fail-on "${failOn}"; use error, warning or information`);
  const maxWarningsText = values["max-warnings"] as string | undefined;
  const maxWarnings = maxWarningsText === undefined ? undefined : /^\d+$/.test(maxWarningsText) ? Number(maxWarningsText) : NaN;
  if (Number.isNaN(maxWarnings)) throw new UsageError(`--max-warnings takes a number of warnings (0 or more), not "${maxWarningsText}"`);

  const judge = modelJudgeFrom(values, io);

  const cwd = io.cwd;
  let configFile: string | undefined;
  if (values.config) {
    configFile = path.resolve(cwd, values.config);
    if (!existsSync(configFile)) throw new UsageError(`config file not found: ${values.config}`);
    if (!statSync(configFile).isFile()) throw new UsageError(`config file ${values.config} is not a regular file; it is not read`);
  }
  const targets = paths.length ? paths : ["."];
  for (const t of targets) {
    const abs = path.resolve(cwd, t);
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${t}`);
    const s = statSync(abs);
    if (!s.isFile() && !s.isDirectory()) throw new UsageError(`${t} is not a regular file or folder (a named pipe, socket or device); it is not read`);
  }
  const sources = values.sources?.map((s) => path.resolve(cwd, s));
  for (const s of values.sources ?? []) {
    const abs = path.resolve(cwd, s);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`source folder not found: ${s}`);
  }

  // Each target is checked in its workspace: the folder of --config, else the nearest folder at or
  // above the target holding .briefrc.json, else the nearest one above the current folder, else it.
  const toPosix = (p: string) => p.split(path.sep).join("/");
  const rootFor = (abs: string): string => {
    if (configFile) return path.dirname(configFile);
    const start = statSync(abs).isDirectory() ? abs : path.dirname(abs);
    return findConfigFolder(start) ?? findConfigFolder(cwd) ?? path.resolve(cwd);
  };
  const byRoot = new Map<string, string[]>();
  for (const t of targets) {
    const abs = path.resolve(cwd, t);
    const root = rootFor(abs);
    byRoot.set(root, [...(byRoot.get(root) ?? []), abs]);
  }

  // Extracted web pages and PDFs are remembered by content hash (the only thing the CLI writes,
  // in its own cache folder, never in the workspace).
  const extractionCache = new FolderExtractionCache(path.join(cliCacheFolder(), "extracted"));
  const problems: ReportedProblem[] = [];
  const claims: ReportedClaim[] = [];
  const rel = (abs: string) => {
    const r = path.relative(cwd, abs);
    return r === "" ? "." : r.split(path.sep).join("/");
  };
  let configError = false;
  const files = new Set<string>();
  // Started on first use: a --cache run whose briefs all come from the cache starts no threads,
  // nor does a check of a few named briefs (a thread costs more to start than it saves there).
  const fewBriefs = [...byRoot.values()].flat().length < MIN_BRIEFS_FOR_THREADS && [...byRoot.values()].flat().every((t) => !statSync(t).isDirectory());
  let pool: MarkdownlintPool | undefined;
  let poolStarted = fewBriefs;
  const lintPool = () => {
    if (!poolStarted) {
      poolStarted = true;
      pool = MarkdownlintPool.create();
    }
    return pool;
  };
  let librarySize = 0;
  const mdProblems = new Set<string>();
  /** Bibliography problems reported already (file, line, message): each once per run. */
  const bibProblems = new Set<string>();
  // --cache: briefs whose text, cited files and config are unchanged print their stored problems.
  const changedStats = { total: 0, kept: 0 };
  // --changed-since: git is asked first, so a bad revision or a missing git stops the run before any work starts.
  const changedSets = new Map<string, Set<string>>();
  if (since !== undefined) {
    for (const [root, absTargets] of byRoot) {
      try {
        const first = absTargets[0];
        const folder = statSync(first).isDirectory() ? first : path.dirname(first);
        changedSets.set(root, await changedSince(toPosix(folder), since));
      } catch (e) {
        throw new UsageError(`--changed-since ${since}: ${e instanceof GitError ? e.message : (e as Error).message}`);
      }
    }
  }
  const cache = values.cache ? await CheckCache.open(cacheFilePath(cwd, values["cache-location"]), VERSION, (m) => io.stderr(`brief-author: warning: ${m}\n`)) : undefined;
  // The pool's threads are closed however the run ends: a thrown usage error must not leave the process alive.
  try {
    for (const [root, absTargets] of byRoot) {
      const service = new BriefService({
        fs: syncNodeFileSystem,
        root: toPosix(root),
        configFile: configFile ? toPosix(configFile) : undefined,
        overrides: sources ? { sources: sources.map(toPosix) } : {},
        batch: true,
        readSources: "onDemand",
        extractors: lazyExtractors,
        extractionCache,
      });
      const rootCache: RootCache | undefined = cache ? await cache.openRoot(service, { sources: sources?.map(toPosix), configFile: configFile ? toPosix(configFile) : undefined }) : undefined;
      let libraryProblems: ReturnType<typeof service.libraryProblems> | undefined;
      let configRead = false;
      const loadLibrary = async () => {
        lintPool(); // its threads start while the library loads
        if (!configRead) await service.reloadConfig();
        configRead = true;
        // The library's own problems (duplicate keys, unreadable files) are reported when a checked
        // folder holds sources: only then is every source read, in one pass (and always for --cache,
        // which stores them for later runs). Otherwise a check reads the sources its briefs cite.
        const folders = service.config.sources;
        const all = rootCache !== undefined || absTargets.some((t) => folders.some((f) => isInside(toPosix(t), f) || isInside(f, toPosix(t))));
        service.sources.setReadSources(all ? "all" : "onDemand");
        await service.reloadLibrary();
        libraryProblems = service.libraryProblems();
        rootCache?.libraryLoaded(libraryProblems.map((p) => toReported(p.uri, p)));
      };
      // With the cache, unchanged config and source folders, the library is read only if a brief must be checked.
      if (rootCache?.libraryUnchanged) await rootCache.skipLibrary();
      else if (rootCache) await loadLibrary();
      else {
        // Without the cache the briefs are found, read and handed to markdownlint's thread first, and
        // the library is listed while that thread lints (finding briefs needs only the config).
        lintPool();
        await service.reloadConfig();
        configRead = true;
      }
      const mine = new Set<string>();
      // Files the user named are read as named; files found in a folder pass the workspace gate
      // (a brief that links outside the workspace is reported, never read).
      const named = new Set<string>();
      for (const abs of absTargets) {
        if (statSync(abs).isDirectory()) for (const f of await service.findBriefs(undefined, toPosix(abs))) mine.add(f);
        else {
          mine.add(toPosix(abs));
          named.add(toPosix(abs));
        }
      }
      if (since !== undefined) {
        const kept = await changedBriefs(service, [...mine], changedSets.get(root)!, loadLibrary, () => libraryProblems !== undefined);
        changedStats.total += mine.size;
        changedStats.kept += kept.size;
        for (const f of [...mine]) if (!kept.has(f)) mine.delete(f);
      }
      const briefs: Array<{ file: string; text?: string; error?: string; cached?: { problems: readonly CachedProblem[]; claims: readonly CachedClaim[] }; linted?: ReturnType<MarkdownlintPool["lint"]> }> = [];
      for (const file of [...mine].sort()) {
        if (files.has(file)) continue;
        files.add(file);
        briefs.push({ file });
      }
      await eachConcurrently(briefs, async (b) => {
        try {
          const bytes = named.has(b.file) ? await nodeFileSystem.readFile(b.file) : await service.readWorkspaceFile(b.file);
          b.text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch (e) {
          b.error = (e as Error).message.split("\n")[0];
        }
      });
      if (rootCache) {
        const lookUp = () =>
          eachConcurrently(briefs, async (b) => {
            if (b.text !== undefined) b.cached = await rootCache.lookup(b.file, b.text);
          });
        await lookUp();
        if (!libraryProblems && briefs.some((b) => b.text !== undefined && !b.cached)) {
          await loadLibrary();
          await lookUp();
        }
      }
      // Hand markdownlint its work first: the pool's threads lint while this thread runs
      // brief-author's rules on the briefs already linted.
      for (const b of briefs) {
        if (b.text === undefined || b.cached) continue;
        const p = lintPool();
        const md = p ? await service.markdownlintConfigFor(b.file) : undefined;
        b.linted = p && md && md.config !== false ? p.lint(b.text, md.config, service.config.limits) : undefined;
      }
      pool?.flush();
      if (!rootCache && !libraryProblems) await loadLibrary();
      librarySize += libraryProblems ? service.library.size : rootCache!.librarySize;
      for (const p of service.configProblems) {
        problems.push(toReported(rel(p.uri ?? service.configFile), p));
        if (p.severity === "error") {
          configError = true;
          io.stderr(`brief-author: ${oneLine(rel(p.uri ?? service.configFile))}:${p.range.start.line + 1}: ${oneLine(p.message)}\n`);
        }
      }
      // The library's own problems (a duplicate key in an archive folder) belong to a check of the
      // library: reported when a checked folder holds the file, not when single briefs are checked.
      const targets = absTargets.map((t) => toPosix(t).replace(/\/+$/, ""));
      const checked = (file: string) => targets.some((t) => file === t || file.startsWith(`${t}/`));
      if (libraryProblems) for (const p of libraryProblems) checked(p.uri) && problems.push(toReported(rel(p.uri), p));
      else for (const p of rootCache!.libraryProblems) checked(p.file) && problems.push(reported(rel(p.file), p));
      for (const p of problems) bibProblems.add(`${p.file}\u0000${p.line - 1}\u0000${p.message}`);
      for (const { file, text, error, cached, linted } of briefs) {
        if (text === undefined) {
          problems.push({ file: rel(file), line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", rule: "unreadable-brief", message: `brief cannot be read (${error})` });
          continue;
        }
        // The problems of the bibliographies this brief uses, once each, whether or not its result is cached.
        for (const p of await service.bibliographyProblemsFor(file, text)) {
          const key = `${rel(p.uri)}\u0000${p.range.start.line}\u0000${p.message}`;
          if (bibProblems.has(key)) continue;
          bibProblems.add(key);
          problems.push(toReported(rel(p.uri), p));
        }
        const md = await service.markdownlintConfigFor(file);
        for (const p of md.problems) {
          const key = p.uri ?? "";
          if (mdProblems.has(key)) continue;
          mdProblems.add(key);
          configError = true;
          problems.push(toReported(rel(key), p));
          io.stderr(`brief-author: ${oneLine(p.message)}\n`);
        }
        if (cached) {
          const shown = rel(file);
          for (const p of cached.problems) problems.push(reported(shown, p));
          for (const c of cached.claims) claims.push({ file: shown, ...c });
          rootCache!.hit();
          continue;
        }
        // A brief no thread has started yet is linted here (this thread would otherwise wait).
        const errors = linted && !linted.take() ? await linted.errors : undefined;
        const result = await service.check(file, text, errors);
        const own = result.problems.map((p) => toReported(rel(file), p));
        for (const f of result.failures) {
          own.push({ file: rel(file), line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", rule: "internal-error", message: `rule ${f.rule} failed on this brief (${f.message}); its results are left out` });
        }
        let verdicts = result.claims;
        if (judge) {
          // The model's second opinion on the claims no check could confirm (its problems after the rules').
          const run = await judgeClaims(result.brief, result.claims, judge.judge, service.configs.severity("model-disagrees", "warning"));
          verdicts = run.claims;
          for (const p of run.problems) own.push(toReported(rel(file), p));
          own.sort((a, b) => a.line - b.line || a.column - b.column);
        }
        pushAll(problems, own);
        const mine = verdicts.map((c) => toReportedClaim(rel(file), c, result.brief.lines));
        pushAll(claims, mine);
        rootCache?.store(file, text, result, own.map((p) => reported(undefined, p)), mine.map(({ file: _file, ...c }) => c));
      }
      // What the checks extracted from web pages and PDFs is remembered for the next run (the checks only read).
      await service.saveExtractions();
    }
  } finally {
    pool?.close();
  }
  await judge?.store.save().catch((e) => io.stderr(`brief-author: warning: the model's answers were not saved (${(e as Error).message})\n`));

  if (since !== undefined) io.stderr(`brief-author: --changed-since ${since}: ${changedStats.kept} of ${plural(changedStats.total, "brief")} changed or cite a changed source\n`);
  // The report is written as it is made (see jsonChunks): a large one is never held whole.
  if (format === "json") writeChunks(formatJsonChunks(files.size, problems, claims), io.stdout);
  else if (format === "sarif") writeChunks(formatSarifChunks(problems, VERSION, claims), io.stdout);
  else {
    writeChunks(format === "github" ? formatGithubChunks(problems, claims) : formatTextChunks(problems, claims), io.stdout);
    io.stderr(`${plural(files.size, "brief")} checked against ${plural(librarySize, "source")}: ${plural(problems.length, "problem")} (${describeCounts(countSeverities(problems))})\n`);
  }
  if (cache) {
    await cache.save();
    const { fromCache, checked, roots, librariesRead } = cache.stats;
    const skipped = roots - librariesRead;
    const unreadable = files.size - fromCache - checked;
    io.stderr(
      `brief-author: cache: ${files.size} brief${files.size === 1 ? "" : "s"}: ${fromCache} from the cache, ${checked} checked${unreadable ? `, ${unreadable} unreadable` : ""}` +
        (skipped ? `; source librar${roots === 1 ? "y" : "ies"} not read (unchanged)${skipped < roots ? ` for ${skipped} of ${roots} workspaces` : ""}` : "") +
        "\n",
    );
  }
  // The named output, written whole; an existing file only with --force (checked before the run, and again here).
  if (sarifFile) await writeOutputFile(sarifFile, formatSarif(problems, VERSION, claims), !!values.force, values.sarif as string);

  if (configError) return 2;
  const failing = new Set(FAIL_ON[failOn]);
  if (problems.some((p) => failing.has(p.severity))) return 1;
  if (maxWarnings !== undefined && problems.filter((p) => p.severity === "warning").length > maxWarnings) {
    io.stderr(`brief-author: more than ${maxWarnings} warning${maxWarnings === 1 ? "" : "s"} (--max-warnings)\n`);
    return 1;
  }
  return 0;
}

/** The severities that fail a check, by the lowest one named with --fail-on. */
const FAIL_ON: Record<string, readonly string[]> = {
  error: ["error"],
  warning: ["error", "warning"],
  information: ["error", "warning", "information"],
};

/** Runs `fn` on every item, at most 32 at a time (file reads overlap; each item is written in place). */
/** Writes a report's pieces in blocks of about 64 K characters (one write per piece would cost more than the writing). */
function writeChunks(chunks: Iterable<string>, write: (s: string) => void): void {
  let block = "";
  for (const c of chunks) {
    block += c;
    if (block.length >= 65_536) {
      write(block);
      block = "";
    }
  }
  if (block) write(block);
}

async function eachConcurrently<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(32, items.length) }, worker));
}

/** A problem as printed, its fields always in one order (the JSON output must not depend on where it came from). */
function reported(file: string, p: CachedProblem): ReportedProblem;
function reported(file: undefined, p: CachedProblem): CachedProblem;
function reported(file: string | undefined, p: CachedProblem): ReportedProblem | CachedProblem {
  const rest = { line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, severity: p.severity, rule: p.rule, message: p.message };
  return file === undefined ? rest : { file, ...rest };
}

/**
 * `--changed-since`: of a workspace's briefs, those changed since `ref` and those citing a source
 * (or naming a reference file) changed since; every brief when its config, a markdownlint config or
 * a bibliography changed (`changed`: what git says changed since the revision).
 */
async function changedBriefs(service: BriefService, briefs: string[], changed: ReadonlySet<string>, loadLibrary: () => Promise<void>, loaded: () => boolean): Promise<Set<string>> {
  // git names real paths; a brief reached through a symbolic link is compared by its real path.
  const real = (p: string) => {
    try {
      return realpathSync(p).split(path.sep).join("/");
    } catch {
      return p;
    }
  };
  const kept = new Set(briefs.filter((b) => changed.has(b) || changed.has(real(b))));
  if (changed.has(real(service.configFile)) || changed.has(service.configFile)) return new Set(briefs);
  const everything = [...changed].some((f) => /(?:^|\/)(?:\.briefrc\.json|\.markdownlint(?:-cli2)?\.(?:jsonc?|ya?ml|cjs|mjs))$/.test(f) || /\.(?:bib|bibtex|json|ya?ml)$/.test(f) && service.config.bibliography.some((b) => f.endsWith(b.replace(/^\.?\//, ""))));
  if (everything) return new Set(briefs);
  const realFolders = service.config.sources.flatMap((folder) => [folder, real(folder)]);
  const changedSources = [...changed].filter((f) => realFolders.some((folder) => isInside(folder, f)));
  const changedOthers = [...changed].filter((f) => !changedSources.includes(f) && !briefs.includes(f));
  if (changedSources.length === 0 && changedOthers.length === 0) return kept;
  if (!loaded()) await loadLibrary();
  const changedPaths = new Set(changedSources);
  const names = changedOthers.map((f) => f.slice(f.lastIndexOf("/") + 1)).filter((n) => n.length > 2);
  const KEY = /@\{?([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu;
  for (const b of briefs) {
    if (kept.has(b)) continue;
    let text: string;
    try {
      text = new TextDecoder().decode(await service.readWorkspaceFile(b));
    } catch {
      continue;
    }
    const cites = (k: string) => {
      const key = k.replace(/[.:]+$/, "");
      const p = service.library.pathOf(key);
      // A key no source has now may be one a changed source had (deleted, renamed, re-keyed): checked too.
      if (p === undefined) return changedSources.length > 0;
      return changedPaths.has(p) || changedPaths.has(real(p));
    };
    let hit = false;
    KEY.lastIndex = 0;
    for (let m = KEY.exec(text); m && !hit; m = KEY.exec(text)) hit = cites(m[1]);
    // A reference line names its file: `[@k]: ../refs/report.md`.
    if (!hit) hit = names.some((n) => text.includes(n));
    if (hit) kept.add(b);
  }
  return kept;
}

/** `mcp`: the MCP server over stdio (a bundle of its own, loaded only for this command). */
async function serveMcp(args: string[], values: { root?: string }, io: CliIO): Promise<number> {
  if (args.length) throw new UsageError(`mcp takes no arguments but --root DIR (see --help)`);
  const root = path.resolve(io.cwd, values.root ?? ".");
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${values.root}: no such folder`);
  const { runMcpServer } = loadMcp();
  await runMcpServer(root.split(path.sep).join("/"), (m) => io.stderr(`brief-author mcp: ${m}\n`));
  return 0;
}

declare const BRIEF_AUTHOR_BUNDLED: boolean | undefined;

function loadMcp(): { runMcpServer(root: string, log: (m: string) => void): Promise<void> } {
  const bundled = typeof BRIEF_AUTHOR_BUNDLED !== "undefined" && BRIEF_AUTHOR_BUNDLED;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundled ? path.join(__dirname, "mcp.js") : path.join(__dirname, "..", "mcp", "server.ts"));
}

/** A message on one line: a line break in a file name or a config key must not start a line of its own (a CI runner reads commands from lines). */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, " ");
}


/** `add-source <URL|FILE>`: capture a page or file as a Markdown source; never overwrites. */
async function addSource(args: string[], values: { key?: string; sources?: string[]; config?: string }, io: CliIO): Promise<number> {
  if (args.length !== 1) throw new UsageError("add-source takes one URL or file (see --help)");
  const cwd = io.cwd;
  // The library it goes into: --sources, else the config's first source folder (as check reads it).
  const configFile = values.config ? path.resolve(cwd, values.config) : undefined;
  const root = configFile ? path.dirname(configFile) : findConfigFolder(cwd) ?? cwd;
  const service = new BriefService({
    fs: nodeFileSystem,
    root: root.split(path.sep).join("/"),
    configFile: configFile?.split(path.sep).join("/"),
    overrides: values.sources?.length ? { sources: values.sources.map((s) => path.resolve(cwd, s).split(path.sep).join("/")) } : undefined,
    extractors: lazyExtractors,
    // The same extraction cache as check's: the library's pages and PDFs are not extracted again.
    extractionCache: new FolderExtractionCache(path.join(cliCacheFolder(), "extracted")),
    batch: true,
  });
  await service.initialize();
  await service.saveExtractions();
  const folder = service.config.sources[0] ?? path.join(root, "sources");
  let target: CaptureTarget;
  let result: CaptureResult;
  try {
    target = parseCaptureTarget(args[0], cwd);
    if ("file" in target) {
      const file = target.file;
      if (!existsSync(file)) throw new UsageError(`no such file: ${args[0]}`);
      if (!statSync(file).isFile()) throw new UsageError(`${args[0]} is not a regular file; it is not read`);
    }
    // A file the person named is theirs to read (a regular file only, checked on the opened descriptor).
    result = await captureSource(target, (p) => nodeFileSystem.readFile(p), lazyExtractors, service.library);
  } catch (e) {
    if (e instanceof CaptureError) {
      io.stderr(`brief-author: cannot capture ${args[0]}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const captured = result.captured;
  const key = values.key ?? captured.key;
  if (!isValidKey(key)) throw new UsageError(`"${key}" is not a citation key (letters, digits and _ with inner : . # $ % & - + ? < > ~ /)`);
  const taken = service.library.pathOf(key);
  if (taken) {
    io.stderr(`brief-author: the key "${key}" is taken by ${service.library.display(taken)}; choose another --key\n`);
    return 2;
  }
  const file = path.join(folder, `${key}.md`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(file, captured.markdown, { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      io.stderr(`brief-author: ${path.relative(cwd, file) || file} exists; it is never overwritten (choose another --key)\n`);
      return 2;
    }
    io.stderr(`brief-author: cannot write ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  io.stdout(`wrote ${path.relative(cwd, file).split(path.sep).join("/")}: "${captured.doc.title ?? key}" (${captured.doc.text.length} characters${captured.doc.pageStarts ? `, ${captured.doc.pageStarts.length} pages` : ""}); cite it as [@${key}]\n`);
  return 0;
}

/** The model named by --model-endpoint and --model, with its answers file; undefined without them. */
function modelJudgeFrom(values: Record<string, unknown>, io: CliIO): { judge: ClaimJudge; store: FileAnswerStore } | undefined {
  const endpoint = values["model-endpoint"] as string | undefined;
  const model = values.model as string | undefined;
  if (endpoint === undefined && model === undefined) return undefined;
  if (!endpoint || !model) throw new UsageError("--model-endpoint and --model go together (an OpenAI-compatible endpoint and the model to ask)");
  if (values.cache) throw new UsageError("--model-endpoint cannot be used with --cache (a stored result does not say which model judged it)");
  const url = chatUrl(endpoint);
  if (typeof url === "string") throw new UsageError(url);
  const timeoutText = values["model-timeout"] as string | undefined;
  const timeoutMs = timeoutText === undefined ? undefined : /^\d+$/.test(timeoutText) && Number(timeoutText) > 0 ? Number(timeoutText) : NaN;
  if (Number.isNaN(timeoutMs)) throw new UsageError(`--model-timeout takes milliseconds (a whole number above 0), not "${timeoutText}"`);
  const store = FileAnswerStore.openSync(path.join(cliCacheFolder(), "model-answers.json"));
  const inner = endpointJudge({ endpoint, model, timeoutMs, onProblem: (m) => io.stderr(`brief-author: warning: ${m}\n`) });
  return { judge: cachedJudge(inner, store), store };
}
