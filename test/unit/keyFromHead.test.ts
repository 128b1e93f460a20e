import * as assert from "node:assert/strict";
import { decodeSource, keyFromHead } from "../../src/core/sources/library";
import { setUtf8Check, validUtf8, validUtf8Here } from "../../src/core/text";
import { isUtf8 } from "node:buffer";
import { cannotHoldId, flatFrontMatterId, frontMatterBlock, frontMatterData, frontMatterString } from "../../src/core/parse/frontMatter";
import { sourceName } from "../../src/core/sources/kinds";

/** keyFromHead as it was when it decoded the whole head: the oracle. */
function keyFromHeadWholeDecode(path: string, bytes: Uint8Array, size: number): string | { error: string } | undefined {
  const whole = bytes.length >= size;
  let text: string;
  if (whole) {
    const decoded = decodeSource(bytes);
    if ("error" in decoded) return decoded;
    text = decoded.text;
  } else {
    if (bytes.indexOf(0) !== -1) return { error: "is a binary file (it holds NUL bytes), not text" };
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    if (bytes[bom] !== 0x2d || bytes[bom + 1] !== 0x2d || bytes[bom + 2] !== 0x2d) return sourceName(path);
    let i = bytes.length;
    let back = 0;
    while (back < 3 && i - back - 1 >= 0 && (bytes[i - back - 1] & 0xc0) === 0x80) back++;
    const lead = i - back - 1;
    if (lead >= 0) {
      const b = bytes[lead];
      const need = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
      if (back + 1 < need) i = lead;
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, i)).replace(/^\uFEFF/, "");
    } catch {
      return { error: "is not valid UTF-8 text; save it as UTF-8" };
    }
  }
  const name = sourceName(path);
  if (!text.startsWith("---")) return name;
  const block = frontMatterBlock(text);
  if (!whole && (!block || block.bodyOffset >= text.length)) return undefined;
  if (!block) return name;
  const yaml = text.slice(block.yamlStart, block.yamlEnd);
  if (cannotHoldId(yaml)) return name;
  return frontMatterString(frontMatterData(yaml).id) ?? name;
}

describe("a source's key from the head of its file", () => {
  it("is what decoding the whole head gives, for fences, line ends, byte order marks, cut characters and bad bytes", () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
    const breaks = ["\n", "\r\n", "\r"];
    const fences = ["---", "--- ", "---\t", "...", "----", "-- -", "---x", "...", "--x", "..-", "-.-", "--", "... "];
    const values = ["news-1", "Ĳssel-Ω", "“quoted”", "'single'", "[a, b]", "", "x: y", "日本"];
    const enc = new TextEncoder();
    for (let n = 0; n < 6000; n++) {
      const br = () => (rand() < 0.8 ? "\n" : pick(breaks));
      let text = (rand() < 0.1 ? "\uFEFF" : "") + (rand() < 0.9 ? "---" : pick(fences)) + br();
      const lines = Math.floor(rand() * 5);
      for (let k = 0; k < lines; k++) text += rand() < 0.2 ? `${pick(fences)}${br()}` : `${pick(["id", "title", "published", " id", "url"])}: ${pick(values)}${br()}`;
      if (rand() < 0.85) text += pick(fences) + br();
      text += "Body — with an em dash, “quotes” and é. ".repeat(Math.floor(rand() * 60));
      let bytes: Uint8Array = enc.encode(text);
      if (rand() < 0.15) {
        // A bad byte somewhere: a lone continuation byte, an overlong form, a surrogate, a stray lead, NUL.
        const copy = new Uint8Array(bytes.length + 3);
        copy.set(bytes);
        const at = Math.floor(rand() * Math.max(1, bytes.length));
        copy.set(pick([[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf5], [0xe2, 0x82], [0x00]]), at);
        bytes = copy.subarray(0, Math.max(at + 1, bytes.length));
      }
      const headLength = pick([1024, 64, 200, 37, 4096]);
      const head = bytes.subarray(0, Math.min(headLength, bytes.length));
      const size = rand() < 0.1 ? head.length : bytes.length;
      const path = "/ws/sources/name.md";
      assert.deepEqual(keyFromHead(path, head, size), keyFromHeadWholeDecode(path, head, size), JSON.stringify([Buffer.from(head).toString("latin1").slice(0, 120), head.length, size]));
    }
  });

  it("reads a flat front matter's id as the full reader does (typed, trimmed, duplicates and odd keys left to YAML)", () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const keys = ["id", "id", "title", "url", "constructor", "__proto__", "toString", "a-b", "_x", "1bad", "id ", "Id"];
    const values = ["news-1", " news-2 ", "007", "-3.5", "1e3", "0x1F", "true", "TRUE", "false", "null", "~", "Null", "", "  ", "a: b", "a #c", "https://x.example/a", "'quoted'", "\"q\"", "[a]", "{a: 1}", "&anchor", "*alias", "2026-01-02", "x:", "(paren)", "tab\there", "ends:"];
    const breaks = ["\n", "\r\n", "\r"];
    let flat = 0;
    for (let n = 0; n < 20000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 5) }, () =>
        rand() < 0.08 ? (rand() < 0.5 ? "" : "  - item") : `${keys[Math.floor(rand() * keys.length)]}:${rand() < 0.8 ? " " : ""}${values[Math.floor(rand() * values.length)]}`,
      );
      const yaml = lines.join(breaks[Math.floor(rand() * breaks.length)]);
      const fast = flatFrontMatterId(yaml);
      const full = frontMatterString(frontMatterData(yaml).id);
      if (fast !== null) {
        flat++;
        assert.equal(fast, full, JSON.stringify(yaml));
      }
    }
    assert.ok(flat > 500 && flat < 20000, `${flat} flat`);
  });

  it("checks UTF-8 as a fatal TextDecoder does, its own way and through the Node host's check (also on part of the bytes)", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let seed = 5;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
    for (let n = 0; n < 50000; n++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(rand() * 6) }, () => interesting[Math.floor(rand() * interesting.length)]);
      let ok = true;
      try {
        decoder.decode(bytes);
      } catch {
        ok = false;
      }
      assert.equal(validUtf8Here(bytes, 0, bytes.length), ok, Buffer.from(bytes).toString("hex"));
      assert.equal(isUtf8(bytes), ok, Buffer.from(bytes).toString("hex"));
      const padded = Uint8Array.from([0x41, ...bytes, 0xe2]);
      setUtf8Check((b) => isUtf8(b));
      try {
        assert.equal(validUtf8(padded, 1, padded.length - 1), ok, `host check on part: ${Buffer.from(bytes).toString("hex")}`);
      } finally {
        setUtf8Check(undefined);
      }
      assert.equal(validUtf8(padded, 1, padded.length - 1), ok, `own check on part: ${Buffer.from(bytes).toString("hex")}`);
    }
  });
});
