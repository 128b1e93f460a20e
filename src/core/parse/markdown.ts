import { lint } from "markdownlint/sync";
import type { Configuration, LintError, MicromarkToken, Rule as MdRule } from "markdownlint";
import { LineIndex } from "../text";

/** The block structure of a Markdown text, read off markdownlint's own micromark parse. */
export interface MarkdownStructure {
  headings: HeadingBlock[];
  paragraphs: ParagraphBlock[];
  /** [start, end) offsets of code spans, code blocks and HTML, where nothing is a citation. */
  codeRanges: Array<[number, number]>;
  /** [start, end) offsets of link reference definitions (`[@key]: path "title"`). */
  definitions: Array<[number, number]>;
  /** Lines (0-based) taken by front matter, as markdownlint saw it. */
  frontMatterLineCount: number;
}

export interface HeadingBlock {
  level: number;
  text: string;
  line: number;
  start: number;
  end: number;
  textStart: number;
  textEnd: number;
}

export interface ParagraphBlock {
  start: number;
  end: number;
  /** Depth of list nesting (0 = not in a list). */
  listDepth: number;
  /** Start offset of the list item marker when the paragraph is the first of a list item. */
  listItemStart?: number;
}

export interface LintRun {
  structure: MarkdownStructure;
  /** markdownlint's own problems (empty when markdownlint is turned off). */
  errors: LintError[];
}

const CAPTURE = "brief-author-structure";

/**
 * Lints a text with markdownlint and, in the same parse, captures its micromark tokens so the
 * brief rules never parse the text a second time. `config === false` runs the parse only.
 */
export function lintMarkdown(text: string, config: Configuration | false | undefined): LintRun {
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
  const mdConfig: Configuration = config === false ? { default: false } : { ...(config ?? {}) };
  (mdConfig as Record<string, unknown>)[CAPTURE] = true;
  const result = lint({ strings: { brief: text }, config: mdConfig, customRules: [captureRule], handleRuleFailures: true });
  const errors = (result.brief ?? []).filter((e) => e.ruleNames[0] !== CAPTURE);
  return { structure: structure ?? emptyStructure(), errors: config === false ? [] : errors };
}

function emptyStructure(): MarkdownStructure {
  return { headings: [], paragraphs: [], codeRanges: [], definitions: [], frontMatterLineCount: 0 };
}

const CODE_TYPES = new Set(["codeText", "codeFenced", "codeIndented", "htmlFlow", "htmlText", "autolink"]);

function readStructure(tokens: readonly MicromarkToken[], fmLines: number, lines: LineIndex): MarkdownStructure {
  const s: MarkdownStructure = { headings: [], paragraphs: [], codeRanges: [], definitions: [], frontMatterLineCount: fmLines };
  const off = (line: number, column: number) => lines.offsetAt({ line: line - 1 + fmLines, character: column - 1 });
  const visit = (list: readonly MicromarkToken[], listDepth: number, itemStart: number | undefined): void => {
    let pendingItem = itemStart;
    for (const t of list) {
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
          else level = t.children.find((c) => c.type === "setextHeadingLine")?.text.trim().startsWith("=") ? 1 : 2;
          const start = off(t.startLine, t.startColumn);
          s.headings.push({
            level,
            text: textToken?.text ?? "",
            line: t.startLine - 1 + fmLines,
            start,
            end: off(t.endLine, t.endColumn),
            textStart: textToken ? off(textToken.startLine, textToken.startColumn) : start,
            textEnd: textToken ? off(textToken.endLine, textToken.endColumn) : start,
          });
          collectCode(t.children);
          break;
        }
        case "paragraph":
          s.paragraphs.push({ start: off(t.startLine, t.startColumn), end: off(t.endLine, t.endColumn), listDepth, listItemStart: pendingItem });
          pendingItem = undefined;
          collectCode(t.children);
          break;
        case "definition":
          s.definitions.push([off(t.startLine, t.startColumn), off(t.endLine, t.endColumn)]);
          break;
        case "listOrdered":
        case "listUnordered":
          visitList(t.children, listDepth + 1);
          break;
        default:
          if (t.children.length) visit(t.children, listDepth, pendingItem);
      }
    }
  };
  const visitList = (children: readonly MicromarkToken[], depth: number) => {
    // A list's children are item prefixes followed by the item's content; group them.
    let itemStart: number | undefined;
    for (const c of children) {
      if (c.type === "listItemPrefix") {
        itemStart = off(c.startLine, c.startColumn);
        continue;
      }
      visit([c], depth, itemStart);
      if (c.type === "content" || c.type === "paragraph") itemStart = undefined;
    }
  };
  const collectCode = (children: readonly MicromarkToken[]) => {
    for (const c of children) {
      if (CODE_TYPES.has(c.type)) s.codeRanges.push([off(c.startLine, c.startColumn), off(c.endLine, c.endColumn)]);
      else if (c.children.length) collectCode(c.children);
    }
  };
  visit(tokens, 0, undefined);
  s.codeRanges.sort((a, b) => a[0] - b[0]);
  return s;
}
