import { lint } from "markdownlint/sync";
import type { MicromarkToken, Rule as MdRule } from "markdownlint";
import { LineIndex } from "../text";
import type { MarkdownStructure } from "./markdown";

const CAPTURE = "brief-author-structure";

/**
 * The structure as micromark (inside markdownlint) reads it, through a capture rule: the
 * reference the linear reader is tested against.
 */
export function micromarkStructure(text: string): MarkdownStructure {
  const lines = new LineIndex(text);
  let structure: MarkdownStructure | undefined;
  const captureRule: MdRule = {
    names: [CAPTURE],
    description: "brief-author: capture the parse",
    tags: ["brief-author"],
    parser: "micromark",
    function: (params) => {
      structure = readStructure(params.parsers.micromark.tokens, params.frontMatterLines.length, lines);
    },
  };
  lint({ strings: { brief: text }, config: { default: false, [CAPTURE]: true }, customRules: [captureRule] });
  return structure ?? emptyStructure();
}

function emptyStructure(): MarkdownStructure {
  return { headings: [], paragraphs: [], codeRanges: [], definitions: [], frontMatterLineCount: 0 };
}

const CODE_TYPES = new Set(["codeText", "codeFenced", "codeIndented", "htmlFlow", "htmlText", "autolink"]);

/**
 * Reads the block structure off micromark's token tree with explicit stacks, not recursion: a
 * brief nested thousands of levels deep must not overflow the call stack.
 */
function readStructure(tokens: readonly MicromarkToken[], fmLines: number, lines: LineIndex): MarkdownStructure {
  const s: MarkdownStructure = { headings: [], paragraphs: [], codeRanges: [], definitions: [], frontMatterLineCount: fmLines };
  // A byte order mark where the parse begins (file start, or right after the front matter) is
  // dropped before micromark counts columns: the body's first line is one character further on.
  const bom = lines.text.charCodeAt(lines.lineStarts[fmLines] ?? -1) === 0xfeff ? 1 : 0;
  const off = (line: number, column: number) => lines.offsetAt({ line: line - 1 + fmLines, character: column - 1 + (line === 1 ? bom : 0) });
  // A frame walks one token list; `pending` is the list item marker its first paragraph belongs to.
  // In a list frame, item prefixes set `pending` for the item's content that follows them.
  type Frame = { list: readonly MicromarkToken[]; index: number; depth: number; pending: number | undefined; inList: boolean };
  const stack: Frame[] = [{ list: tokens, index: 0, depth: 0, pending: undefined, inList: false }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.index >= f.list.length) {
      stack.pop();
      continue;
    }
    const t = f.list[f.index++];
    if (f.inList) {
      if (t.type === "listItemPrefix") {
        f.pending = off(t.startLine, t.startColumn);
        continue;
      }
      const pending = f.pending;
      if (t.type === "content" || t.type === "paragraph") f.pending = undefined;
      stack.push({ list: [t], index: 0, depth: f.depth, pending, inList: false });
      continue;
    }
    if (CODE_TYPES.has(t.type)) {
      s.codeRanges.push([off(t.startLine, t.startColumn), off(t.endLine, t.endColumn)]);
      continue;
    }
    switch (t.type) {
      case "atxHeading":
      case "setextHeading": {
        const textToken = t.children.find((c) => c.type === "atxHeadingText" || c.type === "setextHeadingText");
        let level = 1;
        if (t.type === "atxHeading") level = t.children.find((c) => c.type === "atxHeadingSequence")?.text.length ?? 1;
        else {
          const underline = t.children.find((c) => c.type === "setextHeadingLine");
          // After a dropped byte order mark micromark's token texts are one character off: read our own.
          const text = underline && bom ? lines.text.slice(off(underline.startLine, underline.startColumn), off(underline.endLine, underline.endColumn)) : underline?.text;
          level = text?.trim().startsWith("=") ? 1 : 2;
        }
        const start = off(t.startLine, t.startColumn);
        // Once micromark dropped a byte order mark, its token texts are one character off.
        const shifted = bom && textToken;
        s.headings.push({
          level,
          text: shifted ? lines.text.slice(off(textToken.startLine, textToken.startColumn), off(textToken.endLine, textToken.endColumn)).replace(/\r\n?/g, "\n") : textToken?.text ?? "",
          line: t.startLine - 1 + fmLines,
          start,
          end: off(t.endLine, t.endColumn),
          textStart: textToken ? off(textToken.startLine, textToken.startColumn) : start,
          textEnd: textToken ? off(textToken.endLine, textToken.endColumn) : start,
        });
        collectCode(t.children, s, off);
        break;
      }
      case "paragraph":
        s.paragraphs.push({ start: off(t.startLine, t.startColumn), end: off(t.endLine, t.endColumn), listDepth: f.depth, listItemStart: f.pending });
        f.pending = undefined;
        collectCode(t.children, s, off);
        break;
      case "definition":
        s.definitions.push([off(t.startLine, t.startColumn), off(t.endLine, t.endColumn)]);
        break;
      case "listOrdered":
      case "listUnordered":
        stack.push({ list: t.children, index: 0, depth: f.depth + 1, pending: undefined, inList: true });
        break;
      default:
        if (t.children.length) stack.push({ list: t.children, index: 0, depth: f.depth, pending: f.pending, inList: false });
    }
  }
  s.codeRanges.sort((a, b) => a[0] - b[0]);
  return s;
}

/** Code spans and inline HTML inside a heading's or paragraph's tokens. */
function collectCode(children: readonly MicromarkToken[], s: MarkdownStructure, off: (line: number, column: number) => number): void {
  const stack: MicromarkToken[] = [...children];
  const found: Array<[number, number]> = [];
  while (stack.length) {
    const c = stack.pop()!;
    if (CODE_TYPES.has(c.type)) found.push([off(c.startLine, c.startColumn), off(c.endLine, c.endColumn)]);
    else for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]);
  }
  for (const r of found) s.codeRanges.push(r);
}
