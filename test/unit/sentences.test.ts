import * as assert from "node:assert/strict";
import { splitSentences } from "../../src/core/parse/sentences";

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe("sentence splitting", () => {
  it("splits on full stops, question and exclamation marks before a capital", () => {
    assert.deepEqual(split("The mill closed. Workers left! Will it reopen? Nobody knows."), ["The mill closed.", "Workers left!", "Will it reopen?", "Nobody knows."]);
  });

  it("does not split on abbreviations: U.S., Mr., Dr., e.g., Jan.", () => {
    assert.deepEqual(split("The U.S. Army met Mr. Okafor and Dr. Lind on Jan. 4 in Arnsby. They spoke of grain, e.g. barley."), [
      "The U.S. Army met Mr. Okafor and Dr. Lind on Jan. 4 in Arnsby.",
      "They spoke of grain, e.g. barley.",
    ]);
  });

  it("does not split on decimals or initials", () => {
    assert.deepEqual(split("Trade reached $77.2 billion. J. R. Okafor signed for 3.5 percent."), ["Trade reached $77.2 billion.", "J. R. Okafor signed for 3.5 percent."]);
  });

  it("does not split on an ellipsis followed by a lower-case word, and does before a capital", () => {
    assert.deepEqual(split("The mill closed... and the town waited. Then… Nothing came."), ["The mill closed... and the town waited.", "Then…", "Nothing came."]);
  });

  it("keeps a citation after the full stop with its sentence, and never splits inside brackets", () => {
    assert.deepEqual(split("The mill closed in 2024. [@a] Trade fell [see @b, p. 3. Also] later. Rates rose.[@c] Done."), [
      "The mill closed in 2024. [@a]",
      "Trade fell [see @b, p. 3. Also] later.",
      "Rates rose.[@c]",
      "Done.",
    ]);
  });

  it("splits CJK and Devanagari sentences without spaces", () => {
    assert.deepEqual(split("東京で会談した。合意に達した。"), ["東京で会談した。", "合意に達した。"]);
    assert.deepEqual(split("बैठक हुई। समझौता हुआ।"), ["बैठक हुई।", "समझौता हुआ।"]);
  });

  it("keeps closing quotes with their sentence", () => {
    assert.deepEqual(split('He said "the mill is closed." The town agreed.'), ['He said "the mill is closed."', "The town agreed."]);
  });
});
