import * as path from "node:path";
import type { Extractors } from "../../core/sources/extracted";
import { requireWithCodeCache } from "../codeCache";

declare const BRIEF_AUTHOR_BUNDLED: boolean | undefined;

/**
 * Each extractor's bundle (its libraries: linkedom and Readability; pdf.js; citation.js), its
 * module in a checkout, and the function it exports. One bundle per kind: a brief that cites one
 * saved web page loads the web-page reader (0.9 MB, about 45 ms) and not pdf.js and citation.js
 * too (all three were one 4 MB bundle, about 105 ms to load).
 */
const BUNDLES = {
  html: { bundle: "extract-html.js", module: "html.ts", name: "extractHtml" },
  pdf: { bundle: "extract-pdf.js", module: "pdf.ts", name: "extractPdf" },
  bibtex: { bundle: "extract-bibtex.js", module: "bibtex.ts", name: "parseBibtex" },
} as const;

/** The bundle files scripts/build.mjs makes, by the module each is built from (for builds and tests). */
export const EXTRACTOR_BUNDLES: ReadonlyArray<{ bundle: string; module: string }> = Object.values(BUNDLES).map(({ bundle, module }) => ({ bundle, module }));

const loaded: Partial<Extractors> = {};

/**
 * One kind's extractor, loaded on first use, so a workspace without such files never loads its
 * libraries. The path is computed so esbuild does not inline it.
 */
function load<K extends keyof Extractors>(kind: K): Extractors[K] {
  const have = loaded[kind];
  if (have) return have as Extractors[K];
  const bundled = typeof BRIEF_AUTHOR_BUNDLED !== "undefined" && BRIEF_AUTHOR_BUNDLED;
  const { bundle, module, name } = BUNDLES[kind];
  // A bundle with its code cache (the CLI; see codeCache.ts); a module of a checkout as it is.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = ((bundled ? requireWithCodeCache(path.join(__dirname, bundle)) : require(path.join(__dirname, module))) as Record<string, Extractors[K]>)[name];
  loaded[kind] = fn;
  return fn;
}

/** Extractors whose libraries load when first called. */
export const lazyExtractors: Extractors = {
  html: (bytes, p) => load("html")(bytes, p),
  pdf: (bytes, p) => load("pdf")(bytes, p),
  bibtex: (text) => load("bibtex")(text),
};
