import type { Rule } from "./rule";

/** A date as written (ISO, `24 August 2026`, `August 24, 2026`, `2026-08`, `2026`): its year, month and day as far as given. */
export function readDate(text: string | undefined): { y: number; m?: number; d?: number } | undefined {
  if (!text) return undefined;
  const t = text.trim();
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T\s].*)?$/.exec(t);
  if (iso) {
    const y = Number(iso[1]);
    const m = iso[2] ? Number(iso[2]) : undefined;
    const d = iso[3] ? Number(iso[3]) : undefined;
    if ((m !== undefined && (m < 1 || m > 12)) || (d !== undefined && (d < 1 || d > 31))) return undefined;
    return { y, m, d };
  }
  const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  const dmy = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  const mdy = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  const parts = dmy ? { d: dmy[1], mo: dmy[2], y: dmy[3] } : mdy ? { d: mdy[2], mo: mdy[1], y: mdy[3] } : undefined;
  if (!parts) return undefined;
  const m = months.indexOf(parts.mo.slice(0, 3).toLowerCase()) + 1;
  const d = Number(parts.d);
  if (m < 1 || d < 1 || d > 31) return undefined;
  return { y: Number(parts.y), m, d };
}

/** Whether `a` is after `b`, compared as far as both are given (`2026` is not after `2026-05-01`). */
export function dateAfter(a: { y: number; m?: number; d?: number }, b: { y: number; m?: number; d?: number }): boolean {
  if (a.y !== b.y) return a.y > b.y;
  if (a.m === undefined || b.m === undefined || a.m !== b.m) return a.m !== undefined && b.m !== undefined && a.m > b.m;
  if (a.d === undefined || b.d === undefined) return false;
  return a.d > b.d;
}

const rule: Rule = {
  name: "source-after-brief",
  family: "tradecraft",
  defaultSeverity: "error",
  description: "No cited source was published after the brief's `date` (a source's `published`, or `date`, or its bibliography entry's `issued`), compared as far as both dates are given: a brief cannot rest on what was not yet written (ICD 203 Standard 1: timely; the date says what the analyst knew).",
  example: "---\ndate: 2026-08-25\n---\n… [@port-notice] (published 2026-09-02)",
  check(ctx, report) {
    const briefDate = readDate(ctx.brief.date?.text);
    if (!briefDate) return;
    const done = new Set<string>();
    for (const c of ctx.brief.citations) {
      for (const item of c.items) {
        if (done.has(item.key)) continue;
        done.add(item.key);
        const entry = ctx.resolve(item.key)?.entry;
        const published = readDate(entry?.published);
        if (!entry || !published || !dateAfter(published, briefDate)) continue;
        report({
          start: item.keyStart - 1,
          end: item.keyEnd,
          message: `@${item.key} was published on ${entry.published!.trim()}, after this brief's date (${ctx.brief.date!.text}): the brief cannot rest on it; correct either date`,
          data: { key: item.key, published: entry.published },
        });
      }
    }
  },
};
export default rule;
