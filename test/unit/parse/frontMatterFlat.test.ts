import * as assert from "node:assert/strict";
import { parseDocument } from "yaml";
import { cannotHoldId, parseFrontMatter } from "../../../src/core/parse/frontMatter";

/**
 * The front matter's fast path (one `key: plain value` a line, read without the YAML library)
 * reads every value as the YAML library does: a URL's colon, capitals, other number forms,
 * comments and mappings included (the last ones by handing them to the library).
 */
describe("front matter: the fast path reads what YAML reads", () => {
  const values = ["https://courier.example/a-b?x=1", "a:b", "Foo (bar) baz", "2026-01-01", "2026-01-01T08:00:00Z", "12", "-3.5", "007", "1e3", "1.", "0x1F", "0o17", "True", "true", "NULL", "null", "x, y", "it's mine", "a #b", "a#b", "a: b", "ab:", "Mayor's plan", "50%", "a&b", "a*b", "C++ [draft] {x}", "1,000", "12:30", "3 May 2026", "a\tb", "a`b", "a|b", "a>b", "a!b", "a@b", "yes", "No", "x ~", "https://x.example/#frag", "a:\tb"];
  for (const v of values) {
    it(JSON.stringify(v), () => {
      const doc = parseDocument(`id: ${v}\ntitle: T\n`, { uniqueKeys: false });
      const want = doc.errors.length ? {} : doc.toJS();
      assert.deepEqual(parseFrontMatter(`---\nid: ${v}\ntitle: T\n---\nbody\n`).data, want);
    });
  }
});

describe("front matter: a block that cannot hold an id", () => {
  it("never hides an id the YAML holds (random blocks of plain, quoted, flow, anchored and nested lines)", () => {
    const lines = ["title: Ferry log", "id: ferry-log", "id : spaced", '"id": quoted', "'id': single", "{id: flow}", "? id\n: complex", "base: &b {id: anchored}", "<<: *b", "!!str id: tagged", "  id: nested", "meta:\n  id: nested-too", "identity: not the key", "idea: nor this", "ids: [1, 2]", "url: https://x.example/id:3", "- listed", "%YAML 1.2", "said: the id was set", "title: 'id: in a value'", "other: |\n  id: in a block"];
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let shortcuts = 0;
    for (let n = 0; n < 3000; n++) {
      const k = 1 + Math.floor(rand() * 4);
      const yaml = Array.from({ length: k }, () => lines[Math.floor(rand() * lines.length)]).join("\n") + "\n";
      const data = parseFrontMatter(`---\n${yaml}---\nbody\n`).data;
      if (cannotHoldId(yaml)) {
        shortcuts++;
        assert.equal(data.id, undefined, yaml);
      }
    }
    assert.ok(shortcuts > 300, `${shortcuts} blocks took the shortcut`);
  });
});
