import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Configuration, LintError } from "markdownlint";
import { markdownlintErrors, markdownlintErrorsMany, markdownlintSkipped } from "../core/parse/markdown";
import type { Limits } from "../core/config";

declare const BRIEF_AUTHOR_BUNDLED: boolean | undefined;

import { MARKDOWNLINT_THREAD_ROLE as ROLE } from "./threadRole";

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
  private readonly workers: Array<{ worker: Worker; inFlight: number }> = [];
  private readonly pending = new Map<number, { resolve: (e: LintError[] | undefined) => void }>();
  /** Jobs not yet sent to a thread: the caller may still take one back and lint it itself. */
  private readonly queue: Job[] = [];
  private next = 0;
  private pumpScheduled = false;
  private static readonly IN_FLIGHT = 256;
  /**
   * Jobs per message. A thread lints a message's jobs in one markdownlint run: its set-up per
   * run (compiling the front-matter pattern, mapping rule aliases: 0.5 ms) then happens once per
   * batch, not once per brief; on 1,000 news-sized briefs that was 0.5 s of the thread's CPU.
   * Small, so the first brief's problems are not long in coming.
   */
  private static readonly BATCH = 8;

  /**
   * A thread's young generation (V8's default is three times as large): markdownlint's tokens
   * live for one brief, so a smaller one collects them as often at no more cost, and the thread
   * holds less garbage. Full check of 1,000 briefs, whole process, paired against the default:
   * news corpus peak RSS 260 → 245 MB at 0.98× CPU and 0.96× wall; small corpus 366 → 351 MB
   * at the same CPU and wall (8 MB was tried: the small corpus took 5 % more CPU).
   */
  static readonly YOUNG_GENERATION_MB = 16;

  private constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const slot = { worker: new Worker(script, { workerData: { role: ROLE }, resourceLimits: { maxYoungGenerationSizeMb: MarkdownlintPool.YOUNG_GENERATION_MB } }), inFlight: 0 };
      slot.worker.unref();
      slot.worker.on("message", (answers: Answer[]) => {
        for (const a of answers) {
          slot.inFlight--;
          const p = this.pending.get(a.id);
          this.pending.delete(a.id);
          p?.resolve("error" in a ? undefined : a.errors);
        }
        this.pump();
      });
      // A broken thread, or one that ended without a word (not closed by us: close() takes it out of
      // the list first): its jobs (and any later ones) are linted by the caller instead.
      const lost = () => {
        const at = this.workers.indexOf(slot);
        if (at < 0) return;
        this.workers.splice(at, 1);
        for (const [id, p] of this.pending) if (!this.queue.some((j) => j.id === id)) p.resolve(undefined);
        if (this.workers.length === 0) for (const j of this.queue.splice(0)) this.pending.get(j.id)?.resolve(undefined);
      };
      slot.worker.on("error", lost);
      slot.worker.on("exit", lost);
      this.workers.push(slot);
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
      // A thread runs markdownlint's own bundle (dist/markdownlint-worker.js: 0.4 MB, not the
      // CLI's, so each thread starts sooner and holds less): in the CLI through its launcher
      // (dist/cli.js), which compiles it with its code cache. The CLI bundle serves as one too.
      const pick = (name: string) => (fs.existsSync(path.join(__dirname, name)) ? path.join(__dirname, name) : undefined);
      return new MarkdownlintPool(options.script ?? pick("cli.js") ?? pick("markdownlint-worker.js") ?? __filename, size);
    } catch {
      return undefined;
    }
  }

  /**
   * Queues a text to lint. `errors` resolves with markdownlint's problems, or undefined when the
   * caller must lint it itself: it took the job back with `take()` (no thread had started it),
   * or a thread failed.
   */
  lint(text: string, config: Configuration | undefined, limits: Limits): { errors: Promise<LintError[] | undefined>; take: () => boolean } {
    const job: Job = { id: this.next++, text, config, limits };
    const errors = new Promise<LintError[] | undefined>((resolve) => this.pending.set(job.id, { resolve }));
    this.queue.push(job);
    // Sent a batch at a time as they fill, the rest at `flush()` (or once this thread is free):
    // consecutive jobs share messages. Not only later: a caller whose awaits all resolve at once
    // never lets a timer run, and would take back and lint every job itself.
    if (this.queue.length >= MarkdownlintPool.BATCH) this.pump();
    else if (!this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
    const take = () => {
      const i = this.queue.indexOf(job);
      if (i < 0) return false;
      this.queue.splice(i, 1);
      this.pending.get(job.id)?.resolve(undefined);
      this.pending.delete(job.id);
      this.idle();
      return true;
    };
    return { errors, take };
  }

  /** Sends what is queued now (the caller has queued all it has for the moment). */
  flush(): void {
    this.pump();
  }

  /**
   * Sends queued jobs to threads with room. Many at once: a thread then never waits for this one
   * (busy with brief-author's rules) to hand it the next brief. On 1,000 news-sized briefs that
   * took the full check from 4.2 s to 3.4 s; letting this thread lint the last jobs while it waits
   * was slower (3.7–4.1 s: markdownlint warms up on two threads).
   */
  private pump(): void {
    for (const slot of this.workers) {
      while (slot.inFlight < MarkdownlintPool.IN_FLIGHT && this.queue.length) {
        const jobs = this.queue.splice(0, Math.min(MarkdownlintPool.BATCH, MarkdownlintPool.IN_FLIGHT - slot.inFlight));
        slot.inFlight += jobs.length;
        slot.worker.ref();
        slot.worker.postMessage(jobs);
      }
    }
    this.idle();
  }

  /** Threads with nothing to do do not keep the process alive. */
  private idle(): void {
    for (const slot of this.workers) if (slot.inFlight === 0) slot.worker.unref();
  }

  /**
   * Ends the threads. Not awaited: a thread still starting (a check of one small brief can end
   * before it is up) may never answer `terminate()` while it is unref'd, and the process would
   * then end with the caller's promise pending and its report unprinted. An idle thread holds
   * nothing the process needs; it ends with the process at the latest.
   */
  close(): void {
    for (const w of this.workers.splice(0)) {
      w.worker.unref();
      void w.worker.terminate().catch(() => undefined);
    }
  }
}

/** True in a pool thread: the entry point then serves markdownlint jobs instead of running the CLI. */
export function isMarkdownlintWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | undefined)?.role === ROLE;
}

/** One job alone: its problems, or why markdownlint failed on it. */
function lintOne(job: Job): Answer {
  try {
    return { id: job.id, errors: markdownlintErrors(job.text, job.config) };
  } catch (e) {
    return { id: job.id, error: String((e as Error)?.message ?? e).split("\n")[0] };
  }
}

/**
 * The pool thread's loop: lint each batch it is sent and answer with every job's problems. Jobs
 * of one config run in one markdownlint run; if that run throws, each of its jobs is linted alone,
 * so one bad text costs only its own problems.
 */
export function serveMarkdownlint(): void {
  parentPort!.on("message", (jobs: Job[]) => {
    const answers: Answer[] = [];
    const groups = new Map<string, Job[]>();
    for (const job of jobs) {
      // Past a limit the check skips markdownlint (and says so): no need to run it here.
      if (markdownlintSkipped(job.text, job.limits)) {
        answers.push({ id: job.id, errors: [] });
        continue;
      }
      const key = JSON.stringify(job.config ?? null);
      const group = groups.get(key);
      if (group) group.push(job);
      else groups.set(key, [job]);
    }
    for (const group of groups.values()) {
      let many: LintError[][] | undefined;
      try {
        many = group.length > 1 ? markdownlintErrorsMany(group.map((j) => j.text), group[0].config) : undefined;
      } catch {
        many = undefined;
      }
      group.forEach((job, i) => answers.push(many ? { id: job.id, errors: many[i] } : lintOne(job)));
    }
    parentPort!.postMessage(answers);
  });
}
