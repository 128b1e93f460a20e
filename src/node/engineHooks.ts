/**
 * What the engine takes from a Node host (src/core has no Node-only I/O): WordNet's lexicon from
 * dist/lexicon.txt, the language pack from dist/languages.js (both on first use), and Node's own
 * UTF-8 check. Each host (CLI, extension, MCP server) installs them before its first check.
 */
import { isUtf8 } from "node:buffer";
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
