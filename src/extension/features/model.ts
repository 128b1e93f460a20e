import * as vscode from "vscode";
import { judgeClaims, readAnswer, type ClaimJudge, type ModelAnswer } from "../../core/verify/model";
import type { CheckResult } from "../../core";
import { cachedJudge, endpointJudge } from "../../node/modelJudge";
import type { BriefDiagnostics } from "./diagnostics";
import type { BriefServices } from "../services";

/**
 * A model's second opinion on the claims no check could confirm, in the editor: an
 * OpenAI-compatible endpoint, or VS Code's language models, named only in the user's own settings
 * (`application` scope: a workspace's settings and `.briefrc.json` cannot turn it on or point it
 * elsewhere). After each check, in the background, the unverified claims of that check are asked
 * about; when the answers are in and the brief is unchanged, its verdicts and problems are
 * published again. Typing never waits for it; a failing model is one log line, claims stay unverified.
 */
export function registerModel(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics, log: vscode.LogOutputChannel): void {
  let judge: ClaimJudge | undefined;
  let described = "";
  const configure = () => {
    const s = userModelSettings();
    const next = s.endpoint && s.name ? `endpoint ${s.endpoint} (${s.name})` : s.useLanguageModel ? `VS Code language model${s.name ? ` ${s.name}` : ""}` : "";
    if (next === described) return;
    described = next;
    judge = undefined;
    if (s.endpoint && s.name) {
      try {
        judge = cachedJudge(endpointJudge({ endpoint: s.endpoint, model: s.name, timeoutMs: s.timeoutMs, onProblem: (m) => log.warn(m) }));
      } catch (e) {
        log.warn(`briefAuthor.model.endpoint: ${(e as Error).message}; no model is asked`);
      }
    } else if (s.useLanguageModel) judge = cachedJudge(languageModelJudge(s.name, s.timeoutMs, log));
    if (judge) log.info(`claims no check could confirm are sent, with their best cited passage, to the ${described}`);
  };
  configure();
  const judged = new WeakSet<CheckResult>();
  let applying = false;
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration("briefAuthor.model") && configure()),
    diagnostics.onDidCheck((uri) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const result = doc && diagnostics.resultFor(doc);
      const current = judge;
      if (applying || !doc || !result || !current || judged.has(result) || !result.claims.some((c) => c.verdict === "unverified" && c.passage)) return;
      judged.add(result);
      const engine = services.get(doc.uri);
      const severity = engine ? engine.service.configs.severity("model-disagrees", "warning") : "warning";
      void judgeClaims(result.brief, result.claims, current, severity).then((run) => {
        if (run.asked === 0 || run.asked === run.unanswered) return;
        // Published only if the brief is as it was checked (a newer check is asked again).
        // Its own publication is no new check to judge.
        applying = true;
        try {
          diagnostics.applyModel(doc, result, run.claims, run.problems);
        } finally {
          applying = false;
        }
      });
    }),
  );
}

interface ModelSettings {
  endpoint?: string;
  name?: string;
  useLanguageModel: boolean;
  timeoutMs: number;
}

/** The model settings from the user's own settings only (never a workspace's or a folder's). */
export function userModelSettings(): ModelSettings {
  const c = vscode.workspace.getConfiguration("briefAuthor.model");
  const user = <T>(key: string) => c.inspect<T>(key)?.globalValue;
  const endpoint = user<string>("endpoint")?.trim() || undefined;
  const name = user<string>("name")?.trim() || undefined;
  const timeout = user<number>("timeoutMs");
  return { endpoint, name, useLanguageModel: user<boolean>("useLanguageModel") === true, timeoutMs: typeof timeout === "number" && timeout > 0 ? timeout : 20_000 };
}

/** A judge over VS Code's language models (`vscode.lm`): the one named, else the first available. */
function languageModelJudge(name: string | undefined, timeoutMs: number, log: vscode.LogOutputChannel): ClaimJudge {
  let said = false;
  const once = (m: string) => {
    if (said) return;
    said = true;
    log.warn(m);
  };
  return {
    name: name ?? "VS Code language model",
    async judge(prompt: string): Promise<ModelAnswer | undefined> {
      const models = await vscode.lm.selectChatModels(name ? { id: name } : {}).then((m) => m, () => []);
      const model = models[0] ?? (name ? (await vscode.lm.selectChatModels({ family: name }).then((m) => m, () => []))[0] : undefined);
      if (!model) {
        once(`no VS Code language model${name ? ` "${name}"` : ""} is available; claims stay unverified`);
        return undefined;
      }
      const cancel = new vscode.CancellationTokenSource();
      const timer = setTimeout(() => cancel.cancel(), timeoutMs);
      try {
        const res = await model.sendRequest([vscode.LanguageModelChatMessage.User(`${prompt}\n\nAnswer with one word: Yes if the document supports the claim, No if it does not.`)], {}, cancel.token);
        let text = "";
        for await (const part of res.text) {
          text += part;
          if (text.length > 200) break;
        }
        const answer = readAnswer(text);
        if (!answer) once(`the language model ${model.name} gave a reply that is not Yes or No; such claims stay unverified`);
        return answer;
      } catch (e) {
        once(`the language model ${model.name} could not be asked (${(e as Error).message}); claims stay unverified`);
        return undefined;
      } finally {
        clearTimeout(timer);
        cancel.dispose();
      }
    },
  };
}
