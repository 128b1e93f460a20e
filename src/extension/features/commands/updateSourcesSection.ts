import * as vscode from "vscode";
import { updateSourcesSectionEdit } from "../../../core";
import type { BriefServices } from "../../services";
import { notInFolder } from "./shared";

export async function updateSourcesSection(services: BriefServices): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const doc = editor.document;
  const engine = services.get(doc.uri);
  if (!engine) {
    void vscode.window.showWarningMessage(notInFolder(doc.uri));
    return false;
  }
  const { service, ready } = engine;
  await ready;
  const brief = await service.parseForLookup(doc.uri.path, doc.getText());
  const e = updateSourcesSectionEdit(brief);
  if (!e) {
    void vscode.window.showInformationMessage("Brief: the Sources section already lists exactly the cited sources.");
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return vscode.workspace.applyEdit(edit);
}
