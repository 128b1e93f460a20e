import { splitSentences } from "../parse/sentences";

/** A paragraph of a source, the unit a hover shows and the index ranks. */
export interface Passage {
  text: string;
  /** 0-based lines in the file. */
  startLine: number;
  endLine: number;
  /** Offsets in the file. */
  start: number;
  end: number;
  /** PDF sources: the 1-based page the passage stands on. */
  page?: number;
}

const MAX_WORDS = 250;

/**
 * Paragraphs of a source's body (from `bodyOffset`), separated by blank lines. Headings alone are
 * skipped; a paragraph over ~250 words is cut into runs of whole sentences.
 */
export function splitPassages(text: string, bodyOffset = 0, lang = "en"): Passage[] {
  const out: Passage[] = [];
  let line = 0;
  for (let i = 0; i < bodyOffset; i++) if (text.charCodeAt(i) === 10) line++;
  let pos = bodyOffset;
  let paraStart = -1;
  let paraLine = 0;
  let inFence = false;
  const flush = (end: number, endLine: number) => {
    if (paraStart < 0) return;
    let e = end;
    while (e > paraStart && /\s/.test(text[e - 1])) e--;
    const raw = text.slice(paraStart, e);
    paraStart = -1;
    if (/^#{1,6}\s[^\n]*$/.test(raw) || raw.trim() === "" || /^(-{3,}|\*{3,}|_{3,})$/.test(raw.trim()) || /^<!--[^\n]*-->$/.test(raw.trim())) return;
    const lines = raw.split("\n");
    // A heading on the paragraph's first line is dropped; the rest stays.
    let s = paraStart0;
    let first = paraLine;
    if (/^#{1,6}\s/.test(lines[0]) && lines.length > 1) {
      s += lines[0].length + 1;
      first++;
    }
    pushWindows(text, s, e, first, endLine, out, lang);
  };
  let paraStart0 = 0;
  while (pos <= text.length) {
    let eol = text.indexOf("\n", pos);
    if (eol < 0) eol = text.length;
    const lineText = text.slice(pos, eol);
    if (/^\s*(```|~~~)/.test(lineText)) inFence = !inFence;
    const blank = lineText.trim() === "";
    if (blank && !inFence) flush(pos, line - 1);
    else if (paraStart < 0) {
      paraStart = pos;
      paraStart0 = pos;
      paraLine = line;
    }
    if (eol >= text.length) {
      flush(text.length, line);
      break;
    }
    pos = eol + 1;
    line++;
  }
  return out;
}

function pushWindows(text: string, start: number, end: number, startLine: number, endLine: number, out: Passage[], lang: string): void {
  const body = text.slice(start, end);
  // Chinese and Japanese have no spaces: a word is about two characters.
  const words = lang === "ja" || lang === "zh" ? Math.ceil(body.length / 2) : body.split(/\s+/).filter(Boolean).length;
  if (words <= MAX_WORDS) {
    out.push({ text: body, startLine, endLine, start, end });
    return;
  }
  const sentences = splitSentences(body, lang);
  let wStart = -1;
  let wEnd = 0;
  let count = 0;
  const lineOf = (offset: number) => {
    let l = startLine;
    for (let i = start; i < offset; i++) if (text.charCodeAt(i) === 10) l++;
    return l;
  };
  const emit = () => {
    if (wStart < 0) return;
    const s = start + wStart;
    const e = start + wEnd;
    out.push({ text: text.slice(s, e), startLine: lineOf(s), endLine: lineOf(e), start: s, end: e });
    wStart = -1;
    count = 0;
  };
  for (const sn of sentences) {
    const n = body.slice(sn.start, sn.end).split(/\s+/).filter(Boolean).length;
    if (count > 0 && count + n > MAX_WORDS) emit();
    if (wStart < 0) wStart = sn.start;
    wEnd = sn.end;
    count += n;
  }
  emit();
}
