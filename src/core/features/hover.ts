import type { RuleContext } from "../rules/rule";
import type { Brief } from "../parse/brief";
import { citationAt } from "./citationAt";
import { escapeMarkdown, findSupportingPassage, renderMarkedPassage } from "./support";
import { relativePath } from "../fs";
import { pageLabel } from "../sources/library";

export interface HoverResult {
  /** Markdown. Command links are built by `openLink`. */
  markdown: string;
  start: number;
  end: number;
  /** The source and passage shown, for tests and for "open source". */
  key: string;
  path?: string;
  line?: number;
}

/**
 * The hover of a citation key: the source's title, publisher, date and link, and the passage that
 * best supports the sentence with the shared words in bold.
 */
export function citationHover(ctx: RuleContext, brief: Brief, offset: number, root: string, openLink: (path: string, line: number) => string): HoverResult | undefined {
  const target = citationAt(brief, offset);
  if (!target) return undefined;
  const start = target.keyStart - 1;
  const end = target.keyEnd;
  const source = ctx.resolve(target.key);
  if (!source) {
    const close = ctx.closestKeys(target.key, 3);
    const why = ctx.referenceError(target.key);
    const md =
      `**@${escapeMarkdown(target.key)}** is not in the source library` +
      (why ? `: ${escapeMarkdown(why)}` : ` (${ctx.config.sources.map((s) => escapeMarkdown(relativePath(root, s))).join(", ")})`) +
      (close.length ? `\n\nClosest keys: ${close.map((k) => `\`@${k}\``).join(", ")}` : "");
    return { markdown: md, start, end, key: target.key };
  }
  const e = source.entry;
  const claim = target.sentence?.claimText;
  const support = findSupportingPassage(source, target.listed ? undefined : claim);
  const meta = [e.author, e.container, e.publisher !== e.container ? e.publisher : undefined, e.published].filter(Boolean).map((s) => escapeMarkdown(s!)).join(" · ");
  const kind = e.kind === "pdf" ? "PDF" : e.kind === "html" ? "web page" : e.kind === "bibliography" ? "bibliography entry" : undefined;
  const parts = [`**${escapeMarkdown(e.title)}**` + (meta ? `  \n${meta}` : "") + (kind ? `  \n*${kind}*` : "")];
  if (e.url && /^https?:\/\//i.test(e.url)) parts.push(`[${escapeMarkdown(e.url)}](${e.url})`);
  let line: number | undefined;
  const name = escapeMarkdown(relativePath(root, e.path));
  if (e.noText) {
    line = e.bibliographyLine ?? 0;
    parts.push(`No text of this entry is in the workspace: its quotes and figures are not checked.`);
    parts.push(`[Open ${name} at line ${line + 1}](${openLink(e.path, line)})`);
  } else if (support) {
    const at = support.passage.startLine;
    line = at;
    const quoted = renderMarkedPassage(support.passage.text, support.marks);
    const share = support.hit && claim ? ` — shares ${support.hit.matchedTerms.length} word${support.hit.matchedTerms.length === 1 ? "" : "s"} with the sentence` : "";
    const page = support.passage.page !== undefined ? `page ${pageLabel(e, support.passage.page)}` : `line ${at + 1}`;
    parts.push(`> ${quoted}`);
    parts.push(`[Open ${name} at ${page}](${openLink(e.path, at)})${share}`);
  } else {
    parts.push(`[Open ${name}](${openLink(e.path, 0)})`);
  }
  return { markdown: parts.join("\n\n"), start, end, key: target.key, path: e.path, line };
}
