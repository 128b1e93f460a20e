import * as vscode from "vscode";
import { sourceLocation } from "./sourceView";
import { markStep, markStepCommand } from "./walkthrough";
import { citationDefinition, citationHover, keyCompletionContext, keysInCitationAt, likelihoodCompletions, listKeyEdit, rankSources, tradecraftHover, writeKey, sentenceAt, type BriefService, type SourceSuggestion } from "../../core";
import type { BriefServices } from "../services";
import type { BriefDiagnostics } from "./diagnostics";

const SELECTOR: vscode.DocumentSelector = [{ language: "markdown" }];

/** The brief model of a document for a look-up: the latest check's when current, else a fresh parse. */
async function lookup(services: BriefServices, diagnostics: BriefDiagnostics, doc: vscode.TextDocument): Promise<{ service: BriefService; brief: Awaited<ReturnType<BriefService["parseForLookup"]>> } | undefined> {
  // Only briefs of a workspace folder: an untitled document or a file outside every folder gets nothing from us.
  const engine = services.get(doc.uri);
  if (!engine) return undefined;
  const { service, ready } = engine;
  await ready;
  if (engine.disposed) return undefined;
  const checked = diagnostics.resultFor(doc);
  if (checked) {
    // A bibliography or reference file that changed since the check is read again before it is looked in.
    await service.prepareLookup(doc.uri.path, checked.brief);
    return { service, brief: checked.brief };
  }
  const text = doc.getText();
  if (!service.isBrief(doc.uri.path, text)) return undefined;
  return { service, brief: await service.parseForLookup(doc.uri.path, text) };
}

export function openSourceCommandUri(path: string, line: number, base: vscode.Uri): string {
  const args = [{ uri: base.with({ path }).toString(), line }];
  return `command:briefAuthor.openSource?${encodeURIComponent(JSON.stringify(args))}`;
}

export function registerLanguageFeatures(context: vscode.ExtensionContext, services: BriefServices, diagnostics: BriefDiagnostics): void {
  /** Suggestions whose documentation is made when the list focuses them (see the key completion). */
  const unresolved = new WeakMap<vscode.CompletionItem, SourceSuggestion>();
  // The walkthrough's "Hover a citation" step ticks on this context key.
  let hovered = false;
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(doc, position) {
        const l = await lookup(services, diagnostics, doc);
        if (!l) return undefined;
        const offset = doc.offsetAt(position);
        const ctx = l.service.context(doc.uri.path, l.brief);
        const h = citationHover(ctx, l.brief, offset, l.service.root, (path, line) => openSourceCommandUri(path, line, doc.uri), diagnostics.resultFor(doc)?.claims);
        if (!h) {
          // A likelihood term, a vague word or a confidence level: its band and range in the yardstick.
          const t = tradecraftHover(l.service.config, l.brief, offset);
          return t ? new vscode.Hover(new vscode.MarkdownString(t.markdown), new vscode.Range(doc.positionAt(t.start), doc.positionAt(t.end))) : undefined;
        }
        if (!hovered) {
          hovered = true;
          markStep("hover");
        }
        const md = new vscode.MarkdownString(h.markdown);
        md.isTrusted = { enabledCommands: ["briefAuthor.openSource"] };
        return new vscode.Hover(md, new vscode.Range(doc.positionAt(h.start), doc.positionAt(h.end)));
      },
    }),
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      async provideDefinition(doc, position) {
        const l = await lookup(services, diagnostics, doc);
        if (!l) return undefined;
        const ctx = l.service.context(doc.uri.path, l.brief);
        const d = citationDefinition(ctx, l.brief, doc.offsetAt(position));
        if (!d) return undefined;
        // A web page or PDF opens as the read-only view of its extracted text.
        const target = sourceLocation(services, doc.uri, d.path, d.range);
        const link: vscode.LocationLink = {
          originSelectionRange: new vscode.Range(doc.positionAt(d.start), doc.positionAt(d.end)),
          targetUri: target.uri,
          targetRange: target.range,
          targetSelectionRange: target.range,
        };
        return [link];
      },
    }),
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        async provideCompletionItems(doc, position) {
          const before = doc.lineAt(position.line).text.slice(0, position.character);
          const kc = keyCompletionContext(before);
          if (!kc) return undefined;
          const l = await lookup(services, diagnostics, doc);
          if (!l) return undefined;
          const offset = doc.offsetAt(position);
          const sentence = sentenceAt(l.brief, offset);
          const text = sentence ? sentence.claimText : doc.lineAt(position.line).text;
          // Ranking reads every source: the first completion after activation waits for the background read.
          await l.service.readLibrary();
          const ctx = l.service.context(doc.uri.path, l.brief);
          const line = doc.lineAt(position.line).text;
          // `[@a; @`: the key the citation already holds is not offered again.
          const already = new Set(keysInCitationAt(line, position.character, kc.start));
          const ranked = rankSources(ctx, text, 200 + already.size).filter((s) => !already.has(s.key));
          let end = position.character;
          while (end < line.length && /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u.test(line[end])) end++;
          // A `]` right after the key (the editor auto-closes `[`) is taken in and written back, so the
          // cursor lands after the citation and the sentence's full stop goes outside it.
          const closes = line[end] === "]" && line.slice(0, kc.start).lastIndexOf("[") > line.slice(0, kc.start).lastIndexOf("]");
          const range = new vscode.Range(position.line, kc.start, position.line, closes ? end + 1 : end);
          // The Sources section keeps up: an accepted key not listed there yet is listed in the same edit.
          const listing = l.service.ruleEnabled("unlisted-source") && l.brief.text === doc.getText();
          const listEdit = (key: string): vscode.TextEdit[] | undefined => {
            const e = listing ? listKeyEdit(l.brief, key, offset) : undefined;
            return e ? [vscode.TextEdit.replace(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText)] : undefined;
          };
          return new vscode.CompletionList(
            ranked.map((s, i) => {
              const item = new vscode.CompletionItem({ label: s.key, description: s.date, detail: s.coverage > 0 ? `  ${Math.round(s.coverage * 100)}% match` : undefined }, vscode.CompletionItemKind.Reference);
              item.detail = s.title;
              // The title is the detail line already: the documentation is the passage that best supports
              // the sentence (for a source listed by key after the ranked ones, its opening passage).
              // Given at once for the first ranked sources, which the list opens on; the others' when
              // the list focuses them (resolveCompletionItem): their texts may be packed, and a list of
              // hundreds of keys shows one documentation at a time.
              if (s.coverage > 0 && i < EAGER_DOCUMENTATION) item.documentation = suggestionDocumentation(s);
              else unresolved.set(item, s);
              item.sortText = String(i).padStart(5, "0");
              item.filterText = s.key;
              // A key Pandoc's syntax cannot hold bare (a file name with a space) goes in braces.
              const written = writeKey(s.key) ?? s.key;
              item.insertText = closes ? `${written}]` : written;
              item.range = range;
              item.additionalTextEdits = listEdit(s.key);
              item.command = markStepCommand("cite");
              return item;
            }),
            false,
          );
        },
        resolveCompletionItem(item) {
          const s = unresolved.get(item);
          if (s) item.documentation = suggestionDocumentation(s);
          return item;
        },
      },
      "@",
    ),
    // The yardstick's terms after a judgment verb: `We assess that the strike is |` (a space there, or Ctrl+Space).
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        async provideCompletionItems(doc, position, _token, context) {
          const line = doc.lineAt(position.line).text;
          const before = line.slice(0, position.character);
          if (keyCompletionContext(before)) return undefined;
          const l = await lookup(services, diagnostics, doc);
          if (!l) return undefined;
          const invoked = context.triggerKind === vscode.CompletionTriggerKind.Invoke;
          const items = likelihoodCompletions(l.service.config, l.brief, doc.offsetAt(position), before, invoked);
          if (items.length === 0) return undefined;
          const word = /[\p{L}-]*$/u.exec(before)![0];
          const range = new vscode.Range(position.line, position.character - word.length, position.line, position.character);
          return items.map((c) => {
            const item = new vscode.CompletionItem({ label: c.label, description: c.detail }, vscode.CompletionItemKind.EnumMember);
            item.detail = c.detail;
            item.sortText = c.sortText;
            item.range = range;
            return item;
          });
        },
      },
      " ",
    ),
  );
}

/** Markdown's own characters in plain text, escaped so a passage shows as written. */
/** Completion items whose documentation is made with the list (the first ones it shows). */
const EAGER_DOCUMENTATION = 10;

/** A suggested source's documentation: its passage first (the pane is small), then where it is and how much of the sentence it holds. */
function suggestionDocumentation(s: SourceSuggestion): vscode.MarkdownString | undefined {
  const preview = s.preview.replace(/\s+/g, " ").trim();
  const where = `${s.coverage > 0 ? `best passage, ${Math.round(s.coverage * 100)}% of the sentence's words` : "opening passage"}, line ${s.previewLine + 1}`;
  return preview ? new vscode.MarkdownString(`> ${escapeMarkdown(preview.length > 400 ? preview.slice(0, 399) + "…" : preview)}\n\n*${where}*`) : undefined;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}\[\]<>()#+!|~]/g, (c) => "\\" + c);
}
