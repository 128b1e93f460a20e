import * as vscode from "vscode";
import type { BriefServices } from "../../services";
import { fixAllEdit } from "../codeActions";

/** Fix All markdownlint Problems: every fixable one in the active brief, as one undoable edit. */
export async function fixAllMarkdownlint(services: BriefServices): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const edit = await fixAllEdit(services, editor.document);
  if (!edit) {
    void vscode.window.showInformationMessage("No fixable markdownlint problems in this brief.");
    return false;
  }
  return vscode.workspace.applyEdit(edit);
}
