import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { sha256Hex } from "../core/sources/hash";
import { capturableKindOfFile, type ExtractedKind } from "../core/sources/kinds";
import type { Extractors } from "../core/sources/extracted";
import type { SourceLibrary } from "../core/sources/library";
import { CaptureError, capture, fetchPage, type Captured } from "./capture";

/**
 * Add Source, written once for both hosts (`brief-author add-source` and the editor's Add
 * Source commands): what the writer named (a URL, a `file://` address or a path), read and
 * captured, and refused when the library holds the same page already.
 */
export type CaptureTarget = { url: string } | { file: string };

/**
 * What an address or path names: an http(s) URL; a `file://` address as the file it names
 * (`%20` and the like decoded); else a path, relative to `cwd`. Other schemes are refused.
 */
export function parseCaptureTarget(input: string, cwd: string): CaptureTarget {
  const t = input.trim();
  if (/^https?:\/\//i.test(t)) return { url: t };
  if (/^file:\/\//i.test(t)) {
    try {
      return { file: fileURLToPath(t) };
    } catch (e) {
      throw new CaptureError(`not a file address: ${t} (${(e as Error).message})`);
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(t);
  if (scheme) throw new CaptureError(`only http, https and file addresses can be captured, not ${scheme[1]}`);
  return { file: path.resolve(cwd, t) };
}

/** A short name for messages: a file's name, or a URL cut in the middle when long. */
export function displayTarget(target: CaptureTarget): string {
  if ("file" in target) return path.basename(target.file);
  const u = target.url;
  return u.length <= 70 ? u : `${u.slice(0, 40)}…${u.slice(-25)}`;
}

export interface CaptureResult {
  captured: Captured;
  /** SHA-256 of the bytes read. */
  sha256: string;
  origin: { url?: string; file?: string };
}

/**
 * Fetches a URL, or reads a file with `readFile` (each host passes its own: the CLI's reads any
 * regular file the person named; the editor's goes through the workspace gate unless the person
 * picked the file), and captures it. Refused with the key it has when `library` holds the same page.
 */
export async function captureSource(target: CaptureTarget, readFile: (absPath: string) => Promise<Uint8Array>, extractors: Extractors, library?: SourceLibrary): Promise<CaptureResult> {
  let bytes: Uint8Array;
  let kind: ExtractedKind;
  let origin: { url?: string; file?: string };
  if ("url" in target) {
    const fetched = await fetchPage(target.url);
    ({ bytes, kind } = fetched);
    origin = { url: fetched.url };
  } else {
    const k = capturableKindOfFile(target.file);
    if (!k) throw new CaptureError(`${path.basename(target.file)} is not a web page (.html, .htm) or a PDF (.pdf)`);
    kind = k;
    bytes = await readFile(target.file);
    origin = { file: target.file };
  }
  const sha256 = sha256Hex(bytes);
  const same = library?.bySha256(sha256);
  if (same) throw new DuplicateSourceError(same.key, library!.display(same.path), same.path);
  return { captured: await capture(bytes, kind, origin, extractors), sha256, origin };
}

/** The library holds the same page or PDF already (same SHA-256). */
export class DuplicateSourceError extends CaptureError {
  /** `file` as messages show it; `path` the source's own path. */
  constructor(readonly key: string, readonly file: string, readonly path: string) {
    super(`the library holds this page already as [@${key}] (${file}, the same SHA-256); cite it as [@${key}]`);
  }
}
