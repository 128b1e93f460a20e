import * as vscode from "vscode";
import type { CheckResult } from "../../core";
import type { Claim, Verdict } from "../../core/verify/claims";
import { claimCounts, verdictWord } from "../../core/features/verdicts";
import type { BriefDiagnostics } from "./diagnostics";

type Filter = Verdict | "all";

export type ClaimsNode =
  | { kind: "brief"; uri: vscode.Uri; result: CheckResult }
  | { kind: "claim"; uri: vscode.Uri; result: CheckResult; claim: Claim }
  | { kind: "passage"; uri: vscode.Uri; claim: Claim };

/** A verdict's icon (made when a tree item is, not when the extension loads). */
function iconOf(v: Verdict): vscode.ThemeIcon {
  const [id, color] = v === "confirmed" ? ["pass", "testing.iconPassed"] : v === "contradicted" ? ["error", "testing.iconFailed"] : ["question", "editorWarning.foreground"];
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

/**
 * The Claims view in the Explorer: each checked brief (the active one first), its claims with their verdicts (the cited
 * keys beside), and under each the best cited passage. A click on a claim selects its sentence; a
 * click on a passage opens the source there. The view's filter shows one verdict at a time.
 */
export class ClaimsView implements vscode.TreeDataProvider<ClaimsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClaimsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter: Filter = "all";
  private readonly disposables: vscode.Disposable[] = [];
  readonly view: vscode.TreeView<ClaimsNode>;

  constructor(private readonly diagnostics: BriefDiagnostics) {
    this.view = vscode.window.createTreeView("briefAuthor.claims", { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      diagnostics.onDidCheck(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument(() => this.refresh()),
      // The active brief comes first: the view follows the analyst from brief to brief.
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
    void vscode.commands.executeCommand("setContext", "briefAuthor.claimsFilter", this.filter);
  }

  get currentFilter(): Filter {
    return this.filter;
  }

  async setFilter(filter: Filter): Promise<void> {
    this.filter = filter;
    this.view.description = filter === "all" ? undefined : `${verdictWord(filter)} only`;
    await vscode.commands.executeCommand("setContext", "briefAuthor.claimsFilter", filter);
    this.refresh();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ClaimsNode): ClaimsNode[] {
    if (!node) {
      return this.diagnostics
        .currentResults()
        .filter(({ result }) => this.shown(result.claims).length > 0)
        .sort((a, b) => Number(isActive(b.uri)) - Number(isActive(a.uri)) || a.uri.path.localeCompare(b.uri.path))
        .map(({ uri, result }) => ({ kind: "brief", uri, result }));
    }
    if (node.kind === "brief") return this.shown(node.result.claims).map((claim) => ({ kind: "claim", uri: node.uri, result: node.result, claim }));
    if (node.kind === "claim" && node.claim.passage) return [{ kind: "passage", uri: node.uri, claim: node.claim }];
    return [];
  }

  getTreeItem(node: ClaimsNode): vscode.TreeItem {
    if (node.kind === "brief") {
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.uri), vscode.TreeItemCollapsibleState.Expanded);
      const c = claimCounts(node.result.claims);
      item.description = `${c.total} claims: ${c.confirmed} ✓ ${c.contradicted} ✗ ${c.unverified} ?`;
      item.tooltip = `${c.total} claims: ${c.confirmed} confirmed, ${c.contradicted} contradicted, ${c.unverified} unverified`;
      item.resourceUri = node.uri;
      item.iconPath = vscode.ThemeIcon.File;
      item.id = `brief:${node.uri.toString()}`;
      return item;
    }
    if (node.kind === "passage") {
      const p = node.claim.passage!;
      const item = new vscode.TreeItem(excerpt(p.text, 90), vscode.TreeItemCollapsibleState.None);
      item.description = `@${p.key}`;
      item.tooltip = new vscode.MarkdownString(`**Best cited passage** (@${p.key})\n\n> ${p.text.replace(/\s+/g, " ")}`);
      item.iconPath = new vscode.ThemeIcon("quote");
      item.command = { title: "Open Source", command: "briefAuthor.openSource", arguments: [{ uri: node.uri.with({ path: p.path }).toString(), line: p.line }] };
      return item;
    }
    const { claim, result } = node;
    const text = result.brief.text.slice(claim.start, claim.end);
    const item = new vscode.TreeItem(excerpt(text, 80), claim.passage ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = `${verdictWord(claim.verdict)}${claim.keys.length ? ` · ${claim.keys.map((k) => `@${k}`).join(" ")}` : ""}`;
    item.iconPath = iconOf(claim.verdict);
    item.contextValue = `claim.${claim.verdict}`;
    const md = new vscode.MarkdownString(`**${verdictWord(claim.verdict)}**: ${claim.why.join("; ")}${claim.rules.length ? `\n\nRules: ${claim.rules.join(", ")}` : ""}`);
    item.tooltip = md;
    const range = result.brief.lines.rangeOf(claim.start, claim.end);
    item.command = { title: "Reveal Claim", command: "briefAuthor.revealClaim", arguments: [node.uri.toString(), range.start.line, range.start.character, range.end.line, range.end.character] };
    item.id = `claim:${node.uri.toString()}:${claim.start}`;
    return item;
  }

  getParent(node: ClaimsNode): ClaimsNode | undefined {
    if (node.kind === "brief") return undefined;
    const r = this.diagnostics.currentResults().find((x) => x.uri.toString() === node.uri.toString());
    if (!r) return undefined;
    if (node.kind === "claim") return { kind: "brief", uri: node.uri, result: r.result };
    return { kind: "claim", uri: node.uri, result: r.result, claim: node.claim };
  }

  private shown(claims: readonly Claim[]): Claim[] {
    return this.filter === "all" ? [...claims] : claims.filter((c) => c.verdict === this.filter);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function isActive(uri: vscode.Uri): boolean {
  return vscode.window.activeTextEditor?.document.uri.toString() === uri.toString();
}

function excerpt(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").replace(/\s*\[@[^\]]*\]/g, "").trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + "…";
}

/** The Claims view, its filter command and the command that reveals a claim's sentence. */
export function registerClaimsView(context: vscode.ExtensionContext, diagnostics: BriefDiagnostics): ClaimsView {
  const view = new ClaimsView(diagnostics);
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand("briefAuthor.revealClaim", async (uri: string, line: number, character: number, endLine: number, endCharacter: number) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
      const range = new vscode.Range(line, character, endLine, endCharacter);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand("briefAuthor.filterClaims", async (verdict?: Filter) => {
      const choice =
        verdict ??
        (
          await vscode.window.showQuickPick(
            [
              { label: "All claims", value: "all" as Filter },
              { label: "$(pass) Confirmed", value: "confirmed" as Filter, description: "the cited passages hold every part of the claim" },
              { label: "$(error) Contradicted", value: "contradicted" as Filter, description: "a verification rule found a mismatch" },
              { label: "$(question) Unverified", value: "unverified" as Filter, description: "no check could confirm it: a person should look" },
            ],
            { title: "Show Claims", placeHolder: "Which claims should the Claims view show?" },
          )
        )?.value;
      if (choice) await view.setFilter(choice);
    }),
  );
  return view;
}
