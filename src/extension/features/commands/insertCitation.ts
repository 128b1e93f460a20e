import * as vscode from "vscode";
import {
  rankSources,
  sentenceAt,
  listKeyEdit,
  citationAt,
  writeKey,
} from "../../../core";
import type { BriefServices } from "../../services";
import { markStep } from "../walkthrough";
import { notInFolder } from "./shared";

/** Insert Citation: sources ranked for the sentence at the cursor, with passage previews. */
export async function insertCitation(services: BriefServices, args: { key?: string } = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  const engine = services.get(doc.uri);
  if (!engine) {
    void vscode.window.showWarningMessage(notInFolder(doc.uri));
    return undefined;
  }
  const { service, ready } = engine;
  await ready;
  const brief = await service.parseForLookup(doc.uri.path, doc.getText());
  const offset = doc.offsetAt(editor.selection.active);
  const sentence = sentenceAt(brief, offset);
  let key = args.key;
  if (!key) {
    await service.readLibrary();
    const ctx = service.context(doc.uri.path, brief);
    const ranked = rankSources(ctx, sentence?.claimText ?? doc.lineAt(editor.selection.active.line).text, 200);
    if (ranked.length === 0) {
      void vscode.window.showWarningMessage(`Brief: the source library is empty (folders: ${service.sourceFoldersForDisplay().join(", ")}).`);
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      ranked.map((s) => ({
        label: s.key,
        description: [s.date, s.coverage > 0 ? `${Math.round(s.coverage * 100)}% match` : ""].filter(Boolean).join(" · "),
        detail: `${s.title} — ${s.preview.replace(/\s+/g, " ").slice(0, 160)}`,
      })),
      { title: "Insert Citation", placeHolder: "Sources ranked by how well they support the sentence", matchOnDetail: true },
    );
    if (!pick) return undefined;
    key = pick.label;
  }
  const inside = citationAt(brief, offset);
  let at = offset;
  const written = writeKey(key) ?? key;
  let insert = `[@${written}]`;
  if (inside?.citation && offset > inside.citation.start && offset < inside.citation.end) {
    at = inside.citation.end - 1;
    insert = `; @${written}`;
  } else if (sentence && offset >= sentence.end - 1) {
    // At the end of a sentence: cite before its closing punctuation.
    const m = /[.!?…]["'”’)\]]*$/.exec(doc.getText().slice(sentence.start, sentence.end));
    if (m) at = sentence.start + m.index;
    insert = ` [@${written}]`;
  } else if (offset > 0 && !/\s/.test(doc.getText().charAt(offset - 1))) {
    insert = ` [@${written}]`;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(at), insert);
  // The Sources section keeps up: the key is listed there in the same (undoable) edit.
  const listed = service.ruleEnabled("unlisted-source") ? listKeyEdit(brief, key, at) : undefined;
  if (listed) edit.replace(doc.uri, new vscode.Range(doc.positionAt(listed.start), doc.positionAt(listed.end)), listed.newText);
  await vscode.workspace.applyEdit(edit);
  markStep("cite");
  return key;
}
