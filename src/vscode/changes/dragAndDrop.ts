import * as vscode from 'vscode';
import { COMMANDS, TERRITORIES_VIEW_ID } from '../../ids';
import { TerritoryElement, TerritoryTreeElement } from '../view/treeElements';
import { ChangeOutcome } from './applyFlow';

/** The tree's own drag type: VS Code's convention is the view's ID in lower case. */
export const TERRITORY_DRAG_TYPE = `application/vnd.code.tree.${TERRITORIES_VIEW_ID.toLowerCase()}`;

/**
 * The dragged rows. VS Code sends a drag's items to the workbench as text (`asString`), and a row
 * holds its connection, which JSON cannot write (circular): the drag then never reached the drop.
 * As text it is the rows' connection and territory IDs; a drop in this tree gets the rows themselves.
 */
class TerritoryDragItem extends vscode.DataTransferItem {
  constructor(private readonly territories: readonly TerritoryElement[]) {
    super(territories);
  }

  override asString(): Thenable<string> {
    return Promise.resolve(JSON.stringify(this.territories.map((t) => ({ connection: t.connection.id, territory: t.node.id }))));
  }
}

/**
 * Drag a territory onto another of the same connection to move it under that one; onto a territory
 * of another connection to copy its branch there. The drop runs Move To… or Copy to Connection…
 * with everything named, so it is confirmed in the same modal as any change.
 */
export class TerritoryDragAndDrop implements vscode.TreeDragAndDropController<TerritoryTreeElement> {
  readonly dragMimeTypes = [TERRITORY_DRAG_TYPE];
  readonly dropMimeTypes = [TERRITORY_DRAG_TYPE];

  handleDrag(source: readonly TerritoryTreeElement[], dataTransfer: vscode.DataTransfer): void {
    const territories = source.filter((element): element is TerritoryElement => element.kind === 'territory');
    if (territories.length === 1) {
      dataTransfer.set(TERRITORY_DRAG_TYPE, new TerritoryDragItem(territories));
    }
  }

  async handleDrop(target: TerritoryTreeElement | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    await this.drop(target, dataTransfer);
  }

  /** Resolves with the move's or the copy's outcome (`undefined` when the drop is neither). */
  async drop(target: TerritoryTreeElement | undefined, dataTransfer: vscode.DataTransfer): Promise<ChangeOutcome | undefined> {
    const value: unknown = dataTransfer.get(TERRITORY_DRAG_TYPE)?.value;
    const source = Array.isArray(value) && value.length === 1 ? (value[0] as TerritoryTreeElement) : undefined;
    if (source?.kind !== 'territory' || target?.kind !== 'territory') {
      return undefined;
    }
    if (source.connection !== target.connection) {
      // By id: a bare id may be another connection's name (the first connection's id is "default").
      const options = { connection: { id: source.connection.id }, territory: source.node.id, to: { id: target.connection.id }, parent: target.node.id };
      return vscode.commands.executeCommand<ChangeOutcome | undefined>(COMMANDS.copyToConnection, options);
    }
    if (source.node.id === target.node.id) {
      return undefined;
    }
    return vscode.commands.executeCommand<ChangeOutcome | undefined>(COMMANDS.moveTerritory, { connection: { id: source.connection.id }, territory: source.node.id, parent: target.node.id });
  }
}
