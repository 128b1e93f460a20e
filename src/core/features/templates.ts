/** Brief templates and the variables they fill. */

export interface BriefTemplate {
  id: string;
  label: string;
  description: string;
  text: string;
  /** Where the template came from: "built-in" or a file path. */
  origin: string;
}

/**
 * Built-in templates. Besides `{{title}}`, `{{date}}` and `{{author}}`, a template may hold VS Code
 * snippet tab stops in braces (`${1:hint}`, `${2}`, `${0}` for the final cursor; a bare `$5` is text): New Brief opens the brief with them as tab stops,
 * the cursor in the first. Their hint text is written so that an unfilled brief draws no problem
 * (under five words, no citation), so nothing is flagged before the writer has written anything.
 * The Impact models ICD 203's standard: a judgment with a yardstick term, and its confidence in a
 * sentence of its own (likelihood and confidence are never combined in one sentence).
 */
export const BUILT_IN_TEMPLATES: readonly BriefTemplate[] = [
  {
    id: "standard",
    label: "Standard brief",
    description: "Front matter, Description, Impact and Sources as headings",
    origin: "built-in",
    text: `---
type: brief
title: {{title}}
date: {{date}}
author: {{author}}
---

# {{title}}

## Description

\${1:What happened, and where.}

## Impact

\${2:What it means, and for whom.}

We assess that \${3:the outcome} is \${4:likely}. We have \${5:moderate} confidence in this judgment.

## Sources

<!-- One line per cited source, e.g. - [@key]; Brief: Update Sources Section writes them. -->
\${0}`,
  },
  {
    id: "label",
    label: "Label-style brief",
    description: "Description: and Impact: paragraphs, as many published briefs use",
    origin: "built-in",
    text: `---
type: brief
title: {{title}}
date: {{date}}
author: {{author}}
---

# {{title}}

**Description:** \${1:What happened, and where.}

**Impact:** \${2:What it means, and for whom.}

We assess that \${3:the outcome} is \${4:likely}. We have \${5:moderate} confidence in this judgment.

**Sources:**

<!-- One line per cited source, e.g. - [@key]; Brief: Update Sources Section writes them. -->
\${0}`,
  },
  {
    id: "flash",
    label: "Flash brief",
    description: "No front matter: title heading, a Date line and the two required sections",
    origin: "built-in",
    text: `# {{title}}

Date: {{date}}

Description: \${1:What happened, and where.}

Impact: \${2:What it means.}
\${0}`,
  },
];

/** Values of a template's `{{name}}` variables; an undefined one becomes a tab stop with the hint given in `ask`. */
export type TemplateValues = Readonly<Record<string, string | undefined>>;

type Piece = { kind: "text"; text: string } | { kind: "stop"; n: number; hint: string } | { kind: "var"; name: string; whole: string };

/**
 * Splits a template into text, tab stops (`${N:hint}`, `${N}`) and `{{name}}` variables, in
 * one pass (each `}` is looked for once: linear in the template's length).
 */
function pieces(template: string): Piece[] {
  const out: Piece[] = [];
  let text = "";
  // The next "}" and the next line end at or after a position, each found once per occurrence
  // (positions only grow), so the scan stays linear however many `${N:` it meets.
  const next = { "}": -2, "\n": -2 };
  const nextFrom = (ch: "}" | "\n", i: number) => {
    if (next[ch] !== -1 && next[ch] < i) next[ch] = template.indexOf(ch, i);
    return next[ch];
  };
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === "$") {
      const m = /^\$\{(\d+)(?::|\})/.exec(template.slice(i, i + 12));
      if (m) {
        const bodyStart = i + m[0].length;
        if (m[0].endsWith("}")) {
          out.push({ kind: "text", text }, { kind: "stop", n: Number(m[1]), hint: "" });
          text = "";
          i = bodyStart;
          continue;
        }
        const close = nextFrom("}", bodyStart);
        const newline = nextFrom("\n", bodyStart);
        if (close !== -1 && (newline === -1 || close < newline)) {
          out.push({ kind: "text", text }, { kind: "stop", n: Number(m[1]), hint: template.slice(bodyStart, close) });
          text = "";
          i = close + 1;
          continue;
        }
      }
    } else if (c === "{" && template[i + 1] === "{") {
      const m = /^\{\{\s*([A-Za-z][\w-]*)\s*\}\}/.exec(template.slice(i, i + 70));
      if (m) {
        out.push({ kind: "text", text }, { kind: "var", name: m[1], whole: m[0] });
        text = "";
        i += m[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  out.push({ kind: "text", text });
  return out;
}

/** Escapes text for a VS Code snippet: `$`, `}` and `\\` are literal. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => "\\" + c);
}

/**
 * The template as a VS Code snippet: variables filled (escaped), tab stops kept, a variable
 * without a value turned into a tab stop after the template's own (hint from `ask`).
 */
export function templateSnippet(template: string, values: TemplateValues, ask: Readonly<Record<string, string>> = {}): string {
  const parts = pieces(template);
  // Values to ask for (an author the system account cannot give) come first, in document order:
  // the front matter is at the top, so Tab never jumps back up to it after the last section.
  const asked = new Map<string, number>();
  for (const p of parts) if (p.kind === "var" && p.name in values && (values[p.name] === undefined || values[p.name] === "") && !asked.has(p.name)) asked.set(p.name, asked.size + 1);
  const shift = asked.size;
  return parts
    .map((p) => {
      if (p.kind === "text") return escapeSnippet(p.text);
      // The hint is text: a `$5` or `${2:…}` inside it stays as written, as `fillTemplate` writes it.
      if (p.kind === "stop") {
        const n = p.n === 0 ? 0 : p.n + shift;
        return p.hint ? `\${${n}:${escapeSnippet(p.hint)}}` : `\${${n}}`;
      }
      if (!(p.name in values)) return escapeSnippet(p.whole);
      const v = values[p.name];
      if (v !== undefined && v !== "") return escapeSnippet(v);
      return `\${${asked.get(p.name)}:${escapeSnippet(ask[p.name] ?? p.name)}}`;
    })
    .join("");
}

/**
 * Fills `{{name}}` variables; tab stops become their hint text (the text a snippet would show), an
 * empty or missing value its hint in `ask`; unknown names are left as they are so nothing is lost.
 */
export function fillTemplate(template: string, values: TemplateValues, ask: Readonly<Record<string, string>> = {}): string {
  return pieces(template)
    .map((p) => {
      if (p.kind === "text") return p.text;
      if (p.kind === "stop") return p.hint;
      if (!(p.name in values)) return p.whole;
      const v = values[p.name];
      return v !== undefined && v !== "" ? v : ask[p.name] ?? p.name;
    })
    .join("");
}

/** A file name for a brief: `YYYY-MM-DD-title-words.brief.md`. */
export function briefFileName(title: string, date: string): string {
  const slug = slugify(title) || "brief";
  return `${date}-${slug}.brief.md`;
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** A template from a workspace file: its front matter may give `templateName` and `templateDescription`. */
export function templateFromFile(path: string, text: string): BriefTemplate {
  const name = path.slice(path.lastIndexOf("/") + 1).replace(/\.(brief\.)?(md|markdown)$/i, "");
  let label = name;
  let description = path;
  let body = text;
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (m) {
    const lines = m[1].split(/\r?\n/);
    const keep: string[] = [];
    for (const l of lines) {
      const t = /^templateName:\s*(.+)$/.exec(l);
      const d = /^templateDescription:\s*(.+)$/.exec(l);
      if (t) label = t[1].trim().replace(/^["']|["']$/g, "");
      else if (d) description = d[1].trim().replace(/^["']|["']$/g, "");
      else keep.push(l);
    }
    body = `---\n${keep.join("\n")}\n---\n` + text.slice(m[0].length);
  }
  return { id: `file:${path}`, label, description, text: body, origin: path };
}

export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
