/**
 * The four agent tools as VS Code language model tools (`vscode.lm.registerTool`), so an assistant
 * in agent mode can check its own draft against the workspace's library before the analyst sees
 * it. A thin host over src/core/features/agentTools.ts (the MCP server's tools too): the brief's
 * workspace folder's engine answers, through its workspace gate; nothing is written.
 */
import * as vscode from "vscode";
import { AgentToolError, checkBriefTool, findSupportingPassagesTool, listSourcesTool, readSourceTool } from "../../core/features/agentTools";
import type { BriefService } from "../../core";
import type { BriefServices } from "../services";

type Input = Record<string, unknown>;

/** The engine a tool call works in: the folder the path names (else the first folder). */
async function engineFor(services: BriefServices, input: Input): Promise<BriefService> {
  await services.whenReady();
  const all = services.all().filter((e) => !e.disposed);
  if (all.length === 0) throw new AgentToolError("no workspace folder is open");
  const p = typeof input.path === "string" ? input.path : undefined;
  if (p) {
    for (const e of all) {
      const uri = p.startsWith("/") ? e.folder.uri.with({ path: p }) : vscode.Uri.joinPath(e.folder.uri, p);
      const owner = services.get(uri);
      if (owner && !owner.disposed) return owner.service;
    }
  }
  return all[0].service;
}

function result(value: unknown): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(value, null, 2))]);
}

function tool(services: BriefServices, run: (service: BriefService, input: Input) => Promise<unknown>, reads: (input: Input) => string): vscode.LanguageModelTool<Input> {
  return {
    prepareInvocation(options) {
      return { invocationMessage: reads(options.input ?? {}) };
    },
    async invoke(options) {
      const input = options.input ?? {};
      try {
        return result(await run(await engineFor(services, input), input));
      } catch (e) {
        // The model reads what went wrong and can try again with other input.
        const message = e instanceof AgentToolError ? e.message : `internal error: ${(e as Error).message.split("\n")[0]}`;
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(`Error: ${message}`)]);
      }
    },
  };
}

const short = (s: unknown, n = 60) => (typeof s === "string" ? (s.length > n ? `${s.slice(0, n - 1)}…` : s) : "");

export function registerAgentTools(context: vscode.ExtensionContext, services: BriefServices): void {
  if (!vscode.lm?.registerTool) return; // an editor without language model tools
  context.subscriptions.push(
    vscode.lm.registerTool("briefAuthor_checkBrief", tool(services, checkBriefTool, (i) => `Checking ${short(i.path)} against its cited sources${typeof i.text === "string" ? " (a draft)" : ""}`)),
    vscode.lm.registerTool("briefAuthor_findSupportingPassages", tool(services, findSupportingPassagesTool, (i) => `Searching the source library for "${short(i.sentence)}"`)),
    vscode.lm.registerTool("briefAuthor_listSources", tool(services, listSourcesTool, (i) => (i.query ? `Listing the sources matching "${short(i.query)}"` : "Listing the workspace's sources"))),
    vscode.lm.registerTool("briefAuthor_readSource", tool(services, readSourceTool, (i) => `Reading @${short(i.key, 40)}${i.page ? `, page ${i.page}` : i.passage ? `, passage ${i.passage}` : ""}`)),
  );
}
