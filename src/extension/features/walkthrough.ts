import * as vscode from "vscode";

/** The steps of the "Get started with Brief Author" walkthrough (package.json). */
export type WalkthroughStep = "createBrief" | "addSources" | "cite" | "hover" | "checkWorkspace";

const WALKTHROUGH = "brief-author.brief-author#briefAuthor.getStarted";

/** The command that ticks a step, for a completion item to run when it is accepted. */
export function markStepCommand(step: WalkthroughStep): vscode.Command {
  return { title: "", command: "welcome.markStepComplete", arguments: [`${WALKTHROUGH}#${step}`] };
}

/**
 * Ticks a step of the walkthrough once the analyst has done it, however it was done (palette,
 * keyboard, mouse). The manifest's `onCommand:` events are not enough: VS Code's walkthrough
 * service starts only when a walkthrough or the Welcome page is first shown (never, with
 * `workbench.startupEditor` at `none`), and a command run before that is not heard; and an
 * `onContext:` key already true when it starts is taken as seen without ticking its step.
 * `welcome.markStepComplete` starts the service and records the step either way.
 */
export function markStep(step: WalkthroughStep): void {
  const c = markStepCommand(step);
  void Promise.resolve(vscode.commands.executeCommand(c.command, ...(c.arguments ?? []))).catch(() => {
    // A VS Code without walkthroughs: nothing to tick.
  });
}
