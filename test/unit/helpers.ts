import * as fs from "node:fs";
import * as path from "node:path";
import { BriefService } from "../../src/core/service";
import { MemoryFileSystem } from "../../src/core/fs";
import type { BriefConfig } from "../../src/core/config";
import { main } from "../../src/cli/main";
import { LineIndex } from "../../src/core/text";
import type { TextEdit } from "../../src/core/types";

/** Joins lines with "\n", for readable inline documents. */
export function joinLines(...lines: string[]): string {
  return lines.join("\n");
}

export const FIXTURES = path.join(__dirname, "..", "fixtures");

/** Reads every file under a real folder into `prefix` of an in-memory file system. */
export function loadFolder(mem: MemoryFileSystem, dir: string, prefix: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) loadFolder(mem, p, `${prefix}/${entry.name}`);
    else mem.write(`${prefix}/${entry.name}`, fs.readFileSync(p));
  }
}

/** A workspace at /ws with the fixture library in /ws/sources plus any extra files. */
export async function fixtureService(files: Record<string, string | Uint8Array> = {}, settings: Partial<BriefConfig> = {}): Promise<{ service: BriefService; fs: MemoryFileSystem }> {
  const mem = new MemoryFileSystem();
  loadFolder(mem, path.join(FIXTURES, "library"), "/ws/sources");
  for (const [p, c] of Object.entries(files)) mem.write(p, c);
  const service = new BriefService({ fs: mem, root: "/ws", settings });
  await service.initialize();
  return { service, fs: mem };
}

/** Checks a brief text at /ws/<name> and returns its problems as `rule line:col` strings (1-based). */
export async function problemsOf(text: string, options: { rule?: string; settings?: Partial<BriefConfig>; files?: Record<string, string>; name?: string } = {}): Promise<string[]> {
  const { service } = await fixtureService(options.files, options.settings);
  const result = await service.check(`/ws/${options.name ?? "test.brief.md"}`, text);
  return result.problems.filter((p) => !options.rule || p.rule === options.rule).map((p) => `${p.rule} ${p.range.start.line + 1}:${p.range.start.character + 1}`);
}

/** Runs the CLI in-process in `cwd`, capturing its exit status and output. */
export async function runCli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { cwd, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

/** A text with edits (0-based ranges into it) applied, as an editor applies a quick fix. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}
