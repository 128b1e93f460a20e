import * as assert from "node:assert/strict";
import { LineIndex } from "../../src/core/text";

describe("LineIndex", () => {
  it("maps offsets to positions and back, across CRLF", () => {
    const idx = new LineIndex("ab\r\ncd\nef");
    assert.deepEqual(idx.positionAt(5), { line: 1, character: 1 });
    assert.equal(idx.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(idx.lineText(0), "ab");
    assert.equal(idx.lineCount, 3);
  });
});
