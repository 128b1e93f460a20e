/**
 * What the engine takes from a Node host (src/core has no Node-only I/O): WordNet's lexicon from
 * dist/lexicon.txt, the language pack from dist/languages.js (both on first use), and Node's own
 * UTF-8 check. Each host (CLI, extension, MCP server) installs them before its first check.
 */
import { isUtf8 } from "node:buffer";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { setTextPacker, type TextPacker } from "../core/sources/sourceText";
import { setLanguagePack } from "../core/lang/language";
import { setUtf8Check } from "../core/text";
import { setLexiconSource } from "../core/verify/lexicon";
import { nodeLanguagePack } from "./languagePack";
import { nodeLexicon } from "./lexicon";

export function installNodeHooks(): void {
  setLexiconSource(nodeLexicon);
  setLanguagePack(nodeLanguagePack);
  setUtf8Check((bytes) => isUtf8(bytes));
}

/**
 * Sources' texts deflated while nobody reads them (src/core/sources/sourceText.ts): for the hosts
 * that keep a whole library in memory (the extension, the MCP server). Level 1: the fastest
 * (about 0.1 ms a news article to pack, 0.05 ms to unpack), to about 0.4 of its UTF-8 size. A
 * text with a lone surrogate (UTF-8 cannot carry it exactly) stays as it is.
 */
export const nodeTextPacker: TextPacker = {
  pack(text) {
    if (/\p{Surrogate}/u.test(text)) return undefined;
    // A copy of exactly the packed bytes (zlib's result is a view on a larger block).
    return new Uint8Array(deflateRawSync(Buffer.from(text, "utf8"), { level: 1 }));
  },
  unpack(packed) {
    return inflateRawSync(packed).toString("utf8");
  },
};

export function installTextPacker(): void {
  setTextPacker(nodeTextPacker);
}
