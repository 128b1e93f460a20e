import * as assert from "node:assert/strict";
import { joinPath } from "../../src/core/fs";

/** joinPath as it was before its fast paths: the oracle. */
function joinPathSlow(...parts: string[]): string {
  const joined = parts.filter((p) => p !== "").join("/").replace(/\\/g, "/");
  const abs = joined.startsWith("/");
  const out: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const drive = /^[A-Za-z]:$/.test(out[0] ?? "");
  return (abs && !drive ? "/" : "") + out.join("/");
}

describe("joinPath", () => {
  it("gives what the plain join gives, for every mix of separators, dots, drives and names", () => {
    const bits = ["a", "b c", "C:", "z:", ".", "..", "...", "", "/", "\\", "x.md", ".hidden", "é"];
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const piece = () => Array.from({ length: Math.floor(rand() * 6) }, () => bits[Math.floor(rand() * bits.length)]).join(rand() < 0.8 ? "/" : "");
    for (let i = 0; i < 20000; i++) {
      const parts = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.3 ? `/${piece()}` : piece()));
      assert.equal(joinPath(...parts), joinPathSlow(...parts), JSON.stringify(parts));
    }
    for (const p of [["/"], ["/C:"], ["/C:/x"], ["C:"], ["a/"], ["/", "x"], ["/a", "b"], ["a", ".."], ["/a/b", "."], ["a", ""], ["", "a"]]) assert.equal(joinPath(...p), joinPathSlow(...p), JSON.stringify(p));
  });
});
