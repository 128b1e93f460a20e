/**
 * The in-process half of `npm run bench`, run by scripts/bench.ts in a child process of its own so
 * that its memory figures hold only the engine (no corpus generator, no tsx loader: bench.ts runs
 * an esbuild bundle of this file with `node --expose-gc`).
 *
 *   node --expose-gc inproc.js <corpus root> <big brief file> <results.json>
 *
 * Uses the engine as the editor does: sources listed at activation, the first check reads what it
 * cites, then the whole library is read and indexed in the background (`readSources: "background"`). Each
 * measure is tried on its own; its figures or its error go to results.json, rewritten after each.
 */
import * as fs from "node:fs";
import { BriefService } from "../../src/core/service";
import { editorFileSystem, nodeFileSystem } from "../../src/node/fileSystem";
import { citationHover } from "../../src/core/features/hover";
import { rankSources } from "../../src/core/features/completion";
import { markdownlintErrors } from "../../src/core/parse/markdown";
import { JsonFileStore } from "../../src/node/extractionCache";
import { installNodeHooks, installTextPacker } from "../../src/node/engineHooks";
import * as os from "node:os";
import { lcg, median, msSince, percentile } from "./stats";

const [root, bigBriefFile, outFile] = process.argv.slice(2);
const out: Record<string, unknown> = {};
const save = () => fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
const log = (s: string) => process.stderr.write(`bench:   ${s}\n`);
const errorText = (e: unknown) => String((e as Error)?.stack ?? e).split("\n").slice(0, 3).join(" | ");

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    out[`${name}Error`] = errorText(e);
    log(`${name} failed: ${errorText(e)}`);
  }
  save();
}

async function main() {
  // The engine as the extension sets it up on activation (lexicon, language pack, UTF-8 check, texts packed).
  installNodeHooks();
  installTextPacker();
  const b0 = `${root}/briefs/b0.brief.md`;
  const b0Text = fs.readFileSync(b0, "utf8");
  const bigBrief = fs.readFileSync(bigBriefFile, "utf8");
  const bigPath = `${root}/briefs/big.brief.md`; // never written: checked from its text, as an open editor does

  // Activation as the editor does it: a service, initialize (config, walk, every source listed by
  // its key), then the first brief's diagnostics, then the rest of the library in the background.
  log("library: initialize, the first check, then the whole library");
  const t0 = process.hrtime.bigint();
  // The editor's file system on a file: folder (src/extension/workspaceFs.ts delegates to it), and
  // an index store as the editor has one (src/extension/services.ts): it keeps what it saves.
  const indexStore = new JsonFileStore(`${fs.mkdtempSync(`${os.tmpdir()}/brief-bench-index-`)}/index.json`);
  const service = new BriefService({ fs: editorFileSystem, root, readSources: "background", indexStore });
  await service.initialize();
  out.initializeMs = msSince(t0);
  out.librarySize = service.library.size;
  await step("firstCheck", async () => {
    await service.check(b0, b0Text);
    out.firstCheckMs = msSince(t0);
  });
  await step("fullIndex", async () => {
    const t = process.hrtime.bigint();
    await service.readLibrary();
    out.fullIndexMs = msSince(t);
    out.indexedSize = service.library.size - service.library.unread;
  });
  global.gc?.();
  global.gc?.();
  const mem = process.memoryUsage();
  out.gcAvailable = typeof global.gc === "function";
  out.heapUsedMb = mem.heapUsed / 1048576;
  out.rssMb = mem.rss / 1048576;
  out.externalMb = (mem.external + mem.arrayBuffers) / 1048576;
  // The editor's steady state: once the extension host idles, V8's memory reducer (some seconds
  // after the work stops) gives back the young generation and the pages the work left empty.
  // Waited for here, up to 40 s: until the committed heap has shrunk by 8 MB, then collected again.
  const idleStart = Date.now();
  while (Date.now() - idleStart < 40_000 && process.memoryUsage().heapTotal > mem.heapTotal - 8 * 1048576) await new Promise((resolve) => setTimeout(resolve, 500));
  global.gc?.();
  out.rssIdleMb = process.memoryUsage().rss / 1048576;
  out.idleWaitMs = Date.now() - idleStart;
  save();
  log(`library of ${service.library.size} sources ready in ${(out.initializeMs as number).toFixed(0)} ms; rss ${(out.rssMb as number).toFixed(0)} MB`);

  await step("updateFile", async () => {
    const samples: number[] = [];
    const originals = new Map<string, string>();
    try {
      const markdown = [...service.library.entries()].filter((e) => e.kind === "markdown").sort((a, b) => (a.path < b.path ? -1 : 1));
      for (let i = 0; i < 20; i++) {
        const { key, path: file } = markdown[(i * 487) % markdown.length];
        const text = fs.readFileSync(file, "utf8");
        if (!originals.has(file)) originals.set(file, text);
        // The body's first sentence (after the "# " heading) replaced by a new one.
        const marker = `\n\n# `;
        const bodyStart = text.indexOf("\n\n", text.indexOf(marker) + marker.length) + 2;
        const firstStop = text.indexOf(".", bodyStart);
        if (bodyStart < 2 || firstStop < 0) throw new Error(`unexpected shape of ${file}`);
        const sentence = `Sentence number ${i} rewritten by the bench run`;
        fs.writeFileSync(file, text.slice(0, bodyStart) + sentence + text.slice(firstStop));
        const t = process.hrtime.bigint();
        await service.library.updateFile(file);
        samples.push(msSince(t));
        const entry = service.library.get(key);
        if (!entry || !entry.passages.some((p) => p.text.includes(sentence))) throw new Error(`updateFile(${file}) did not take the changed sentence`);
      }
    } finally {
      for (const [file, text] of originals) {
        fs.writeFileSync(file, text);
        await service.library.updateFile(file);
      }
    }
    out.updateFileMedianMs = median(samples);
    out.updateFileSamples = samples.length;
  });

  await step("onType", async () => {
    out.bigBriefWords = bigBrief.split(/\s+/).filter(Boolean).length;
    // Words of the Description's sentences (citation keys are blanked out of claimText).
    const parsed = await service.parseForLookup(bigPath, bigBrief);
    const words: Array<{ start: number; end: number }> = [];
    for (const s of parsed.sentences) {
      if (s.section !== "description") continue;
      for (const m of s.claimText.matchAll(/\p{L}{2,}/gu)) words.push({ start: s.start + m.index!, end: s.start + m.index! + m[0].length });
    }
    if (words.length < 100) throw new Error(`only ${words.length} words found in the Description of the big brief`);
    await service.check(bigPath, bigBrief);
    // As the editor checks: markdownlint on its own thread (timed apart), brief-author's rules on
    // the extension host's thread (the on-type figure), merged into one result.
    const md = await service.markdownlintConfigFor(bigPath);
    const mdSamples: number[] = [];
    const rand = lcg(7);
    let text = bigBrief;
    const samples: number[] = [];
    for (let i = 0; i < 50; i++) {
      // One word replaced by another word of the brief: each check differs from the last by one word.
      const k = Math.floor(rand() * words.length);
      const w = words[k];
      let replacement = text.slice(w.start, w.end);
      for (let tries = 0; tries < 20 && replacement === text.slice(w.start, w.end); tries++) {
        const o = words[Math.floor(rand() * words.length)];
        replacement = text.slice(o.start, o.end);
      }
      const delta = replacement.length - (w.end - w.start);
      text = text.slice(0, w.start) + replacement + text.slice(w.end);
      w.end += delta;
      for (let j = 0; j < words.length; j++) {
        if (j !== k && words[j].start > w.start) {
          words[j].start += delta;
          words[j].end += delta;
        }
      }
      const m = process.hrtime.bigint();
      const errors = md.config === false ? undefined : markdownlintErrors(text, md.config);
      mdSamples.push(msSince(m));
      const t = process.hrtime.bigint();
      await service.check(bigPath, text, errors);
      samples.push(msSince(t));
    }
    out.onTypeMarkdownlintP50Ms = percentile(mdSamples, 0.5);
    out.onTypeMarkdownlintP95Ms = percentile(mdSamples, 0.95);
    out.onTypeP50Ms = percentile(samples, 0.5);
    out.onTypeP95Ms = percentile(samples, 0.95);
    out.onTypeMaxMs = Math.max(...samples);
    out.onTypeSamples = samples.length;
  });

  await step("hover", async () => {
    const brief = await service.parseForLookup(bigPath, bigBrief);
    const ctx = service.context(bigPath, brief);
    const offsets = brief.citations.flatMap((c) => c.items.map((it) => it.keyStart));
    if (!offsets.length) throw new Error("no citations in the big brief");
    const samples: number[] = [];
    let shown = 0;
    for (let i = 0; i < 200; i++) {
      const t = process.hrtime.bigint();
      const h = citationHover(ctx, brief, offsets[i % offsets.length], root, () => "");
      samples.push(msSince(t));
      if (h) shown++;
    }
    if (!shown) throw new Error("no hover was produced");
    out.hoverP95Ms = percentile(samples, 0.95);
    out.hoverP50Ms = percentile(samples, 0.5);
    out.hoverSamples = samples.length;
    out.hoverDistinctOffsets = offsets.length;
  });

  await step("completion", async () => {
    const brief = await service.parseForLookup(bigPath, bigBrief);
    const ctx = service.context(bigPath, brief);
    const sentences = brief.sentences.map((s) => s.claimText).filter((s) => s.trim().split(/\s+/).length >= 3);
    if (!sentences.length) throw new Error("no sentences in the big brief");
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = process.hrtime.bigint();
      const ranked = rankSources(ctx, sentences[i % sentences.length]);
      // And what the editor's completion reads at once: the previews of the first ten sources
      // ranked by support (src/extension/features/languageFeatures.ts; the others' previews are read
      // when the list focuses them).
      let previewChars = 0;
      for (const s of ranked.slice(0, 10)) if (s.coverage > 0) previewChars += s.preview.length;
      samples.push(msSince(t));
      if (previewChars === 0 && ranked.some((s) => s.coverage > 0)) throw new Error("no preview text for a ranked source");
      if (!ranked.length) throw new Error("rankSources returned nothing");
    }
    out.completionP95Ms = percentile(samples, 0.95);
    out.completionP50Ms = percentile(samples, 0.5);
    out.completionSamples = samples.length;
  });

  // A restart of the editor with nothing changed: the index saved by the last session is
  // restored instead of every source being read and tokenized again.
  await step("restart", async () => {
    const store = new JsonFileStore(`${fs.mkdtempSync(`${os.tmpdir()}/brief-bench-index-`)}/index.json`);
    const first = new BriefService({ fs: editorFileSystem, root, indexStore: store, readSources: "background" });
    await first.initialize();
    await first.readLibrary(); // saves the index
    const t = process.hrtime.bigint();
    const again = new BriefService({ fs: editorFileSystem, root, indexStore: store, readSources: "background" });
    await again.initialize();
    await again.readLibrary();
    out.restartMs = msSince(t);
    out.restartSize = again.library.size;
  });
}

main().then(
  () => {
    out.done = true;
    save();
  },
  (e) => {
    out.fatal = errorText(e);
    save();
    log(`failed: ${out.fatal}`);
    process.exitCode = 1;
  },
);
