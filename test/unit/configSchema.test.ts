import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Validator } from "@cfworker/json-schema";
import { parseConfigText } from "../../src/core/config";
import { RULE_NAMES } from "../../src/core/rules";

/**
 * `.briefrc.json` is valid where its JSON schema says so: the CLI and the engine validate with the
 * schema the editor uses (schemas/briefrc.schema.json), so the two cannot disagree. Each value
 * below is tried alone under its key: the engine keeps it exactly when the schema accepts it.
 */
describe(".briefrc.json: the engine and the schema agree", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "schemas", "briefrc.schema.json"), "utf8"));
  const whole = new Validator(schema, "7", false);
  const samples: Record<string, unknown[]> = {
    files: [["**/*.brief.md"], [], "x.md", [1], [null], {}],
    sources: [["sources"], ["a", "b"], "sources", [true]],
    requiredSections: [["Description"], [""], [], [3]],
    citationRequired: [["Impact"], [""], "Impact"],
    bibliography: ["refs.bib", ["a.bib", "b.json"], [1], 3, {}],
    sectionLength: [{}, { Description: { max: 300 } }, { Description: { min: -1 } }, { Description: { words: 3 } }, { Description: 3 }, [], "x"],
    rules: [{}, { "weak-support": "off" }, { "weak-support": "loud" }, { MD013: "warning" }, { MD013: 1 }, [], "off"],
    markdownlint: [false, true, {}, { MD013: false }, [], "off", null],
    maxSourceBytes: [1, 1048576, 0, -5, "1", null],
    supportThreshold: [0, 0.3, 1, 1.2, -0.1, "0.3"],
    limits: [{}, { nesting: 10 }, { nesting: 0 }, { nesting: "10" }, { depth: 3 }, [], 5],
    $schema: ["./schemas/briefrc.schema.json", 3],
  };
  for (const [key, values] of Object.entries(samples)) {
    for (const value of values) {
      it(`${key}: ${JSON.stringify(value)}`, () => {
        const text = JSON.stringify({ [key]: value });
        const schemaSays = whole.validate({ [key]: value }).valid;
        const r = parseConfigText(text, [...RULE_NAMES]);
        const kept = r.problems.filter((p) => p.severity === "error").length === 0;
        assert.equal(kept, schemaSays, `${text}: engine ${kept ? "keeps" : "refuses"} it, schema ${schemaSays ? "accepts" : "refuses"} it: ${r.problems.map((p) => p.message).join("; ")}`);
        if (!kept) assert.match(r.problems[0].message, new RegExp(`"${key.replace("$", "\\$")}" at line 1: `));
      });
    }
  }

  it("every setting of the schema says what a bad value must be (errorMessage, shown by VS Code too)", () => {
    for (const [key, s] of Object.entries<{ errorMessage?: string }>(schema.properties)) assert.ok(s.errorMessage && s.errorMessage.length > 10, key);
  });

  it("a setting the schema does not know is a warning, not an error", () => {
    const r = parseConfigText(`{ "sourcez": ["x"] }`, [...RULE_NAMES]);
    assert.deepEqual(r.problems.map((p) => [p.severity, p.message]), [["warning", 'unknown setting "sourcez" at line 1 is ignored']]);
  });
});
