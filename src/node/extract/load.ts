import * as path from "node:path";
import type { Extractors } from "../../core/sources/extracted";

declare const BRIEF_AUTHOR_BUNDLED: boolean | undefined;

let loaded: Extractors | undefined;

/**
 * The web page, PDF and BibTeX extractors, loaded on first use: their libraries (Readability,
 * linkedom, pdf.js, citation.js) are a bundle of their own (`dist/extract.js`), so a workspace
 * without such files never loads them. The path is computed so esbuild does not inline it.
 */
function load(): Extractors {
  if (!loaded) {
    const bundled = typeof BRIEF_AUTHOR_BUNDLED !== "undefined" && BRIEF_AUTHOR_BUNDLED;
    const file = bundled ? path.join(__dirname, "extract.js") : path.join(__dirname, "index.ts");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = (require(file) as { extractors: Extractors }).extractors;
  }
  return loaded;
}

/** Extractors whose libraries load when first called. */
export const lazyExtractors: Extractors = {
  html: (bytes, p) => load().html(bytes, p),
  pdf: (bytes, p) => load().pdf(bytes, p),
  bibtex: (text) => load().bibtex(text),
};
