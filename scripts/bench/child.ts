import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Killed (with its whole process group) after `timeoutMs`. */
  timedOut: boolean;
  wallMs: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in a process group of its own, stdout and stderr to files under `work` (or
 * stderr passed through with `stderr: "inherit"`). On timeout the whole group is killed, so a
 * wrapper such as /usr/bin/time leaves no orphan behind.
 */
export function runChild(cmd: string, args: string[], opts: { work: string; cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number; stderr?: "file" | "inherit" }): Promise<ChildResult> {
  const id = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const outFile = path.join(opts.work, `out-${id}`);
  const errFile = path.join(opts.work, `err-${id}`);
  const outFd = fs.openSync(outFile, "w");
  const errFd = opts.stderr === "inherit" ? "inherit" : fs.openSync(errFile, "w");
  const start = process.hrtime.bigint();
  return new Promise<ChildResult>((resolve, reject) => {
    let timedOut = false;
    let child;
    try {
      child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", outFd, errFd], detached: true });
    } catch (e) {
      reject(e);
      return;
    }
    const pid = child.pid;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (pid) process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, opts.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (status, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      fs.closeSync(outFd);
      if (typeof errFd === "number") fs.closeSync(errFd);
      const stdout = fs.readFileSync(outFile, "utf8");
      const stderr = typeof errFd === "number" ? fs.readFileSync(errFile, "utf8") : "";
      fs.rmSync(outFile, { force: true });
      fs.rmSync(errFile, { force: true });
      resolve({ status, signal, timedOut, wallMs, stdout, stderr });
    });
  });
}
