import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findCitations } from "../../src/core/parse/citations";
import { DEFAULT_CONFIG } from "../../src/core/config";

/** Checks of the extension manifest and the static files it contributes. */

const ROOT = path.join(__dirname, "..", "..");
const readJson = (rel: string): any => JSON.parse(fs.readFileSync(path.join(ROOT, rel), "utf8"));

/** The rule names, read from the rule modules' source (importing them would load the whole checker). */
const RULE_NAMES = fs
  .readdirSync(path.join(ROOT, "src", "core", "rules"))
  .flatMap((f) => [...fs.readFileSync(path.join(ROOT, "src", "core", "rules", f), "utf8").matchAll(/^\s*name: "([a-z][a-z-]*)",$/gm)].map((m) => m[1]));
const pkg = readJson("package.json");
const contributes = pkg.contributes;

/**
 * TextMate patterns here are written to mean the same in Oniguruma and in JS with the `u` flag, but
 * for `\G` (where the last begin match ended). The grammar uses it to wait for Markdown's paragraph
 * rule to begin, and in a paragraph that begins a line it stands at the line's start after at most
 * three spaces, which JS can say with a look-behind.
 */
const re = (source: string, flags = "") => new RegExp(source.replace(/\\G/g, "(?<=^[ ]{0,3})"), "u" + flags);

describe("manifest (package.json)", () => {
  it("activates on Markdown, on briefs and on a .briefrc.json", () => {
    assert.deepEqual(pkg.activationEvents, ["onLanguage:markdown", "workspaceContains:**/*.brief.md", "workspaceContains:**/.briefrc.json"]);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, "limited");
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /untrusted/);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
  });

  it("gives every contributed command the category Brief and a title", () => {
    assert.ok(contributes.commands.length >= 8);
    for (const c of contributes.commands) {
      assert.equal(c.category, "Brief", c.command);
      assert.ok(c.title && !c.title.startsWith("Brief:"), c.command);
      assert.match(c.command, /^briefAuthor\./);
    }
  });

  it("contributes exactly the commands the extension registers", () => {
    const dir = path.join(ROOT, "src", "extension");
    const registered = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".ts")) for (const m of fs.readFileSync(p, "utf8").matchAll(/(?:reg|registerCommand)\(\s*"(briefAuthor\.[\w.]+)"/g)) registered.add(m[1]);
      }
    };
    walk(dir);
    const contributed = contributes.commands.map((c: any) => c.command).sort();
    assert.deepEqual(contributed, [...registered].sort());
  });

  it("shows editor-only commands in the palette only for Markdown editors", () => {
    const when = new Map(contributes.menus.commandPalette.map((m: any) => [m.command, m.when]));
    for (const id of ["briefAuthor.insertCitation", "briefAuthor.updateSourcesSection", "briefAuthor.fixAllMarkdownlint"]) {
      assert.equal(when.get(id), "editorLangId == markdown", id);
    }
    const ids = new Set(contributes.commands.map((c: any) => c.command));
    for (const m of contributes.menus.commandPalette) assert.ok(ids.has(m.command), m.command);
  });

  it("gives every setting a markdownDescription that says how .briefrc.json relates to it", () => {
    assert.equal(contributes.configuration.title, "Brief Author");
    const props = contributes.configuration.properties;
    assert.ok(Object.keys(props).length >= 13);
    for (const [name, p] of Object.entries<any>(props)) {
      assert.match(name, /^briefAuthor\./);
      assert.equal(typeof p.markdownDescription, "string", name);
      assert.match(p.markdownDescription, /\.briefrc\.json/, name);
      assert.ok("default" in p, name);
    }
  });

  it("uses the core's defaults for the settings the config file shares", () => {
    const props = contributes.configuration.properties;
    for (const key of ["files", "sources", "requiredSections", "citationRequired", "maxSourceBytes", "supportThreshold"] as const) {
      assert.deepEqual(props[`briefAuthor.${key}`].default, DEFAULT_CONFIG[key], key);
    }
    assert.deepEqual(props["briefAuthor.rules"].default, {});
    assert.deepEqual(props["briefAuthor.run"].enum, ["onType", "onSave"]);
    assert.equal(props["briefAuthor.run"].enumDescriptions.length, 2);
    assert.equal(props["briefAuthor.debounceMs"].minimum, 0);
  });

  it("names every rule in briefAuthor.rules and allows markdownlint names", () => {
    const rules = contributes.configuration.properties["briefAuthor.rules"];
    assert.deepEqual(Object.keys(rules.properties).sort(), [...RULE_NAMES].sort());
    const severities = ["error", "warning", "information", "hint", "off"];
    for (const p of Object.values<any>(rules.properties)) assert.deepEqual(p.enum, severities);
    assert.deepEqual(rules.additionalProperties.enum, severities);
  });

  it("validates .briefrc.json with a schema that knows every config key, and edits it as JSONC", () => {
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: ".briefrc.json", url: "./schemas/briefrc.schema.json" }]);
    assert.deepEqual(contributes.languages[0], { id: "jsonc", filenames: [".briefrc.json"] });
    // The extracted views' language only wraps long lines: it claims no file of its own.
    assert.deepEqual(contributes.languages[1], { id: "brief-source-view", aliases: ["Extracted Source Text"] });
    assert.deepEqual(contributes.configurationDefaults["[brief-source-view]"], { "editor.wordWrap": "on" });
    const schema = readJson("schemas/briefrc.schema.json");
    for (const key of Object.keys(DEFAULT_CONFIG)) assert.ok(key in schema.properties, key);
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...RULE_NAMES].sort());
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.properties.supportThreshold.maximum, 1);
  });

  it("sets the walkthrough's example brief in the demo's invented places, not a real one", () => {
    const example = fs.readFileSync(path.join(ROOT, "media", "walkthrough", "create-brief.md"), "utf8");
    const title = /^title: (.+)$/m.exec(example)?.[1] ?? "";
    const demo = fs.readdirSync(path.join(ROOT, "examples", "sources")).filter((f) => f.endsWith(".md")).map((f) => fs.readFileSync(path.join(ROOT, "examples", "sources", f), "utf8")).join("\n");
    const places = title.split(/\s+/).filter((w) => /^[A-Z]/.test(w));
    assert.ok(places.length > 0, title);
    for (const place of places) assert.ok(demo.includes(place), `${place} (from "${title}") is not a place of the demo workspace`);
  });

  it("ticks every walkthrough step on a command of the extension", () => {
    const steps = readJson("package.json").contributes.walkthroughs[0].steps as Array<{ id: string; completionEvents: string[] }>;
    for (const step of steps) assert.ok(step.completionEvents.some((e) => e.startsWith("onCommand:briefAuthor.")), step.id);
    const src = fs.readFileSync(path.join(ROOT, "src", "extension", "features", "walkthrough.ts"), "utf8");
    const ids = /type WalkthroughStep = ([^;]+);/.exec(src)?.[1].match(/"(\w+)"/g)?.map((q) => q.slice(1, -1));
    assert.deepEqual(ids?.sort(), steps.map((s) => s.id).sort(), "markStep knows exactly the manifest's steps");
  });

  it("points every contributed file at a file that exists", () => {
    const files = [
      pkg.icon,
      ...contributes.snippets.map((s: any) => s.path),
      ...contributes.grammars.map((g: any) => g.path),
      ...contributes.jsonValidation.map((j: any) => j.url),
      ...contributes.walkthroughs.flatMap((w: any) => w.steps.map((s: any) => s.media.markdown)),
    ];
    for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, f)), f);
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from("PNG")]);
    assert.equal(png.readUInt32BE(16), 128);
  });

  it("has a walkthrough whose steps link the commands they teach", () => {
    const [w] = contributes.walkthroughs;
    assert.equal(w.title, "Get started with Brief Author");
    const text = w.steps.map((s: any) => s.description).join("\n");
    assert.match(text, /\(command:briefAuthor\.newBrief\)/);
    assert.match(text, /\(command:briefAuthor\.checkWorkspace\)/);
    assert.match(text, /\[@/);
  });
});

describe("snippets", () => {
  const snippets = readJson("snippets/brief.code-snippets");
  const byPrefix = new Map<string, any>(Object.values<any>(snippets).map((s) => [s.prefix, s]));
  const body = (s: any): string => (Array.isArray(s.body) ? s.body.join("\n") : s.body);

  it("parses as JSON and every body is a string or a list of strings", () => {
    for (const [name, s] of Object.entries<any>(snippets)) {
      assert.ok(typeof s.body === "string" || (Array.isArray(s.body) && s.body.every((l: unknown) => typeof l === "string")), name);
      assert.ok(s.prefix && s.description, name);
    }
    assert.deepEqual([...byPrefix.keys()].sort(), ["brief", "cite", "description", "impact", "ref", "sourcemeta", "sources"]);
  });

  it("has a brief skeleton with dated front matter and the required sections", () => {
    const b = body(byPrefix.get("brief"));
    assert.match(b, /^---\n/);
    assert.match(b, /date: \$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/);
    assert.match(b, /title: /);
    assert.match(b, /author: /);
    for (const s of ["Description", "Impact", "Sources"]) assert.match(b, new RegExp(`^## ${s}$`, "m"));
  });

  it("has citation, reference-line and source front-matter snippets", () => {
    assert.equal(body(byPrefix.get("cite")), "[@${1:key}]$0");
    assert.match(body(byPrefix.get("ref")), /^\[@\$\{1:key\}\]: \$\{2:path\} "\$\{3:title\}"/);
    const meta = body(byPrefix.get("sourcemeta"));
    for (const k of ["id", "title", "publisher", "published", "url"]) assert.match(meta, new RegExp(`^${k}: `, "m"));
  });
});

describe("citation grammar", () => {
  const grammar = readJson("syntaxes/brief-citations.tmLanguage.json");
  const repo = grammar.repository;
  const begin = re(repo.citation.begin, "g");
  const end = re(repo.citation.end, "g");
  const item = re(repo["citation-item"].match, "g");
  const refLine = re(repo["reference-line"].match);
  const labels = repo["section-label"].patterns.map((p: any) => re(p.match));

  /** A small stand-in for the tokenizer: the citations of one line, as the grammar scopes them. */
  function tokenize(line: string): Array<{ keys: string[]; locators: string[] }> {
    if (refLine.test(line)) return [];
    const out: Array<{ keys: string[]; locators: string[] }> = [];
    begin.lastIndex = 0;
    for (let m = begin.exec(line); m; m = begin.exec(line)) {
      end.lastIndex = m.index + 1;
      const e = end.exec(line);
      assert.ok(e, `no end for the citation in ${line}`);
      const keys: string[] = [];
      const locators: string[] = [];
      item.lastIndex = m.index + 1;
      for (let i = item.exec(line); i && i.index < e.index; i = item.exec(line)) {
        keys.push(i[3]);
        if (i[5] !== undefined) locators.push(i[5].trim());
      }
      out.push({ keys, locators });
      begin.lastIndex = e.index + 1;
    }
    return out;
  }

  it("is an injection into Markdown outside code", () => {
    assert.equal(grammar.scopeName, "markdown.brief.citations");
    const parts = grammar.injectionSelector.split(",").map((p: string) => p.trim());
    assert.match(parts[0], /^L:text\.html\.markdown /);
    // Inside lists and block quotes it waits for the paragraph, so the rest of the line keeps its Markdown scopes.
    assert.match(parts[1], /^L:meta\.paragraph\.markdown /);
    for (const p of parts) for (const s of ["-markup.fenced_code", "-markup.inline.raw", "-markup.raw"]) assert.ok(p.includes(s), `${p} lacks ${s}`);
    assert.ok(parts[0].includes("-meta.embedded.block.frontmatter"));
    assert.deepEqual(contributes.grammars, [{ scopeName: grammar.scopeName, path: "./syntaxes/brief-citations.tmLanguage.json", injectTo: ["text.html.markdown"] }]);
  });

  it("uses no Oniguruma-only syntax but \\G: every regex compiles in JS", () => {
    const visit = (node: any) => {
      if (!node || typeof node !== "object") return;
      for (const k of ["match", "begin", "end", "while"]) if (typeof node[k] === "string") assert.doesNotThrow(() => re(node[k]), node[k]);
      for (const v of Object.values(node)) visit(v);
    };
    visit(grammar);
    assert.doesNotMatch(JSON.stringify(grammar), /\(\?[imx]+[):]|\\\\[AhHzZ]/);
  });

  it("scopes [@key], several items, prefixes and locators", () => {
    assert.deepEqual(tokenize("As reported [@key]."), [{ keys: ["key"], locators: [] }]);
    assert.deepEqual(tokenize("It fell [see @a, p. 3; @b]."), [{ keys: ["a", "b"], locators: ["p. 3"] }]);
    assert.deepEqual(tokenize("[-@doe:2024.a#b, pp. 3-4] and [@서울-회담]"), [
      { keys: ["doe:2024.a#b"], locators: ["pp. 3-4"] },
      { keys: ["서울-회담"], locators: [] },
    ]);
    const line = "x [@a, p. 3]";
    const i = re(repo["citation-item"].match).exec(line)!;
    assert.equal(grammar.repository["citation-item"].captures["3"].name, "entity.name.tag.citation-key.brief");
    assert.equal(grammar.repository["citation-item"].captures["5"].name, "string.other.locator.brief");
    assert.equal(repo.citation.name, "meta.citation.brief");
    assert.equal(i[3], "a");
  });

  it("does not take e-mail addresses, links or escaped brackets for citations", () => {
    assert.deepEqual(tokenize("Write to foo@bar.com today."), []);
    assert.deepEqual(tokenize("[write to foo@bar.com]"), []);
    assert.equal(re(repo["citation-item"].match).exec("foo@bar.com"), null);
    assert.deepEqual(tokenize("[@a](http://x) and [@b][ref] and \\[@c]"), []);
  });

  it("agrees with the core's citation parser on sample lines", () => {
    const lines = [
      "A [@a] b [@b; @c-2] c [@d, p. 3] d [see @e].",
      "In 2024. [@trade-outlook, p. 2] and [@x_1; -@y]",
      "[mail me](x@y.z) and [x@y.com] and [@z](u)",
      "Seventeen years [@summit-report].",
    ];
    for (const line of lines) {
      const core = findCitations(line).citations.filter((c) => !c.inText).map((c) => c.items.map((i) => i.key));
      assert.deepEqual(tokenize(line).map((t) => t.keys), core, line);
    }
  });

  it("scopes Pandoc's in-text citations as the core reads them, and not e-mail addresses, URLs or escaped @", () => {
    const inText = re(repo["in-text-citation"].match, "g");
    const lines = [
      "@smith04 says the quay reopened, and @smith04 [p. 33] adds more.",
      "As -@doe:2024 wrote (see @{https://example.com/x?y=1}) and \"@kim\" too.",
      "Mail board@pellow.example or https://example.com/@user or \\@escaped, not citations.",
      "[@a] and [see @b] are bracketed; [text @c](http://x) is link text.",
    ];
    for (const line of lines) {
      const core = findCitations(line).citations.filter((c) => c.inText).map((c) => c.items[0].key);
      const grammarKeys = [...line.matchAll(inText)].filter((m) => !findCitations(line).citations.some((c) => !c.inText && m.index! >= c.start && m.index! < c.end)).map((m) => m[3].replace(/^\{|\}$/g, ""));
      assert.deepEqual(grammarKeys, core, line);
    }
  });

  it("scopes reference lines: key, path and title", () => {
    const m = refLine.exec('[@memo]: notes/memo.txt "Internal memo"')!;
    assert.ok(m);
    const caps = repo["reference-line"].captures;
    const scoped = Object.fromEntries(Object.entries<any>(caps).map(([n, c]) => [c.name, m[Number(n)]]));
    assert.equal(scoped["entity.name.tag.citation-key.brief"], "memo");
    assert.equal(scoped["markup.underline.link.markdown"], "notes/memo.txt");
    assert.equal(scoped["string.other.link.description.title.markdown"], '"Internal memo"');
    assert.ok(refLine.test("[@a]: a.txt"));
    assert.ok(!refLine.test("See [@a]: a.txt"));
  });

  it("scopes section labels at a line's start, whatever their case", () => {
    const label = (line: string) => labels.some((l: RegExp) => l.test(line));
    for (const s of ["Description: The port reopened.", "**Impact:** Prices fall.", "**Sources**:", "DESCRIPTION: x", "__impact__: y"]) assert.ok(label(s), s);
    for (const s of ["The Description: no", "## Description", "**Impact**", "Descriptions: no", "**Impact:__ x", "- Description: a list item", "    Description: code"]) assert.ok(!label(s), s);
    assert.ok(repo["section-label"].patterns.every((p: any) => p.match.startsWith("\\G")), "labels wait for the paragraph to begin");
  });
});

describe("problem matcher", () => {
  const [matcher] = contributes.problemMatchers;
  const pattern = matcher.pattern;
  const rx = new RegExp(pattern.regexp);
  const parse = (line: string) => {
    const m = rx.exec(line);
    if (!m) return undefined;
    return { file: m[pattern.file], line: m[pattern.line], column: m[pattern.column], severity: m[pattern.severity], code: m[pattern.code], message: m[pattern.message] };
  };

  it("is named brief-author and reads files relative to the workspace folder", () => {
    assert.equal(matcher.name, "brief-author");
    assert.equal(matcher.owner, "brief-author");
    assert.deepEqual(matcher.fileLocation, ["relative", "${workspaceFolder}"]);
  });

  it("parses a CLI text line into its groups", () => {
    assert.deepEqual(parse('briefs/a.brief.md:12:5: error quote-mismatch quote "x" is not in @a'), {
      file: "briefs/a.brief.md",
      line: "12",
      column: "5",
      severity: "error",
      code: "quote-mismatch",
      message: 'quote "x" is not in @a',
    });
  });

  it("captures only severities VS Code knows: information is read as info", () => {
    // VS Code reads "error", "warning"/"warn", "info" and "hint"; "information" would fall back to error.
    const sev = (s: string) => parse(`a.brief.md:1:1: ${s} weak-support no passage supports it`)?.severity;
    assert.equal(sev("error"), "error");
    assert.equal(sev("warning"), "warning");
    assert.equal(sev("information"), "info");
    assert.equal(sev("hint"), "hint");
    assert.equal(parse("a.brief.md:1:1: fatal x y"), undefined);
    // The checker's summary on standard error is no problem.
    assert.equal(parse("3 briefs checked against 5 sources: 3 problems (1 error, 0 warnings, 2 infos)"), undefined);
  });

  it("reads the format's text lines, markdownlint rules and Windows paths included", () => {
    const base = { line: 3, column: 7, message: "the message: with colons" };
    const problems = [
      { ...base, file: "briefs/x.brief.md", severity: "warning", rule: "number-mismatch" },
      { ...base, file: "my briefs/y.brief.md", severity: "information", rule: "weak-support" },
      { ...base, file: "C:\\work\\z.brief.md", severity: "hint", rule: "MD013" },
    ];
    // BRIEF-FORMAT.md: one problem a line, `file:line:column: severity rule message`.
    const parsed = problems.map((p) => parse(`${p.file}:${p.line}:${p.column}: ${p.severity} ${p.rule} ${p.message}`));
    assert.deepEqual(parsed.map((p) => p?.file), ["briefs/x.brief.md", "my briefs/y.brief.md", "C:\\work\\z.brief.md"]);
    assert.deepEqual(parsed.map((p) => p?.severity), ["warning", "info", "hint"]);
    assert.deepEqual(parsed.map((p) => p?.code), ["number-mismatch", "weak-support", "MD013"]);
    assert.ok(parsed.every((p) => p?.message === base.message && p.line === "3" && p.column === "7"));
  });
});

describe(".vscodeignore", () => {
  const lines = fs
    .readFileSync(path.join(ROOT, ".vscodeignore"), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const keep = new Set(lines.filter((l) => l.startsWith("!")).map((l) => l.slice(1)));

  it("ships the bundles and contributed files and nothing of the sources", () => {
    assert.ok(lines.includes("**"));
    for (const f of ["package.json", "README.md", "dist/extension.js", "dist/cli.js"]) assert.ok(keep.has(f), f);
    assert.ok(pkg.bin["brief-author"].endsWith("dist/cli.js"));
    assert.ok(pkg.main.endsWith("dist/extension.js"));
    for (const k of keep) assert.ok(!/^(src|test|out|scripts|examples|node_modules)\b|\.map$/.test(k), k);
  });
});
