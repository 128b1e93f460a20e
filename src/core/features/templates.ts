/** Brief templates and the variables they fill. */

export interface BriefTemplate {
  id: string;
  label: string;
  description: string;
  text: string;
  /** Where the template came from: "built-in" or a file path. */
  origin: string;
}

export interface TemplateVariables {
  title: string;
  date: string;
  author: string;
  [name: string]: string;
}

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

What happened, each claim with its source [@source-key].

## Impact

What it means and for whom.

## Sources

- [@source-key]
`,
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

**Description:** What happened, each claim with its source [@source-key].

**Impact:** What it means and for whom.

**Sources:**

- [@source-key]
`,
  },
  {
    id: "flash",
    label: "Flash brief",
    description: "No front matter: title heading, a Date line and the two required sections",
    origin: "built-in",
    text: `# {{title}}

Date: {{date}}

Description: What happened [@source-key].

Impact: What it means.
`,
  },
];

/** Fills `{{name}}` placeholders; unknown names are left as they are so nothing is lost. */
export function fillTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([A-Za-z][\w-]*)\s*\}\}/g, (whole, name: string) => (name in vars ? vars[name] : whole));
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
