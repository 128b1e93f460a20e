/**
 * The model hosts ask about unverified claims: an OpenAI-compatible chat endpoint the user named (a
 * local Ollama serving `bespoke-minicheck`, llama.cpp's or vLLM's server). Everything it returns is
 * hostile until read: the reply is at most 64 KB of JSON with `choices[0].message.content` a
 * string that starts with Yes or No; anything else, an HTTP error or a time-out is no answer.
 * Answers are kept by content hash (the model's name and the prompt), in memory and, for the CLI,
 * in a file in its own cache folder (never in the workspace).
 */
import { readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { sha256Hex } from "../core/sources/hash";
import { readAnswer, type ClaimJudge, type ModelAnswer } from "../core/verify/model";

export interface EndpointOptions {
  /** The endpoint's base URL (`http://localhost:11434/v1`) or its full chat-completions URL. */
  endpoint: string;
  model: string;
  /** Per request (default 20 s). */
  timeoutMs?: number;
  /** Told once per kind of failure (the hosts log it as one line). */
  onProblem?: (message: string) => void;
}

const MAX_REPLY_BYTES = 64 * 1024;

/** The endpoint's chat-completions URL, or an error message when it is not an http(s) URL. */
export function chatUrl(endpoint: string): URL | string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `the model endpoint "${endpoint}" is not a URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `the model endpoint "${endpoint}" is not an http or https URL`;
  if (!/\/chat\/completions\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/+$/, "") + "/chat/completions";
  return url;
}

/** A judge that asks an OpenAI-compatible endpoint (one request at a time). */
export function endpointJudge(options: EndpointOptions): ClaimJudge {
  const url = chatUrl(options.endpoint);
  if (typeof url === "string") throw new Error(url);
  const told = new Set<string>();
  const problem = (kind: string, message: string) => {
    if (told.has(kind)) return;
    told.add(kind);
    options.onProblem?.(message);
  };
  return {
    name: options.model,
    async judge(prompt: string): Promise<ModelAnswer | undefined> {
      const timeout = options.timeoutMs ?? 20_000;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeout);
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: options.model, messages: [{ role: "user", content: prompt }], temperature: 0, max_tokens: 5, stream: false }),
          signal: controller.signal,
          redirect: "error",
        });
        if (!res.ok) {
          problem(`http ${res.status}`, `the model endpoint ${url.origin} answered HTTP ${res.status}; claims stay unverified`);
          return undefined;
        }
        const text = await readLimited(res, MAX_REPLY_BYTES);
        if (text === undefined) {
          problem("size", `the model endpoint ${url.origin} sent a reply over ${MAX_REPLY_BYTES / 1024} KB; it is not read`);
          return undefined;
        }
        let content: unknown;
        try {
          content = (JSON.parse(text) as { choices?: Array<{ message?: { content?: unknown } }> })?.choices?.[0]?.message?.content;
        } catch {
          content = undefined;
        }
        const answer = readAnswer(content);
        if (answer === undefined) problem("unreadable", `the model ${options.model} gave a reply that is not Yes or No; such claims stay unverified`);
        return answer;
      } catch (e) {
        const aborted = controller.signal.aborted;
        problem(aborted ? "timeout" : "network", aborted ? `the model endpoint ${url.origin} did not answer within ${timeout} ms; claims stay unverified` : `the model endpoint ${url.origin} cannot be reached (${(e as Error).message}); claims stay unverified`);
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The body as text when it is at most `max` bytes; undefined when longer (reading stops there). */
async function readLimited(res: Response, max: number): Promise<string | undefined> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Where answers are kept between runs (the CLI's file; the editor keeps them in memory). */
export interface AnswerStore {
  get(key: string): ModelAnswer | undefined;
  set(key: string, answer: ModelAnswer): void;
}

/** A judge that asks `inner` once per model and prompt: answers are kept by their content hash. */
export function cachedJudge(inner: ClaimJudge, store: AnswerStore = memoryStore()): ClaimJudge {
  return {
    name: inner.name,
    async judge(prompt) {
      const key = sha256Hex(`${inner.name}\u0000${prompt}`);
      const known = store.get(key);
      if (known) return known;
      const answer = await inner.judge(prompt);
      if (answer) store.set(key, answer);
      return answer;
    },
  };
}

function memoryStore(): AnswerStore {
  const m = new Map<string, ModelAnswer>();
  return { get: (k) => m.get(k), set: (k, a) => void m.set(k, a) };
}

/** The CLI's answers file (`model-answers.json` in its cache folder): read at start, written when it grew. */
export class FileAnswerStore implements AnswerStore {
  private readonly answers = new Map<string, ModelAnswer>();
  private changed = false;
  private constructor(private readonly file: string) {}

  static openSync(file: string): FileAnswerStore {
    const store = new FileAnswerStore(file);
    try {
      const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
      if (data && typeof data === "object" && !Array.isArray(data)) {
        for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (/^[0-9a-f]{64}$/.test(k) && (v === "supported" || v === "unsupported")) store.answers.set(k, v);
      }
    } catch {
      // none yet, or damaged: start empty (it is rewritten whole)
    }
    return store;
  }

  get(key: string): ModelAnswer | undefined {
    return this.answers.get(key);
  }

  set(key: string, answer: ModelAnswer): void {
    this.answers.set(key, answer);
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.changed) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(this.answers)));
    await rename(tmp, this.file);
    this.changed = false;
  }
}
