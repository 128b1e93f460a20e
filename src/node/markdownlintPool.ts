import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import * as os from "node:os";
import type { Configuration, LintError } from "markdownlint";
import { markdownlintErrors, markdownlintSkipped } from "../core/parse/markdown";
import type { Limits } from "../core/config";

declare const BRIEF_AUTHOR_BUNDLED: boolean | undefined;

const ROLE = "brief-author:markdownlint";

interface Job {
  id: number;
  text: string;
  config: Configuration | undefined;
  limits: Limits;
}
type Answer = { id: number; errors: LintError[] } | { id: number; error: string };

/**
 * markdownlint on other threads. The CLI's own rules need only the linear structure reader, so
 * markdownlint (most of a check's CPU time) runs on the other cores while the main thread runs
 * brief-author's rules on the briefs already linted. Results are plain data (LintError is JSON).
 */
export class MarkdownlintPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (e: LintError[]) => void; reject: (e: Error) => void }>();
  private next = 0;
  private turn = 0;

  private constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(script, { workerData: { role: ROLE } });
      w.unref();
      w.on("message", (a: Answer) => {
        const p = this.pending.get(a.id);
        if (!p) return;
        this.pending.delete(a.id);
        if ("error" in a) p.reject(new Error(a.error));
        else p.resolve(a.errors);
      });
      w.on("error", (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  /**
   * A pool of `size` threads (default: one fewer than the cores, at least one), or undefined
   * where threads cannot run the bundle (unbundled test runs, a single core, or
   * BRIEF_AUTHOR_THREADS=0): then markdownlint runs in the check itself.
   */
  static create(options: { size?: number; script?: string } = {}): MarkdownlintPool | undefined {
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    const size = options.size ?? Number(process.env.BRIEF_AUTHOR_THREADS ?? Math.max(1, cores - 1));
    const bundled = typeof BRIEF_AUTHOR_BUNDLED !== "undefined" && BRIEF_AUTHOR_BUNDLED;
    if (!bundled || !(size > 0) || cores < 2) return undefined;
    try {
      // The CLI bundle is its own worker script; the extension's has one of its own (it needs `vscode`).
      return new MarkdownlintPool(options.script ?? __filename, size);
    } catch {
      return undefined;
    }
  }

  lint(text: string, config: Configuration | undefined, limits: Limits): Promise<LintError[]> {
    const id = this.next++;
    const job: Job = { id, text, config, limits };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const w = this.workers[this.turn++ % this.workers.length];
      w.ref();
      w.postMessage(job);
    }).finally(() => {
      if (this.pending.size === 0) for (const w of this.workers) w.unref();
    }) as Promise<LintError[]>;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** True in a pool thread: the entry point then serves markdownlint jobs instead of running the CLI. */
export function isMarkdownlintWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | undefined)?.role === ROLE;
}

/** The pool thread's loop: lint each text it is sent and answer with the problems. */
export function serveMarkdownlint(): void {
  parentPort!.on("message", (job: Job) => {
    let answer: Answer;
    try {
      // Past a limit the check skips markdownlint (and says so): no need to run it here.
      answer = { id: job.id, errors: markdownlintSkipped(job.text, job.limits) ? [] : markdownlintErrors(job.text, job.config) };
    } catch (e) {
      answer = { id: job.id, error: String((e as Error)?.message ?? e).split("\n")[0] };
    }
    parentPort!.postMessage(answer);
  });
}
