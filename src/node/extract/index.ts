/**
 * The extraction bundle (`dist/extract.js`): web pages, PDFs and BibTeX. Loaded lazily by
 * `load.ts`; nothing else imports this file.
 */
import type { Extractors } from "../../core/sources/extracted";
import { extractHtml } from "./html";
import { extractPdf } from "./pdf";
import { parseBibtex } from "./bibtex";

export const extractors: Extractors = {
  html: extractHtml,
  pdf: extractPdf,
  bibtex: parseBibtex,
};
