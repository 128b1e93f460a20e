import * as vscode from "vscode";

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function notInFolder(uri: vscode.Uri): string {
  return `Brief: ${uri.scheme === "untitled" ? "an untitled document" : vscode.workspace.asRelativePath(uri)} is not in a workspace folder, so it has no source library. Save it in a workspace folder first.`;
}

/**
 * A progress notification of a quick run stays up this long, so the analyst sees that the command
 * ran and what it was doing before the summary replaces it (a notification that lives for 20 ms is
 * never drawn).
 */
export const MIN_PROGRESS_MS = 800;

export function visibleFor(started: number): Promise<void> {
  const left = MIN_PROGRESS_MS - (Date.now() - started);
  return left > 0 ? new Promise((resolve) => setTimeout(resolve, left)) : Promise.resolve();
}
