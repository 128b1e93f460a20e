/**
 * fast-check generators for fuzzing the engine: Markdown-ish briefs assembled from the
 * fragments that trip parsers (front matter with odd YAML, section headings and labels, deep
 * nesting, code, citations whole and broken, quotes, figures, control and bidi characters,
 * lone surrogates, every kind of line end), source files, config files, and plain random
 * unicode strings.
 */
import fc from "fast-check";

// ---------------------------------------------------------------------------------------
// Characters and small pieces

/** One UTF-16 code unit of any value: lone surrogates, NUL and other controls included. */
export const anyCodeUnit: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Characters that are rare in tests and common in trouble. */
export const oddChar: fc.Arbitrary<string> = fc.constantFrom(
  "\0", "\u0001", "\u0007", "\b", "\t", "\v", "\f", "\u001b", "\u007f", "\u0085",
  "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00", // lone surrogates
  "\u00a0", "\u2007", "\u202f", "\u3000", "\u2028", "\u2029", "\u1680",
  "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
  "\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", // bidi controls
  "\u0301", "\u0308", "\u20dd", "\ufe0f", // combining
  "\u0130", "\u0131", "\u00df", "\u1e9e", "\u03c2", "\ufb01", "\u00bd", "\u00b2", "\u2460", "\u2163",
  "\uff11", "\uff05", "\uff04", "\u0663", "\u06f5", "\u0966", // full-width and other digits
  "\u3002", "\uff01", "\uff1f", "\u0964", "\u0965", "\u2026", "\u2024",
  "\ufffd", "\uffff", "\ufffe",
);

export const emoji: fc.Arbitrary<string> = fc.constantFrom(
  "😀", "👩‍👩‍👧", "🇫🇷", "👍🏽", "❤️", "🧑‍🚀", "1️⃣", "🏳️‍🌈", "𝟘𝟙", "𝔸", "🐱",
);

export const rtlText: fc.Arbitrary<string> = fc.constantFrom(
  "مرحبا بالعالم", "שלום עולם", "السعر ٣٬٥٠٠ دولار", "\u202bعربي\u202c", "ما قاله \u201Cالوزير\u201D", "עברית 2025",
);

export const cjkText: fc.Arbitrary<string> = fc.constantFrom("港口重新开放。", "価格は１５％上昇した！", "정부가 발표했다?", "नया बंदरगाह खुला।", "「引用」と『二重』");

/** Citation keys, valid and not; the first few name sources of the generated library. */
export const KEYS = ["harbour-notice", "grain-report", "ferry-survey", "a", "b", "k:1", "x.y", "_u", "2024report", "clé", "数据"] as const;
export const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.constantFrom("harbour-notise", "a.", "a-", "-a", "a b", "a]", "a;b", "", "@", "a@b", "\u0301x", "x\ud800") },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom("a", "Z", "0", "_", ":", ".", "-", "/", "#", "é", " ", ",", ";", "]", "["), oddChar), maxLength: 6 }) },
);

export const word: fc.Arbitrary<string> = fc.constantFrom(
  "the", "port", "Harbour", "board", "said", "it", "would", "restore", "ferry", "timetable", "by", "end", "of", "week",
  "Travellers", "switched", "to", "longer", "road", "route", "through", "Haskett", "grain", "exports", "fell", "rose",
  "Dr.", "e.g.", "U.S.", "etc.", "No.", "p.", "Mr.", "Inc.", "vs.", "a.m.", "J.", "example.com", "3.5", "don't", "it’s",
  "long-term", "long–term", "—", "-", "/", "&", "%", "§", "*", "_", "**", "__", "~", "|", "\\", "<", ">", "<b>", "</b>", "<!--", "-->",
  "Description", "Impact", "Sources", "Date:", "Impact:", "description:", "Sources:", "http://x.org/a_b", "<http://x.org>",
);

export const number: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "15%", "15 %", "15 percent", "15 per cent", "fifteen percent", "two million", "a hundred", "a thousand dollars", "seventeen", "eighty-two",
    "eightieth", "first", "$77.2 billion", "77.2 billion dollars", "€5m", "£3bn", "¥100", "₹5 lakh", "Rs. 500 crore", "US$10", "HK$ 3.5",
    "USD 40", "40 EUR", "80,000", "80000", "1,2,3", "0.5", ".5", "5.", "1e9", "-3", "−3", "+4", "3-2", "1910–45", "1910 to 1945",
    "between 5 and 7 percent", "between $5 and $7 billion", "15 to 20 percent", "$5–7 billion", "2024", "mid-2024", "1990s", "G7", "5G",
    "F-35", "COVID-19", "10:30", "p.3", "23 August 2025", "August 23, 2025", "23rd of August", "Aug. 23", "Sept 2025", "2025-08-23",
    "2025-02-30", "2025-13-01", "0000-00-00", "9999-99-99", "23–25 August", "August 23 to 25, 2025", "1st", "22nd", "3rd", "99th",
    "100,000,000,000,000,000,000,000", "1.000.000", "12,34", "٣٥", "１５％", "5 million won", "a million", "nine dollars", "zero",
  ),
  fc.tuple(fc.constantFrom("", "$", "€", "£", "US$"), fc.nat({ max: 1_000_000_000 }), fc.constantFrom("", "%", " percent", " million", "bn", "m", "k", " dollars", "th")).map(
    ([c, n, u]) => `${c}${n.toLocaleString("en-US")}${u}`,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map(String),
);

export const quoteMarks: fc.Arbitrary<[string, string]> = fc.constantFrom<[string, string]>(
  ['"', '"'], ["\u201C", "\u201D"], ["\u2018", "\u2019"], ["\u201E", "\u201C"], ["\u00AB", "\u00BB"], ["'", "'"], ['"', ""], ["\u201C", ""], ["", "\u201D"], ["\u2019", "\u2018"],
);

/** Passages the generated sources hold, so briefs can quote them right and wrong. */
export const PHRASES = [
  "restore the ferry timetable by the end of the week",
  "grain exports fell by 15% in 2024 to $77.2 billion",
  "about forty dredging crews start next week",
  "a modest but real gain for the town\u2019s fishing fleet",
  "the worst we have seen since the old mill closed",
  "on 23 August 2025 the board met for the first time",
] as const;

export const elision: fc.Arbitrary<string> = fc.constantFrom("...", "…", ". . .", "[...]", "[…]", "(...)", "....", "[ . . . ]");

/** A phrase as a brief might quote it: whole, cut, with an elision, or changed. */
export const quotedPhrase: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...PHRASES), fc.nat(), fc.nat(), elision, word, fc.nat({ max: 4 })).map(([p, a, b, el, w, how]) => {
  const words = p.split(" ");
  const i = a % words.length;
  const j = i + (b % (words.length - i)) + 1;
  switch (how) {
    case 0:
      return p;
    case 1:
      return words.slice(i, j).join(" ");
    case 2:
      return [...words.slice(0, i), el, ...words.slice(j)].join(" ");
    case 3:
      return [...words.slice(0, i), w, ...words.slice(i + 1)].join(" ");
    default:
      return p.toUpperCase().replace(/ /g, "\n");
  }
});

export const quote: fc.Arbitrary<string> = fc.tuple(quoteMarks, fc.oneof(quotedPhrase, fc.array(word, { maxLength: 8 }).map((w) => w.join(" ")))).map(([[o, c], inner]) => `${o}${inner}${c}`);

export const citation: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: key.map((k) => `[@${k}]`) },
  { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom("", "see ", "-", "cf. ", "e.g. "), key, fc.constantFrom("", ", p. 3", ", pp. 3-4", " p. 3", ", ch. 2", ", [x]")), { minLength: 1, maxLength: 4 }).map(
    (items) => `[${items.map(([p, k, l]) => `${p}@${k}${l}`).join("; ")}]`,
  ) },
  { weight: 3, arbitrary: fc.constantFrom(
    "[@", "]", "[", "[@a", "[@ a]", "[@a;]", "[;@a]", "[@a;;@b]", "[@]", "[@a@b]", "[see @a, p. 3; @b]", "@key", "@harbour-notice", "[-@a]",
    "[@a](http://x)", "[@a][ref]", "[@a]:", "\\[@a]", "[\\@a]", "[[@a]]", "[@a]]", "[[@a]", "[text @a]", "[@a, p. [3]]", "[@a\n@b]", "[@a\n\n]",
    "[@a]\u0301", "[@\u202ea]", "[@a\u0000]", "[@x\ud800]", "`[@a]`", "``[@a]``", "[`@a`]", "<span>[@a]</span>", "[@a] [@b]", "[@a][@b]", "[^1]", "[^@a]",
  ) },
);

export const codeSpan: fc.Arbitrary<string> = fc.tuple(fc.constantFrom("`", "``", "```"), fc.oneof(word, citation, fc.constant("")), fc.boolean()).map(([t, inner, closed]) => `${t}${inner}${closed ? t : ""}`);

/** An inline fragment of prose. */
export const inline: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: word },
  { weight: 4, arbitrary: citation },
  { weight: 3, arbitrary: number },
  { weight: 3, arbitrary: quote },
  { weight: 2, arbitrary: codeSpan },
  { weight: 2, arbitrary: fc.constantFrom(".", ".", ". ", "!", "?", "?!", ",", ";", ":", "...", "…", "。", ")", "(", "[", "]", "*", "**", "_") },
  { weight: 1, arbitrary: oddChar },
  { weight: 1, arbitrary: emoji },
  { weight: 1, arbitrary: rtlText },
  { weight: 1, arbitrary: cjkText },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 4 }) },
);

/** A line of prose: fragments joined by spaces (sometimes none, sometimes several). */
export const proseLine: fc.Arbitrary<string> = fc.array(fc.tuple(inline, fc.constantFrom(" ", " ", " ", "", "  ", "\t", " \u00a0")), { minLength: 1, maxLength: 14 }).map((parts) => parts.map(([f, s]) => f + s).join("").replace(/\s+$/, (m) => (m.length > 2 ? m : "")));

// ---------------------------------------------------------------------------------------
// Blocks (each an array of lines)

const yamlLine: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "type: brief", "type: Brief", "type: [brief]", "title: Port reopens", "title: \"Quoted: title\"", "title: 'single'", "title:", "title: ~", "title: null",
    "title: 42", "title: true", "title: [a, b]", "title: {a: 1}", "title: |", "title: >-", "  folded line", "  - nested item",
    "date: 2025-08-24", "date: 2025-02-30", "date: 2025-13-01", "date: 2025-8-4", "date: \"2025-02-30\"", "date: 2025-08-24T10:00:00Z", "date: 0000-00-00",
    "date: !!timestamp nope", "date: !!str 2025-08-24", "date: 24/08/2025", "date: 2025-08-24 # comment", "date:", "date: [2025-08-24]",
    "anchor: &a Port strike", "title: *a", "date: *a", "alias: *missing", "<<: *a", "base: &b {title: X, date: 2025-01-01}", "<<: *b",
    "id: harbour-notice", "id: a", "id: \"k:1\"", "id: 12", "author: Ann", "url: http://x.org",
    "tags: [a, b", "key: {", "? complex key", ": value", "- top level list", "%YAML 1.2", "key: value: other", "key: 'unterminated",
    "key:\tvalue", "\ttab-indented: x", "key: \"\\u0000\"", "key: \"\\ud800\"", "title: title", "title: again", "dup: 1", "dup: 2",
    "ключ: значение", "😀: emoji", "title: مرحبا", "# just a comment", "", "   ", "...", "---x",
  ),
  fc.tuple(fc.constantFrom("title", "date", "id", "type", "x"), fc.string({ unit: fc.oneof(fc.constantFrom("a", " ", ":", "&", "*", "!", "#", "'", '"', "[", "{", "|", ">", "-", "2"), oddChar), maxLength: 8 })).map(([k, v]) => `${k}: ${v}`),
);

export const frontMatter: fc.Arbitrary<string[]> = fc.tuple(
  fc.constantFrom("---", "---", "--- ", "\ufeff---", "----", "---\t"),
  fc.array(yamlLine, { maxLength: 10 }),
  fc.constantFrom("---", "---", "...", "--- ", "", "----"),
).map(([open, body, close]) => [open, ...body, ...(close ? [close] : [])]);

export const heading: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constantFrom("#", "##", "###", "######", "#######", " ##", "    ##", "#"), fc.constantFrom(" ", " ", "  ", "\t", ""), fc.oneof(
    fc.constantFrom("Description", "Impact", "Sources", "Background", "DESCRIPTION", "impact", "*Description*", "Descrip*tion*", "`Impact`", "Impact:", "Sources ##", "Title", "Port strike ends", "Description [@a]", ""),
    proseLine,
  )).map(([h, sp, t]) => [`${h}${sp}${t}`]),
  fc.tuple(fc.constantFrom("Description", "Impact", "Sources", "Title"), fc.constantFrom("===", "---", "=", "- - -")).map(([t, u]) => [t, u]),
  fc.constantFrom<string[]>(["Impact:"], ["Impact: Prices rise [@a]."], ["**Description**:"], ["**Description:** The port reopened [@harbour-notice]."], ["__Impact:__ none"], ["**Sources**:"], ["Sources:"], ["description: text"], ["Date: 2025-08-24"], ["**Date:** 2025-02-30"], ["Date:2025-13-45"]),
);

export const paragraph: fc.Arbitrary<string[]> = fc.array(proseLine, { minLength: 1, maxLength: 4 });

export const codeFence: fc.Arbitrary<string[]> = fc.tuple(fc.constantFrom("```", "~~~", "````", "```js", " ```", "    ```"), fc.array(fc.oneof(proseLine, fc.constant("```")), { maxLength: 3 }), fc.boolean()).map(([f, body, closed]) => [f, ...body, ...(closed ? [f.trim().replace(/[a-z]+$/, "")] : [])]);

export const indentedCode: fc.Arbitrary<string[]> = fc.array(proseLine.map((l) => `    ${l}`), { minLength: 1, maxLength: 2 });

export const referenceLine: fc.Arbitrary<string[]> = fc.tuple(key, fc.constantFrom("../sources/harbour-notice.md", "../refs/local.md", "refs/local.txt", "<../refs/with space.md>", "/etc/passwd", "../../outside.md", "missing.md", "../sources", ".", "C:/x.md", "../refs/bad.txt"), fc.constantFrom("", ' "Title"', " 'T'", " (T)", ' "unterminated')).map(([k, p, t]) => [`[@${k}]: ${p}${t}`]);

export const sourcesList: fc.Arbitrary<string[]> = fc.array(fc.tuple(fc.constantFrom("-", "*", "+", "1.", "2)", "  -"), citation, fc.constantFrom("", " Title", " — note")).map(([m, c, t]) => `${m} ${c}${t}`), { minLength: 1, maxLength: 4 });

export const tableOrRule: fc.Arbitrary<string[]> = fc.constantFrom(["| a | b |", "|---|---|", "| [@a] | 15% |"], ["---"], ["***"], ["___"], ["<div>", "[@a]", "</div>"], ["<!-- [@a] -->"], [""], ["   "], ["\t"], ["> "], ["[link]: http://x.org"]);

const nestPrefix: fc.Arbitrary<string> = fc.array(fc.constantFrom("> ", "- ", "* ", "1. ", "  ", "    ", ">", "10) ", "-\t"), { maxLength: 24 }).map((p) => p.join(""));

/** Nesting past what editors show: 50 to 120 levels of one kind. */
const deepPrefix: fc.Arbitrary<string> = fc.tuple(fc.constantFrom("> ", "- ", "> - ", "1. ", "* > "), fc.integer({ min: 50, max: 120 })).map(([p, n]) => p.repeat(n));

/** A block nested inside block quotes and list items, possibly very deep. */
export const nested: fc.Arbitrary<string[]> = fc.tuple(fc.oneof({ weight: 5, arbitrary: nestPrefix }, { weight: 1, arbitrary: deepPrefix }), fc.oneof(paragraph, heading, codeFence, sourcesList), fc.boolean()).map(([prefix, lines, lazy]) => lines.map((l, i) => (lazy && i > 0 ? l : prefix + l)));

export const block: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: paragraph },
  { weight: 4, arbitrary: heading },
  { weight: 2, arbitrary: sourcesList },
  { weight: 2, arbitrary: nested },
  { weight: 1, arbitrary: codeFence },
  { weight: 1, arbitrary: indentedCode },
  { weight: 1, arbitrary: referenceLine },
  { weight: 1, arbitrary: tableOrRule },
  { weight: 1, arbitrary: frontMatter },
);

// ---------------------------------------------------------------------------------------
// Line ends and documents

export type EolStyle = "lf" | "crlf" | "cr" | "mixed";
export const eolStyle: fc.Arbitrary<EolStyle> = fc.constantFrom<EolStyle>("lf", "crlf", "cr", "mixed");
const EOL: Record<Exclude<EolStyle, "mixed">, string> = { lf: "\n", crlf: "\r\n", cr: "\r" };

/** Joins lines with one line end style; "mixed" picks each line end from `picks` in turn. */
export function joinWith(lines: readonly string[], style: EolStyle, picks: readonly number[] = [0, 1, 2]): string {
  if (style !== "mixed") return lines.join(EOL[style]);
  const ends = ["\n", "\r\n", "\r"];
  let out = lines[0] ?? "";
  for (let i = 1; i < lines.length; i++) out += ends[(picks[i % picks.length] ?? 0) % 3] + lines[i];
  return out;
}

/** A document from lines, with a line end style and whether it ends with a line end. */
export function document(lines: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc.tuple(lines, eolStyle, fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 5 }), fc.boolean()).map(([ls, style, picks, finalEol]) => joinWith(finalEol ? [...ls, ""] : ls, style, picks));
}

/** Blocks separated by blank lines (or not), as lines. */
export const blocksLines: fc.Arbitrary<string[]> = fc.tuple(fc.option(frontMatter, { nil: undefined, freq: 2 }), fc.array(fc.tuple(block, fc.constantFrom(0, 1, 1, 1, 2)), { maxLength: 14 })).map(([fm, blocks]) => {
  const out = fm ? [...fm] : [];
  for (const [b, blanks] of blocks) {
    out.push(...b);
    for (let i = 0; i < blanks; i++) out.push("");
  }
  return out;
});

/** A brief that looks like one: front matter, title, the sections, prose, sources. */
export const briefLikeLines: fc.Arbitrary<string[]> = fc.tuple(
  fc.option(frontMatter, { nil: undefined, freq: 4 }),
  fc.option(fc.constantFrom("# Port strike ends", "# Title [@a]", "Title\n====="), { nil: undefined }),
  fc.shuffledSubarray(["Description", "Impact", "Sources", "Background"], { minLength: 0, maxLength: 4 }),
  fc.array(fc.array(block, { maxLength: 3 }), { minLength: 4, maxLength: 4 }),
  fc.constantFrom("heading", "label", "mixed"),
).map(([fm, title, sections, bodies, style]) => {
  const out: string[] = fm ? [...fm, ""] : [];
  if (title) out.push(...title.split("\n"), "");
  sections.forEach((name, i) => {
    const label = style === "label" || (style === "mixed" && i % 2 === 1);
    out.push(label ? `${name}:` : `## ${name}`, "");
    for (const b of bodies[i]) out.push(...b, "");
  });
  return out;
});

/** Fully random text: any UTF-16 code units (lone surrogates, NUL) or any code points. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: anyCodeUnit, maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.string({ unit: fc.oneof(fc.constantFrom("[", "]", "@", "\n", "\r", "\r\n", " ", "#", "-", ">", "`", '"', "*", ":", "a", "1", "."), oddChar), maxLength: 200 }),
);

/** Any brief-like or random text: the generator the parsers and rules are fuzzed with. */
export const markdownDoc: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: document(briefLikeLines) },
  { weight: 4, arbitrary: document(blocksLines) },
  { weight: 1, arbitrary: randomText },
);

/** A single paragraph (no blank lines), for the sentence splitter. */
export const paragraphText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: document(paragraph) },
  { weight: 1, arbitrary: randomText },
);

/** A sentence, for quote and figure extraction. */
export const sentenceText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: proseLine },
  { weight: 2, arbitrary: fc.array(fc.oneof(quote, number, word), { maxLength: 10 }).map((p) => p.join(" ")) },
  { weight: 1, arbitrary: randomText },
);

/** Sorted, disjoint [start, end) ranges inside a text of length `n`. */
export function skipRanges(n: number): fc.Arbitrary<Array<[number, number]>> {
  return fc.uniqueArray(fc.nat({ max: n }), { maxLength: 8 }).map((cuts) => {
    const s = [...cuts].sort((a, b) => a - b);
    const out: Array<[number, number]> = [];
    for (let i = 0; i + 1 < s.length; i += 2) if (s[i] < s[i + 1]) out.push([s[i], s[i + 1]]);
    return out;
  });
}

// ---------------------------------------------------------------------------------------
// Sources, configs and workspaces

/** A source file's text: front matter (maybe with an id), passages holding the phrases, figures, odd text. */
export const sourceText: fc.Arbitrary<string> = fc.tuple(
  fc.option(fc.tuple(fc.option(fc.constantFrom(...KEYS), { nil: undefined }), fc.array(yamlLine, { maxLength: 3 })), { nil: undefined }),
  fc.array(fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PHRASES) },
    { weight: 3, arbitrary: proseLine },
    { weight: 1, arbitrary: heading.map((h) => h.join("\n")) },
    { weight: 1, arbitrary: number },
    { weight: 1, arbitrary: randomText },
  ), { maxLength: 8 }),
  eolStyle,
).map(([fm, paras, style]) => {
  const lines: string[] = [];
  if (fm) lines.push("---", ...(fm[0] ? [`id: ${fm[0]}`] : []), ...fm[1], "---", "");
  for (const p of paras) lines.push(...p.split("\n"), "");
  return joinWith(lines, style);
});

export interface SourceFile {
  path: string;
  content: string | Uint8Array;
}

export const sourceFile: fc.Arbitrary<SourceFile> = fc.tuple(
  fc.constantFrom("harbour-notice.md", "grain-report.txt", "ferry-survey.markdown", "a.md", "b.txt", "deep/nested/x.y.md", "deep/k.md", "clé.md", "UPPER.MD", "notes.pdf"),
  fc.oneof(
    { weight: 8, arbitrary: sourceText },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0xff, 0xfe, 0x41]), new Uint8Array([0x41, 0, 0x42]), new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x0a]), new Uint8Array([0xed, 0xa0, 0x80])) },
  ),
).map(([name, content]) => ({ path: `/ws/sources/${name}`, content }));

/** `.briefrc.json` texts: valid-looking configs with odd values, comments, duplicates, and noise. */
export const configText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(
    fc.array(fc.oneof(
      fc.constantFrom(
        '"files": ["**/*.brief.md"]', '"files": "x"', '"files": [1, null]', '"files": []',
        '"sources": ["sources"]', '"sources": ["../outside"]', '"sources": ["/abs", "", "sources/deep"]', '"sources": {}',
        '"requiredSections": ["Description", "Impact"]', '"requiredSections": ["Impact", "Description", "Background"]', '"requiredSections": [""]', '"requiredSections": ["Description", "Description"]',
        '"citationRequired": ["Description", "Impact"]', '"citationRequired": [true]',
        '"sectionLength": {"Description": {"min": 3, "max": 40}}', '"sectionLength": {"Impact": {"max": 0}}', '"sectionLength": {"x": {"min": -1, "max": "a"}}', '"sectionLength": []',
        '"rules": {"weak-support": "off"}', '"rules": {"weak-support": "error", "MD009": "hint", "nope": "error"}', '"rules": {"uncited-claim": "loud"}', '"rules": {"malformed-citation": null}', '"rules": "off"',
        '"markdownlint": false', '"markdownlint": {"MD013": true}', '"markdownlint": {"default": false}', '"markdownlint": 3',
        '"maxSourceBytes": 1', '"maxSourceBytes": -5', '"maxSourceBytes": 1e400', '"maxSourceBytes": "big"',
        '"supportThreshold": 0.9', '"supportThreshold": 2', '"supportThreshold": -0', '"limits": {"nesting": 2, "paragraphLines": 1}', '"limits": {"markdownlintBytes": 0}',
        '"$schema": "x"', '"unknown": 1', '"files": ["a"], "files": ["b"]', '"__proto__": {"x": 1}', '"constructor": 1',
      ),
      fc.tuple(fc.string({ unit: fc.oneof(fc.constantFrom("a", "\\", '"', "u", "0"), oddChar), maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v) ?? "null"}`),
    ), { maxLength: 6 }),
    fc.constantFrom(",", ", ", ",\n  ", ",\r\n  ", ",\r", ",//c\n", ",/* c */"),
    fc.constantFrom("", ",", " // trailing\n", "/*", "\n}"),
    eolStyle,
  ).map(([entries, sep, tail, style]) => joinWith(`{${entries.join(sep)}${tail}}`.split("\n"), style)) },
  { weight: 1, arbitrary: fc.constantFrom("", "[]", "null", "1", '"x"', "{", "}", "{]", "\ufeff{}", "{}\0", "{\"a\":}", "// only a comment", "{\"files\": [\"\\ud800\"]}") },
  { weight: 1, arbitrary: randomText },
);

export interface Workspace {
  files: Record<string, string | Uint8Array>;
  /** The brief's path and text. */
  path: string;
  text: string;
  settings: {
    requiredSections: string[];
    citationRequired: string[];
    sectionLength: Record<string, { min?: number; max?: number }>;
    rules: Record<string, "error" | "warning" | "information" | "hint">;
  };
}

/** Every rule on, at its default severity (brief rules and library rules). */
export const RULES_ON = {
  "missing-metadata": "warning", "required-section": "error", "empty-section": "error", "duplicate-section": "error", "section-order": "warning",
  "section-length": "warning", "malformed-citation": "error", "unknown-source": "error", "duplicate-source-key": "error", "unused-source": "warning",
  "unlisted-source": "warning", "uncited-claim": "warning", "quote-mismatch": "error", "number-mismatch": "warning", "weak-support": "information",
  "source-unreadable": "warning",
} as const;

/** A workspace at /ws: sources, maybe a config file and local reference files, and one brief. */
export const workspace: fc.Arbitrary<Workspace> = fc.record({
  // The first source always holds the phrases under a key briefs cite, so the rules that read
  // cited sources (quote-mismatch, number-mismatch, weak-support) have something to read.
  main: fc.tuple(fc.constantFrom(...KEYS.slice(0, 4)), fc.array(fc.constantFrom(...PHRASES), { minLength: 1, maxLength: 6 }), sourceText, eolStyle).map(([k, phrases, extra, style]) => ({
    path: `/ws/sources/${k.replace(/[^\w-]/g, "_")}.md`,
    content: joinWith(["---", `id: ${k}`, "title: Main source", "---", "", ...phrases.flatMap((p) => [p + ".", ""]), extra], style),
  })),
  sources: fc.uniqueArray(sourceFile, { maxLength: 4, selector: (f) => f.path }),
  config: fc.option(configText, { nil: undefined, freq: 4 }),
  markdownlintYaml: fc.option(fc.constantFrom("MD009: false\n", "default: false\n", "MD013: true\nMD041: true\n", "&a x: *a\n", ": : :\n", "- list\n", "MD001: [\n"), { nil: undefined, freq: 6 }),
  local: fc.option(sourceText, { nil: undefined }),
  text: markdownDoc,
  name: fc.constantFrom("/ws/briefs/a.brief.md", "/ws/a.brief.md", "/ws/briefs/deep/x.md"),
  required: fc.shuffledSubarray(["Description", "Impact", "Background"], { minLength: 0, maxLength: 3 }),
  citationRequired: fc.subarray(["Description", "Impact", "Background"]),
  sectionLength: fc.dictionary(fc.constantFrom("Description", "Impact", "Sources"), fc.record({ min: fc.option(fc.nat({ max: 20 }), { nil: undefined }), max: fc.option(fc.nat({ max: 40 }), { nil: undefined }) }), { maxKeys: 2 }),
}).map((w) => {
  const files: Record<string, string | Uint8Array> = {};
  files[w.main.path] = w.main.content;
  for (const s of w.sources) files[s.path] = s.content;
  if (w.config !== undefined) files["/ws/.briefrc.json"] = w.config;
  if (w.markdownlintYaml !== undefined) files["/ws/.markdownlint.yaml"] = w.markdownlintYaml;
  if (w.local !== undefined) {
    files["/ws/refs/local.md"] = w.local;
    files["/ws/refs/local.txt"] = w.local;
    files["/ws/refs/with space.md"] = w.local;
    files["/ws/refs/bad.txt"] = new Uint8Array([0xc3, 0x28]);
  }
  return {
    files,
    path: w.name,
    text: w.text,
    settings: { requiredSections: w.required, citationRequired: w.citationRequired, sectionLength: w.sectionLength, rules: { ...RULES_ON } },
  };
});
