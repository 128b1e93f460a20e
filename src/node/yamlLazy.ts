/**
 * The bundles' stand-in for the `yaml` package (swapped in by scripts/build.mjs): the YAML library
 * (about 115 KB) is loaded from `dist/yaml.js` the first time a front matter, bibliography or
 * markdownlint config is more than flat `key: value` lines, never at activation or start-up.
 * Only what brief-author calls is forwarded; the source (and the tests) import `yaml` itself.
 */
import * as path from "node:path";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(path.join(__dirname, "yaml.js")) as typeof Yaml);
}

export const parseDocument: typeof Yaml.parseDocument = ((...args: Parameters<typeof Yaml.parseDocument>) => yaml().parseDocument(...args)) as typeof Yaml.parseDocument;
export const parse: typeof Yaml.parse = ((...args: Parameters<typeof Yaml.parse>) => yaml().parse(...args)) as typeof Yaml.parse;
export const stringify: typeof Yaml.stringify = ((...args: Parameters<typeof Yaml.stringify>) => yaml().stringify(...args)) as typeof Yaml.stringify;
export const isAlias: typeof Yaml.isAlias = ((node: unknown) => yaml().isAlias(node)) as typeof Yaml.isAlias;
export const isMap: typeof Yaml.isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isSeq: typeof Yaml.isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
/** `visit`, with the library's own BREAK, SKIP and REMOVE symbols (a visitor returns them). */
export const visit: typeof Yaml.visit = Object.defineProperties(((...args: Parameters<typeof Yaml.visit>) => yaml().visit(...args)) as typeof Yaml.visit, {
  BREAK: { get: () => yaml().visit.BREAK },
  SKIP: { get: () => yaml().visit.SKIP },
  REMOVE: { get: () => yaml().visit.REMOVE },
});
