/**
 * `brief-author mcp`: the checks served to an AI assistant over the Model Context Protocol (stdio),
 * with the official SDK. A thin host: one BriefService rooted at the folder it was started in (or
 * `--root`), reading through the same workspace gate as the CLI, writing nothing; the four tools
 * are src/core/features/agentTools.ts, whose inputs are checked again there (the SDK's zod schemas
 * check shapes; the engine's gate checks every path).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { BriefService } from "../core/service";
import { AGENT_TOOL_DESCRIPTIONS, AgentToolError, checkBriefTool, findSupportingPassagesTool, listSourcesTool, readSourceTool } from "../core/features/agentTools";
import { syncNodeFileSystem } from "../node/fileSystem";
import { lazyExtractors } from "../node/extract/load";
import { FolderExtractionCache, cliCacheFolder } from "../node/extractionCache";
import { installNodeHooks, installTextPacker } from "../node/engineHooks";
import * as path from "node:path";
import * as fs from "node:fs";
import type { ExtractionCache } from "../core/sources/library";

/** An extraction cache that is read, never written. */
function readOnlyCache(cache: ExtractionCache): ExtractionCache {
  return { get: (hash) => cache.get(hash), set: async () => undefined };
}

declare const BRIEF_AUTHOR_VERSION: string | undefined;

type Json = Record<string, unknown> | unknown[];

/** A tool's answer: its JSON as text (what every client reads), or an error the model can act on. */
async function answer(work: () => Promise<Json>): Promise<{ content: Array<{ type: "text"; text: string }>; isError?: boolean }> {
  try {
    return { content: [{ type: "text", text: JSON.stringify(await work(), null, 2) }] };
  } catch (e) {
    const message = e instanceof AgentToolError ? e.message : `internal error: ${(e as Error).message.split("\n")[0]}`;
    return { content: [{ type: "text", text: message }], isError: true };
  }
}

/** The server over a workspace root, not yet connected (tests connect it to an in-memory transport). */
export function createMcpServer(root: string, log: (m: string) => void = () => {}): McpServer {
  installNodeHooks();
  installTextPacker(); // the library is kept in memory: texts nobody reads are packed
  const service = new BriefService({
    fs: syncNodeFileSystem,
    root,
    batch: true,
    readSources: "all",
    extractors: lazyExtractors,
    // Read what the CLI extracted before, never write: the server writes nothing.
    extractionCache: readOnlyCache(new FolderExtractionCache(path.join(cliCacheFolder(), "extracted"))),
  });
  let ready: Promise<void> | undefined;
  // A file changed under the root (an assistant edits a source, the analyst saves a brief): the next call reads again.
  let dirty = false;
  try {
    const watcher = fs.watch(root, { recursive: true, persistent: false }, () => {
      dirty = true;
    });
    watcher.on("error", () => {
      dirty = true;
    });
  } catch {
    dirty = true; // no watching here: every call reads again
  }
  const watching = !dirty;
  const engine = async () => {
    ready ??= service.initialize().then(() => log(`${service.library.size} sources in ${root}`));
    await ready;
    if (dirty) {
      dirty = !watching;
      ready = service.reloadConfig().then(() => service.reloadLibrary());
      await ready;
    }
    return service;
  };
  const server = new McpServer({ name: "brief-author", version: typeof BRIEF_AUTHOR_VERSION === "string" ? BRIEF_AUTHOR_VERSION : "0.0.0-dev" });
  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
  server.registerTool(
    "check_brief",
    {
      title: "Check a brief against its sources",
      description: AGENT_TOOL_DESCRIPTIONS.checkBrief,
      inputSchema: { path: z.string().min(1).max(4096).describe("The brief's path, relative to the workspace"), text: z.string().max(1_000_000).optional().describe("A draft's text, checked as if it were at `path`") },
      annotations: readOnly,
    },
    (args) => answer(async () => (await checkBriefTool(await engine(), args)) as unknown as Json),
  );
  server.registerTool(
    "find_supporting_passages",
    {
      title: "Find passages that support a sentence",
      description: AGENT_TOOL_DESCRIPTIONS.findSupportingPassages,
      inputSchema: { sentence: z.string().min(1).max(5000), keys: z.array(z.string().max(200)).max(50).optional(), limit: z.number().int().min(1).max(20).optional() },
      annotations: readOnly,
    },
    (args) => answer(async () => (await findSupportingPassagesTool(await engine(), args)) as unknown as Json),
  );
  server.registerTool(
    "list_sources",
    {
      title: "List the workspace's sources",
      description: AGENT_TOOL_DESCRIPTIONS.listSources,
      inputSchema: { query: z.string().max(500).optional() },
      annotations: readOnly,
    },
    (args) => answer(async () => (await listSourcesTool(await engine(), args)) as unknown as Json),
  );
  server.registerTool(
    "read_source",
    {
      title: "Read a source's text",
      description: AGENT_TOOL_DESCRIPTIONS.readSource,
      inputSchema: { key: z.string().min(1).max(200), page: z.number().int().min(1).optional(), passage: z.number().int().min(1).optional(), offset: z.number().int().min(0).optional() },
      annotations: readOnly,
    },
    (args) => answer(async () => (await readSourceTool(await engine(), args)) as unknown as Json),
  );
  return server;
}

/** Serves until the client closes standard input. */
export async function runMcpServer(root: string, log: (m: string) => void): Promise<void> {
  const server = createMcpServer(root, log);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on("end", () => resolve());
  });
  await server.connect(transport);
  log(`serving ${root} over stdio`);
  await closed;
  await server.close().catch(() => undefined);
}
