import * as assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzIt } from "./harness";
import { configText } from "./arbitraries";
import { VsDoc, assertRange, assertSame, assertSpan } from "./invariants";
import { parseConfigText } from "../../src/core/config";
import { RULE_NAMES } from "../../src/core/rules";

const SEVERITIES = ["error", "warning", "information", "hint", "off"];
const isStringList = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");

describe("fuzz: config", () => {
  fuzzIt("parseConfigText: never throws, deterministic, problems inside the file, values of the documented types", 5000, () =>
    fc.property(configText, fc.boolean(), (text, withRules) => {
      const known = withRules ? [...RULE_NAMES] : [];
      const r = parseConfigText(text, known);
      assertSame(r, parseConfigText(text, known), "parseConfigText");
      const doc = new VsDoc(text);
      r.problems.forEach((p, i) => {
        assertRange(doc, p.range, `problem ${i} (${p.message})`);
        assert.ok(p.severity === "error" || p.severity === "warning", `problem ${i}: severity ${p.severity}`);
        assert.equal(typeof p.message, "string");
      });
      const c = r.config;
      for (const k of ["files", "sources", "requiredSections", "citationRequired"] as const) {
        if (c[k] !== undefined) assert.ok(isStringList(c[k]), `${k} is not a list of strings: ${JSON.stringify(c[k])}`);
      }
      if (c.rules !== undefined) for (const [k, v] of Object.entries(c.rules)) assert.ok(SEVERITIES.includes(v), `rule ${k}: severity ${JSON.stringify(v)}`);
      if (c.sectionLength !== undefined) {
        for (const [k, b] of Object.entries(c.sectionLength)) {
          for (const n of [b.min, b.max]) assert.ok(n === undefined || (typeof n === "number" && n >= 0), `sectionLength ${k}: bound ${JSON.stringify(n)}`);
        }
      }
      if (c.maxSourceBytes !== undefined) assert.ok(typeof c.maxSourceBytes === "number" && c.maxSourceBytes > 0, `maxSourceBytes ${c.maxSourceBytes}`);
      if (c.supportThreshold !== undefined) assert.ok(c.supportThreshold >= 0 && c.supportThreshold <= 1, `supportThreshold ${c.supportThreshold}`);
      if (c.markdownlint !== undefined) assert.ok(c.markdownlint === false || (typeof c.markdownlint === "object" && c.markdownlint !== null), "markdownlint");
      if (c.limits !== undefined) for (const [k, n] of Object.entries(c.limits)) assert.ok(typeof n === "number" && n > 0, `limit ${k}: ${n}`);
      if (r.sourceSpans) {
        assert.equal(r.sourceSpans.length, c.sources?.length, "one span per source folder");
        r.sourceSpans.forEach((s, i) => {
          assertSpan(text.length, s.offset, s.offset + s.length, `source span ${i}`);
          assert.equal(text[s.offset], '"', `source span ${i} does not start at a string`);
        });
      }
    }),
  );
});
