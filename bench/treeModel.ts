/**
 * The extension's view model after a load, as the bench times it: the snapshot's tree (built by the
 * store) plus what the tree view computes for rows, done for EVERY territory (sorted top level, then
 * a label, description and tooltip per node), i.e. the upper bound of a fully expanded tree or the
 * flat list. The view itself does this lazily, only for what is drawn. Kept in one place so a change
 * of the view model is a change here.
 */
import { CountEntry } from '../fake-zoho/sampleOrg';
import { Scenario, syntheticEntries, territoryRecords } from '../fake-zoho/server';
import { sortTerritories } from '../src/core/territories/hierarchy';
import { TerritorySnapshot } from '../src/core/territories/snapshot';
import { TerritoryLabel, describeTerritory } from '../src/core/territories/labels';

export interface TreeModel {
  readonly topLevel: number;
  readonly labels: TerritoryLabel[];
}

export function treeModel(snapshot: TerritorySnapshot): TreeModel {
  const hierarchy = snapshot.records !== undefined;
  const { tree } = snapshot;
  const topLevel = sortTerritories(hierarchy ? tree.roots : tree.all, 'zoho', hierarchy);
  const labels = tree.all.map((node) => describeTerritory(node, hierarchy));
  return { topLevel: topLevel.length, labels };
}

/** `GET /settings/territories` records for a synthetic org: a tree in which every territory has up to 10 children. */
export function syntheticParents(ids: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(ids.map((id, i) => [id, i === 0 ? null : ids[Math.floor((i - 1) / 10)]]));
}

/** A synthetic org of `n` territories: user counts, and territory records that make a tree of up to 10 children each. */
export function syntheticOrg(n: number): Required<Pick<Scenario, 'entries' | 'territories'>> {
  const entries: CountEntry[] = syntheticEntries(n);
  const territories = entries.map((entry) => entry.territory);
  return { entries, territories: territoryRecords(territories, syntheticParents(territories.map((territory) => territory.id))) };
}
