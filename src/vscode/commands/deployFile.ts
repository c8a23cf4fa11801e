import * as vscode from 'vscode';
import { bindPlan } from '../../core/changes/binding';
import { planMarkdown } from '../../core/changes/changeWords';
import { OrgState } from '../../core/changes/state';
import { isolate } from '../../core/messages/safeText';
import { documentFileName } from '../../core/support/documentNames';
import { FilePlan, ReadFile, isReadFile, planFile, territoryToSelect } from '../../core/territoryFile/filePlan';
import { FileProblem, readTerritoryFile } from '../../core/territoryFile/reader';
import { displayName, formatTerritoryCount, pickText } from '../../core/territories/names';
import { CHANGE_URI_SCHEME } from '../../ids';
import { ChangeOutcome, changesAllowed, confirmAndApply, refusal } from '../changes/applyFlow';
import { ChangeTarget } from '../changes/connectionPort';
import { showError, showInformation } from '../notifier';
import { FileCommandDeps, baseName, connectionForFile, fileCommandOptions, idsInText, readWholeOrg, territoryFileUri } from './territoryFileArgs';

type GoodPlan = Extract<FilePlan, { ok: true }>;

/**
 * Deploy File to Connection…: the file (its editor's text, unsaved edits too) planned against the org
 * read now, by the pipeline the CLI uses; refused with its problems listed while it has any, before
 * anything is asked. What the org has and the file lacks is deleted only when chosen: the plan is shown
 * first (its "Not in the file" listing them), then the separate, unticked choice (a script's `allowDelete`
 * decides instead). The final plan is shown grouped in the preview, a production connection's name
 * typed, the modal naming the org answered, and exactly that plan applied (refused if the org changed
 * since), with Undo after; the tree then selects what the plan created or changed first.
 */
export function deployFile(deps: FileCommandDeps) {
  const deploy = async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const parsed = fileCommandOptions(deps, argument, 'deploy');
    const uri = parsed && territoryFileUri(deps, parsed.options.uri);
    if (!parsed || !uri) {
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    // What is deployed is the editor's text: said where the plan is, since the saved (or committed) file differs.
    const notes = document.isDirty ? [vscode.l10n.t('{0} has unsaved changes: what is deployed is the text in its editor, not the saved file.', baseName(uri))] : [];
    const read = readTerritoryFile(text);
    if (!isReadFile(read)) {
      return refused(deps, uri, undefined, read.problems);
    }
    const connection = await connectionForFile(deps, uri, idsInText(text), parsed.options.connection, vscode.l10n.t('Deploy the file to which connection?'));
    if (!connection) {
      return undefined;
    }
    const target = deps.changes.targets.of(connection);
    if (!(await changesAllowed(deps.changes, target))) {
      return refusal('not-allowed', [vscode.l10n.t('Changes to this connection are not allowed.')]);
    }
    const org = await readWholeOrg(target);
    const title = vscode.l10n.t('Deploy {0} to {1}', baseName(uri), displayName(target.name, 60));
    const first = planFile(read, org, { allowDelete: parsed.script && parsed.options.allowDelete === true });
    if (!first.ok) {
      return refused(deps, uri, target, first.problems);
    }
    const planned = !parsed.script && first.notInFile.length > 0 ? await withDeletionChoice(deps, target, title, read, org, first, notes) : first;
    if (planned === undefined) {
      return refusal('cancelled');
    }
    if (!planned.ok) {
      return refused(deps, uri, target, planned.problems);
    }
    const shown = isolate(displayName(target.name, 60));
    if (planned.plan.steps.length === 0) {
      const message =
        planned.notInFile.length > 0
          ? vscode.l10n.t('Nothing to deploy: {0} already matches {1}, apart from the {2} that the file does not have, which are kept.', shown, baseName(uri), formatTerritoryCount(planned.notInFile.length))
          : vscode.l10n.t('Nothing to deploy: {0} already matches {1}.', shown, baseName(uri));
      void showInformation(deps.secrets, message);
      return refusal('nothing-to-change');
    }
    return confirmAndApply(deps.changes, target, {
      bound: bindPlan(planned.plan, planned.desired, org, target.id),
      org,
      title,
      button: vscode.l10n.t('Deploy'),
      readOrg: (signal) => target.readOrg((now) => now.territories.map((t) => t.id), signal),
      select: territoryToSelect(planned.plan),
      planWords: { fromFile: true, warnings: planned.warnings },
      extraDetail: notes,
      typeToConfirm: true,
      // Planned again from the start: a script's options as given, else the file (its connection offered first).
      again: async () => (await deploy(parsed.script ? { ...parsed.options, uri } : uri)) ?? refusal('cancelled'),
    });
  };
  return deploy;
}

/**
 * The plan without deletions shown in the preview (its "Not in the file" lists what the org has and
 * the file lacks), then the choice to delete those. Chosen, planned again with deletions (checked
 * again); `confirmAndApply` then shows the plan under the same title, in the same preview tab.
 * `undefined`: the choice was dismissed.
 */
async function withDeletionChoice(deps: FileCommandDeps, target: ChangeTarget, title: string, read: ReadFile, org: OrgState, kept: GoodPlan, notes: readonly string[]): Promise<FilePlan | undefined> {
  // The same file name as confirmAndApply's preview (applyFlow's changeFileName), so the tab reads the same.
  const name = documentFileName(title, 80, vscode.l10n.t('Change'));
  const preview = deps.changes.documents.keep(CHANGE_URI_SCHEME, name, planMarkdown(title, deps.secrets.redactDataValue(kept.plan), target.place(), notes, { fromFile: true, warnings: kept.warnings }));
  await vscode.commands.executeCommand('markdown.showPreview', preview);
  const choice = await askDeletion(kept.notInFile);
  if (choice === undefined) {
    target.logger.info(`Deploy not confirmed: the choice about what the file lacks was dismissed (${title}).`);
    return undefined;
  }
  return choice ? planFile(read, org, { allowDelete: true }) : kept;
}

/**
 * The separate, unticked choice to delete what the file lacks: Enter with nothing ticked keeps them.
 * Resolves `true` (delete), `false` (keep) or `undefined` (dismissed: no deploy).
 */
async function askDeletion(notInFile: readonly { readonly id: string; readonly name: string }[]): Promise<boolean | undefined> {
  const names = notInFile.slice(0, 5).map((t) => `'${pickText(t.name, 40)}'`).join(', ');
  const item: vscode.QuickPickItem = {
    label: vscode.l10n.t('Also delete the {0} that the file does not have', formatTerritoryCount(notInFile.length)),
    detail: notInFile.length > 5 ? vscode.l10n.t('{0} and {1} more', names, notInFile.length - 5) : names,
  };
  const picked = await vscode.window.showQuickPick([item], {
    title: vscode.l10n.t('Territories not in the file'),
    placeHolder: vscode.l10n.t('Press Enter to deploy without deleting them; tick to delete them too'),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked === undefined ? undefined : picked.length > 0;
}

/** Nothing sent: each problem said with its line, all logged, the first few shown. */
function refused(deps: FileCommandDeps, uri: vscode.Uri, target: ChangeTarget | undefined, problems: readonly FileProblem[]): ChangeOutcome {
  const messages = problems.map((p) => (p.line !== undefined ? vscode.l10n.t('Line {0}: {1}', p.line, p.message) : p.message));
  const log = target?.logger ?? deps.log;
  messages.forEach((m) => log.warn(`Deploy of ${baseName(uri)} refused before sending: ${m}`));
  const shown = messages.length <= 4 ? messages.join(' ') : `${messages.slice(0, 4).join(' ')} ${vscode.l10n.t('…and {0} more (see the log).', messages.length - 4)}`;
  void showError(deps.secrets, vscode.l10n.t('Nothing was sent: {0} has problems. {1}', baseName(uri), shown));
  return refusal('invalid', messages);
}
