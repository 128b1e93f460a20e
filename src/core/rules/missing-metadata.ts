import type { Rule } from "./rule";
import { isCalendarDate } from "../parse/frontMatter";

const rule: Rule = {
  name: "missing-metadata",
  defaultSeverity: "warning",
  description: "The brief has a title and a date (front matter `title`/`date`, or a level-1 heading and a `Date: YYYY-MM-DD` line).",
  example: "---\ntype: brief\ntitle: Port strike ends\n---\n(no date)",
  check({ brief }, report) {
    const fm = brief.frontMatter;
    const firstLineEnd = brief.lines.lineEnd(0);
    if (fm.error) {
      const line = Math.min(fm.error.line, brief.lines.lineCount - 1);
      report({ start: brief.lines.lineStarts[line], end: brief.lines.lineEnd(line), message: `front matter is not valid YAML (line ${line + 1}: ${fm.error.message}); title and date cannot be read from it` });
    }
    if (!brief.title) {
      report({ start: 0, end: firstLineEnd, message: 'the brief has no title: add "title:" to the front matter or a level-1 heading ("# Title")' });
    }
    if (!brief.date) {
      report({ start: 0, end: firstLineEnd, message: 'the brief has no date: add "date: YYYY-MM-DD" to the front matter or a line "Date: YYYY-MM-DD"' });
    } else if (!isCalendarDate(brief.date.text)) {
      const shape = /^\d{4}-\d{2}-\d{2}$/.test(brief.date.text);
      report({ start: brief.date.start, end: brief.date.end, message: shape ? `the date "${brief.date.text}" is not a calendar date (no such month or day); it is not read as any other date` : `the date "${brief.date.text}" is not a valid date in the form YYYY-MM-DD` });
    }
  },
};
export default rule;
