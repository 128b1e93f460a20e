import * as assert from "node:assert/strict";
import { PassageIndex, kthSmallest, termCounts } from "../../src/core/sources/passageIndex";
import { contentTerms } from "../../src/core/sources/tokenize";
import { splitPassages } from "../../src/core/sources/passages";

describe("passage index (BM25)", () => {
  const index = () => {
    const i = new PassageIndex();
    i.setDocument("mill", [{ text: "The Arnsby mill closed its doors after 140 years of weaving wool." }, { text: "The town council met on Monday to discuss the budget." }]);
    i.setDocument("port", [{ text: "The port reopened after the strike and ships returned to the quay." }, { text: "The council said the budget for the port will grow." }]);
    i.setDocument("grain", [{ text: "Farmers harvested a record barley crop in the valley." }]);
    return i;
  };

  it("ranks the passage sharing the most rare content words first", () => {
    const hits = index().search("the mill closed after weaving for many years");
    assert.equal(hits[0].docId, "mill");
    assert.equal(hits[0].passage, 0);
    assert.deepEqual([...hits[0].matchedTerms].sort(), ["clos", "mill", "weav", "year"].sort());
  });

  it("lets a rare term outweigh a common one", () => {
    const hits = index().search("council barley");
    assert.equal(hits[0].docId, "grain");
  });

  it("stems agreed/agrees/agree and talks/talk together", () => {
    assert.deepEqual(contentTerms("agreed agrees agree"), ["agre", "agre", "agre"]);
    assert.deepEqual(contentTerms("talks talk"), ["talk", "talk"]);
    assert.deepEqual(contentTerms("80,000 containers"), ["80000", "container"]);
  });

  it("replaces and removes one document without touching the others", () => {
    const i = index();
    i.setDocument("grain", [{ text: "Vineyards in the hills picked grapes early." }]);
    assert.equal(i.search("barley crop").length, 0);
    assert.equal(i.search("grapes vineyards")[0].docId, "grain");
    i.removeDocument("grain");
    assert.equal(i.search("grapes vineyards").length, 0);
    assert.equal(i.documentCount, 2);
    assert.equal(i.passageCount, 4);
  });

  it("restricts a search to given documents and reports coverage", () => {
    const hits = index().search("council budget port", { docIds: ["mill"] });
    assert.ok(hits.every((h) => h.docId === "mill"));
    assert.equal(hits[0].passage, 1);
    assert.equal(hits[0].coverage, 2 / 3);
  });

  it("gives the best passage of each document once", () => {
    const hits = index().bestPerDocument("council budget port");
    assert.deepEqual(hits.map((h) => h.docId), ["port", "mill"]);
  });

  it("finds sources in other scripts", () => {
    const i = new PassageIndex();
    i.setDocument("seoul", [{ text: "서울에서 두 정상이 회담했다." }]);
    i.setDocument("athens", [{ text: "Η Αθήνα φιλοξένησε τη σύνοδο των υπουργών." }]);
    i.setDocument("tokyo", [{ text: "東京で首脳が会談した。" }]);
    assert.equal(i.search("두 정상이 회담했다")[0].docId, "seoul");
    assert.equal(i.search("σύνοδο υπουργών")[0].docId, "athens");
    assert.equal(i.search("首脳が会談")[0].docId, "tokyo");
  });

  it("leaves nothing behind when a document is set 10,000 times with changing text", () => {
    const words = ["harbour", "ferry", "quay", "timetable", "council", "budget", "barley", "vineyard", "strike", "container", "tonnage", "island"];
    const textFor = (n: number) => {
      // Each version has words no other version has (the counter), so old terms must go.
      const paras = 1 + (n % 4);
      return Array.from({ length: paras }, (_, p) => ({ text: `The ${words[(n + p) % words.length]} report ${n}x${p} named the ${words[(n * 7 + p) % words.length]} word${n} again.` }));
    };
    const churned = new PassageIndex();
    churned.setDocument("other", [{ text: "The island ferry timetable was restored." }]);
    for (let n = 0; n < 10000; n++) {
      churned.setDocument("typed", textFor(n));
      if (n % 1000 === 500) churned.removeDocument("typed");
    }
    const fresh = new PassageIndex();
    fresh.setDocument("other", [{ text: "The island ferry timetable was restored." }]);
    fresh.setDocument("typed", textFor(9999));
    assert.deepEqual(churned.sizes(), fresh.sizes());
    assert.equal(churned.sizes().terms, new Set([...textFor(9999), { text: "The island ferry timetable was restored." }].flatMap((p) => contentTerms(p.text))).size);
    // And it still answers as the fresh index does.
    for (const q of ["island ferry timetable", "word9999 report", "word5000", "harbour quay council"]) assert.deepEqual(churned.search(q), fresh.search(q), q);
    churned.removeDocument("typed");
    churned.removeDocument("other");
    assert.deepEqual(churned.sizes(), new PassageIndex().sizes());
  });

  it("keeps postings right when removals move passages between slots", () => {
    const i = new PassageIndex();
    const docs = ["a", "b", "c", "d", "e"];
    for (const d of docs) i.setDocument(d, [{ text: `shared ${d}only first` }, { text: `shared ${d}only second` }, { text: `tail ${d}only` }]);
    i.removeDocument("b");
    i.setDocument("a", [{ text: "shared aonly replaced" }]);
    i.removeDocument("d");
    const fresh = new PassageIndex();
    fresh.setDocument("a", [{ text: "shared aonly replaced" }]);
    for (const d of ["c", "e"]) fresh.setDocument(d, [{ text: `shared ${d}only first` }, { text: `shared ${d}only second` }, { text: `tail ${d}only` }]);
    assert.deepEqual(i.sizes(), fresh.sizes());
    for (const q of ["shared", "conly second", "eonly tail", "aonly replaced", "bonly", "donly"]) assert.deepEqual(i.search(q, { limit: 20 }), fresh.search(q, { limit: 20 }), q);
    assert.deepEqual(i.search("conly", { docIds: ["c"] }).map((h) => h.passage).sort(), [0, 1, 2]);
  });

  it("answers as BM25 computed afresh from the live passages, through thousands of replacements (compactions included)", () => {
    let seed = 17;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const vocabulary = Array.from({ length: 70 }, (_, i) => `w${i.toString(36)}word`);
    const pick = () => vocabulary[Math.floor(rand() ** 2 * vocabulary.length)];
    const passage = () => ({ text: Array.from({ length: 3 + Math.floor(rand() * 12) }, pick).join(" ") });
    const live = new Map<string, Array<{ text: string }>>();
    const index = new PassageIndex();
    for (let op = 0; op < 3000; op++) {
      const id = `doc${Math.floor(rand() * 40)}`;
      if (rand() < 0.15) {
        index.removeDocument(id);
        live.delete(id);
      } else {
        // Now and then a long document, so that dead passages pile up past the compaction point.
        const doc = Array.from({ length: rand() < 0.05 ? 80 : 1 + Math.floor(rand() * 6) }, passage);
        index.setDocument(id, doc);
        live.set(id, doc);
      }
      if (op % 500 !== 499) continue;
      // The oracle: BM25 over the live passages, from their term counts.
      const all = [...live].flatMap(([docId, ps]) => ps.map((p, i) => ({ docId, passage: i, ...termCounts(p.text) })));
      const n = all.length;
      const avgdl = all.reduce((a, p) => a + p.len, 0) / n;
      for (let q = 0; q < 25; q++) {
        const query = Array.from({ length: 1 + Math.floor(rand() * 4) }, pick).join(" ");
        const words = [...new Set(contentTerms(query))];
        const df = (w: string) => all.filter((p) => p.terms.includes(w)).length;
        const idf = new Map(words.filter((w) => df(w) > 0).map((w) => [w, Math.log(1 + (n - df(w) + 0.5) / (df(w) + 0.5))]));
        const expected = all
          .map((p) => {
            let score = 0;
            p.terms.forEach((t, k) => {
              const i = idf.get(t);
              if (i !== undefined) score += (i * p.tfs[k] * 2.2) / (p.tfs[k] + 1.2 * (0.25 + (0.75 * p.len) / avgdl));
            });
            const matchedTerms = words.filter((w) => idf.has(w) && p.terms.includes(w));
            return { docId: p.docId, passage: p.passage, score, matchedTerms, coverage: matchedTerms.length / words.length };
          })
          .filter((h) => h.score > 0)
          .sort((a, b) => b.score - a.score || (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.passage - b.passage));
        // Scores to 9 places (sums in another order differ in the last bits), ties by document and passage.
        const strip = (hs: Array<{ docId: string; passage: number; score: number; matchedTerms: string[]; coverage: number }>) =>
          hs
            .map(({ score, ...h }) => ({ ...h, score: Math.round(score * 1e9) }))
            .sort((a, b) => b.score - a.score || (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.passage - b.passage));
        const every = index.search(query, { limit: 1000 });
        assert.deepEqual(strip(every), strip(expected), `${op}: ${query}`);
        // The top ten, found without ordering every passage, are the first ten of all.
        assert.deepEqual(index.search(query, { limit: 10 }), every.slice(0, 10), `${op}: ${query}, top ten`);
        const some = [...live.keys()].filter(() => rand() < 0.3);
        assert.deepEqual(strip(index.search(query, { limit: 1000, docIds: some })), strip(expected.filter((h) => some.includes(h.docId))), `${op}: ${query} in ${some.length} documents`);
      }
      assert.equal(index.passageCount, n);
      assert.equal(index.documentCount, live.size);
    }
    const fresh = new PassageIndex();
    for (const [id, doc] of live) fresh.setDocument(id, doc);
    const before = index.search("w1word w2word w3word", { limit: 50 });
    assert.deepEqual(index.sizes(), fresh.sizes());
    // sizes() compacts: passage ids change, answers do not.
    assert.deepEqual(index.search("w1word w2word w3word", { limit: 50 }), before);
  });

  it("takes damaged term counts from a saved index without harm: no zero-count posting, lengths as stored", () => {
    const i = new PassageIndex();
    i.setDocumentTerms("x", [{ terms: ["alpha", "bravo", "charlie"], tfs: [0, 3, Number.NaN], len: 5 }]);
    i.setDocumentTerms("y", [{ terms: ["alpha"], tfs: [2], len: 1e10 }, { terms: ["bravo"], tfs: [1], len: 2.5 }]);
    assert.deepEqual(i.search("alpha bravo charlie").map((h) => `${h.docId}:${h.passage}`).sort(), ["x:0", "y:0", "y:1"]);
    assert.deepEqual(i.search("charlie"), []);
    i.removeDocument("y");
    const fresh = new PassageIndex();
    fresh.setDocumentTerms("x", [{ terms: ["bravo"], tfs: [3], len: 5 }]);
    assert.deepEqual(i.sizes(), fresh.sizes());
  });

  it("selects the k-th smallest score as a sort would, for ties, runs and every k", () => {
    let seed = 9;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const shapes: Array<(n: number) => number[]> = [
      (n) => Array.from({ length: n }, () => rand()),
      (n) => Array.from({ length: n }, () => Math.floor(rand() * 4)),
      (n) => Array.from({ length: n }, (_, i) => i),
      (n) => Array.from({ length: n }, (_, i) => n - i),
      (n) => Array.from({ length: n }, () => 1.5),
      (n) => Array.from({ length: n }, (_, i) => (i % 2 ? i : -i)),
    ];
    for (const shape of shapes) {
      for (const n of [1, 2, 3, 7, 50, 513, 4000]) {
        const values = shape(n);
        const sorted = Float64Array.from(values).sort();
        for (const k of [0, 1, n >> 1, n - 2, n - 1].filter((x) => x >= 0 && x < n)) assert.equal(kthSmallest(Float64Array.from(values), k), sorted[k], `${n} ${k}`);
      }
    }
  });

  it("splits a source into paragraphs with their lines, skipping headings and front matter", () => {
    const text = "---\nid: x\n---\n\n# Title\n\nFirst paragraph\ncontinues here.\n\n## Part\nSecond paragraph.\n";
    const passages = splitPassages(text, text.indexOf("\n# Title"));
    assert.deepEqual(passages.map((p) => [p.text, p.startLine, p.endLine]), [["First paragraph\ncontinues here.", 6, 7], ["Second paragraph.", 10, 10]]);
  });
});
