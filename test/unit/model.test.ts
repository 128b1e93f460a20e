import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { judgeClaims, modelPrompt, readAnswer, type ClaimJudge, type ModelAnswer } from "../../src/core/verify/model";
import { cachedJudge, chatUrl, endpointJudge } from "../../src/node/modelJudge";
import { fixtureService, runCli } from "./helpers";

/** A fake OpenAI-compatible server: `reply(body)` says what to send for each request (or nothing, to hang). */
async function fakeServer(reply: (prompt: string) => { status?: number; body?: string } | "hang"): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const prompt = (JSON.parse(data) as { messages: Array<{ content: string }> }).messages[0].content;
      requests.push(prompt);
      const r = reply(prompt);
      if (r === "hang") return void hanging.push(res);
      res.writeHead(r.status ?? 200, { "content-type": "application/json" });
      res.end(r.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => {
      for (const h of hanging) h.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const chat = (content: unknown) => ({ body: JSON.stringify({ choices: [{ message: { role: "assistant", content } }] }) });

describe("a model the analyst runs: reading its answers", () => {
  it("reads Yes and No (any case, after white space or emphasis), and nothing else", () => {
    assert.equal(readAnswer("Yes"), "supported");
    assert.equal(readAnswer("  no."), "unsupported");
    assert.equal(readAnswer("**YES**, the document says so"), "supported");
    for (const bad of ["Maybe", "Yesterday", "", "The answer is yes", 42, null, undefined, { yes: true }]) assert.equal(readAnswer(bad), undefined, String(bad));
  });

  it("asks with the MiniCheck prompt: the document, then the claim", () => {
    assert.equal(modelPrompt("The quay  reopened.", ["The board reopened the quay."]), "Document: The board reopened the quay.\nClaim: The quay reopened.");
  });

  it("takes only http(s) endpoints, and finds the chat-completions path", () => {
    assert.equal(String(chatUrl("http://localhost:11434/v1")), "http://localhost:11434/v1/chat/completions");
    assert.equal(String(chatUrl("https://models.example/v1/chat/completions")), "https://models.example/v1/chat/completions");
    assert.match(String(chatUrl("file:///etc/passwd")), /not an http or https URL/);
    assert.match(String(chatUrl("not a url")), /not a URL/);
  });
});

describe("a model the analyst runs: an OpenAI-compatible endpoint (a fake server)", function () {
  this.timeout(20_000);

  it("answers Yes and No; an HTTP error, garbage, a reply that is neither, an oversized reply or a time-out is no answer, each said once", async () => {
    const replies: Record<string, { status?: number; body?: string } | "hang"> = {
      yes: chat("Yes"),
      no: chat("No"),
      error: { status: 500, body: "boom" },
      garbage: { body: "{not json" },
      neither: chat("I cannot tell"),
      huge: chat("Yes" + " ".repeat(100_000)),
      hang: "hang",
    };
    const server = await fakeServer((prompt) => replies[/Claim: (\w+)/.exec(prompt)![1]]);
    const said: string[] = [];
    const judge = endpointJudge({ endpoint: server.url, model: "fake-minicheck", timeoutMs: 300, onProblem: (m) => said.push(m) });
    try {
      const ask = (k: string) => judge.judge(`Document: d\nClaim: ${k}`);
      assert.equal(await ask("yes"), "supported");
      assert.equal(await ask("no"), "unsupported");
      for (const k of ["error", "garbage", "neither", "huge", "hang", "error"]) assert.equal(await ask(k), undefined, k);
      // Garbage and a reply that is neither are one kind of failure: said once.
      assert.equal(said.length, 4, said.join("\n"));
      assert.ok(said.some((m) => /HTTP 500/.test(m)) && said.some((m) => /within 300 ms/.test(m)) && said.some((m) => /over 64 KB/.test(m)), said.join("\n"));
    } finally {
      await server.close();
    }
  });

  it("an endpoint that cannot be reached is no answer", async () => {
    const said: string[] = [];
    const judge = endpointJudge({ endpoint: "http://127.0.0.1:9/v1", model: "m", timeoutMs: 2000, onProblem: (m) => said.push(m) });
    assert.equal(await judge.judge("Document: d\nClaim: c"), undefined);
    assert.match(said[0], /cannot be reached|did not answer/);
  });

  it("answers are kept by content hash: the same prompt is asked once", async () => {
    let asked = 0;
    const inner: ClaimJudge = { name: "m", judge: async () => (asked++, "supported") };
    const judge = cachedJudge(inner);
    await judge.judge("p");
    await judge.judge("p");
    await judge.judge("q");
    assert.equal(asked, 2);
  });
});

describe("a model the analyst runs: verdicts", function () {
  this.timeout(30_000);
  const source = "---\nid: talks\ntitle: Talks\n---\n\nThe ministers met in Kelmar on 3 May and agreed to meet again in June.\n";
  const brief = (sentence: string) => `---\ntype: brief\ntitle: T\ndate: 2026-06-01\n---\n\n# T\n\n## Description\n\n${sentence}\n\n## Impact\n\nNone.\n`;

  it("turns an unverified claim into confirmed (Yes) or contradicted with model-disagrees (No); confirmed and contradicted claims are not asked", async () => {
    const { service } = await fixtureService({ "/ws/sources/talks.md": source });
    const text = brief("The ministers met in Kelmar on 3 May [@talks]. The ministers met in Kelmar on 9 May [@talks]. The meeting was described as warm and productive [@talks].");
    const r = await service.check("/ws/briefs/t.brief.md", text);
    assert.deepEqual(r.claims.map((c) => c.verdict), ["confirmed", "contradicted", "unverified"]);
    for (const [answer, verdict] of [["supported", "confirmed"], ["unsupported", "contradicted"]] as const) {
      const prompts: string[] = [];
      const judge: ClaimJudge = { name: "fake-minicheck", judge: async (p) => (prompts.push(p), answer as ModelAnswer) };
      const run = await judgeClaims(r.brief, r.claims, judge, "warning");
      assert.equal(prompts.length, 1);
      assert.match(prompts[0], /^Document: The ministers met in Kelmar on 3 May and agreed to meet again in June\.\nClaim: The meeting was described as warm and productive\.$/);
      assert.deepEqual(run.claims.map((c) => c.verdict), ["confirmed", "contradicted", verdict]);
      assert.equal(run.problems.length, answer === "unsupported" ? 1 : 0);
      if (run.problems.length) {
        assert.equal(run.problems[0].rule, "model-disagrees");
        assert.match(run.problems[0].message, /^fake-minicheck judged that the cited passage of @talks does not support this claim$/);
      }
      assert.match(run.claims[2].why[0], /^fake-minicheck judged/);
    }
    // An inline comment turns model-disagrees off where it says, as for every rule.
    const quiet = await service.check("/ws/briefs/t.brief.md", text.replace("## Description\n\n", "## Description\n\n<!-- brief-author-disable model-disagrees -->\n"));
    const off = await judgeClaims(quiet.brief, quiet.claims, { name: "m", judge: async () => "unsupported" }, "warning");
    assert.deepEqual([off.claims[2].verdict, off.problems.length], ["contradicted", 0]);
    // No answer: the claim stays unverified.
    const silent = await judgeClaims(r.brief, r.claims, { name: "m", judge: async () => undefined }, "warning");
    assert.deepEqual([silent.claims[2].verdict, silent.unanswered, silent.problems.length], ["unverified", 1, 0]);
  });

  it("the CLI asks the endpoint given by --model-endpoint and --model, and reports model-disagrees in JSON; bad flags are usage errors", async () => {
    const server = await fakeServer(() => chat("No"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-model-"));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "brief-model-cache-"));
    const before = process.env.BRIEF_AUTHOR_CACHE;
    process.env.BRIEF_AUTHOR_CACHE = cache;
    try {
      fs.mkdirSync(path.join(dir, "sources"));
      fs.mkdirSync(path.join(dir, "briefs"));
      fs.writeFileSync(path.join(dir, ".briefrc.json"), '{ "sources": ["sources"] }');
      fs.writeFileSync(path.join(dir, "sources", "talks.md"), source);
      fs.writeFileSync(path.join(dir, "briefs", "t.brief.md"), brief("The meeting was described as warm and productive [@talks]."));
      const plain = JSON.parse((await runCli(["check", "briefs", "--format", "json"], dir)).out);
      assert.equal(plain.claims[0].verdict, "unverified");
      assert.equal(server.requests.length, 0, "no model unless the flags name one");
      const args = ["check", "briefs", "--format", "json", "--model-endpoint", server.url, "--model", "fake-minicheck"];
      const r = await runCli(args, dir);
      const report = JSON.parse(r.out);
      assert.equal(report.claims[0].verdict, "contradicted");
      assert.deepEqual(report.claims[0].rules, ["model-disagrees", "weak-support"]);
      assert.ok(report.problems.some((p: { rule: string; message: string }) => p.rule === "model-disagrees" && /fake-minicheck/.test(p.message)), r.out);
      assert.equal(server.requests.length, 1);
      // The answer is kept (by content hash) in the CLI's cache folder: a second run does not ask again.
      await runCli(args, dir);
      assert.equal(server.requests.length, 1);
      assert.ok(fs.existsSync(path.join(cache, "model-answers.json")));
      for (const [bad, why] of [
        [["--model-endpoint", server.url], /go together/],
        [["--model-endpoint", "file:///etc/passwd", "--model", "m"], /not an http or https URL/],
        [["--model-endpoint", server.url, "--model", "m", "--cache"], /cannot be used with --cache/],
        [["--model-endpoint", server.url, "--model", "m", "--model-timeout", "soon"], /--model-timeout takes milliseconds/],
      ] as const) {
        const u = await runCli(["check", "briefs", ...bad], dir);
        assert.equal(u.code, 2, u.err);
        assert.match(u.err, why);
      }
    } finally {
      if (before === undefined) delete process.env.BRIEF_AUTHOR_CACHE;
      else process.env.BRIEF_AUTHOR_CACHE = before;
      await server.close();
    }
  });
});
