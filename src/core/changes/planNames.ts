import { nameKey } from '../compare/matching';
import { computeLevels } from './order';
import { OrgState, TerritoryState } from './state';
import { RenameStep, Step } from './steps';
import { groupBy } from '../support/collections';

/** A step while the planner makes it: its dependencies still growing. */
export type Draft = Step & { dependsOn: string[] };

/**
 * Names are unique in the org at every moment: a step that gives a name another territory has now
 * waits for that one's rename or delete. Where those waits form a cycle (two territories swap
 * names; a create takes the name of a territory deleted after a move under the new one), the
 * holder first takes a temporary name.
 */
export function addNameDependencies(steps: Draft[], current: OrgState, renameOf: ReadonlyMap<string, string>, deleteOf: ReadonlyMap<string, string>, nextId: () => string): void {
  const holders = groupBy(current.territories, (t) => nameKey(t.name));
  const byId = new Map(steps.map((step) => [step.id, step]));
  const edges: { from: Draft; holder: string; to: string }[] = [];
  for (const step of steps) {
    const name = step.kind === 'create' ? step.after.name : step.kind === 'rename' ? step.after.name : undefined;
    if (name === undefined) {
      continue;
    }
    const key = nameKey(name);
    for (const { id: holder } of holders.get(key) ?? []) {
      const rename = renameOf.get(holder);
      const freed = rename !== undefined && nameKey((byId.get(rename) as RenameStep).after.name) !== key ? rename : deleteOf.get(holder);
      if (holder !== step.territory.id && freed !== undefined) {
        step.dependsOn.push(freed);
        edges.push({ from: step, holder, to: freed });
      }
    }
  }
  if (edges.length === 0) {
    return; // no step waits for a name, so none is in a cycle of names (and the levels need not be computed here)
  }
  const names = new Set([...holders.keys(), ...steps.map((s) => (s.kind === 'create' || s.kind === 'rename' ? nameKey(s.after.name) : ''))]);
  const temporaryOf = new Map<string, string>();
  const territories = new Map(current.territories.map((t) => [t.id, t]));
  // One edge at a time, then look again: breaking one wait often breaks the whole cycle (a swap needs one temporary name, not two).
  for (let cyclic = new Set(computeLevels(steps).cyclic); cyclic.size > 0; cyclic = new Set(computeLevels(steps).cyclic)) {
    const edge = edges.find((e) => cyclic.has(e.from.id) && cyclic.has(e.to) && e.from.dependsOn.includes(e.to));
    if (!edge) {
      return; // a cycle not made by names: the desired tree has one, and validation says so
    }
    let id = temporaryOf.get(edge.holder);
    if (id === undefined) {
      const holder = territories.get(edge.holder) as TerritoryState;
      const temporary = temporaryName(holder.name, names);
      names.add(nameKey(temporary));
      const freeing = byId.get(edge.to) as Draft;
      id = nextId();
      // It sends the permission the holder ends with, as its other updates do.
      const permission = 'permission' in freeing ? freeing.permission : holder.permission;
      const territory = { key: holder.id, id: holder.id, name: holder.name };
      steps.push({ id, kind: 'rename', territory, permission, before: { name: holder.name }, after: { name: temporary }, temporary: true, dependsOn: [] });
      if (freeing.kind === 'rename') {
        (freeing as { before: { name: string } }).before = { name: temporary };
        freeing.dependsOn.push(id);
      }
      temporaryOf.set(edge.holder, id);
    }
    edge.from.dependsOn.splice(edge.from.dependsOn.indexOf(edge.to), 1, id);
  }
}

/** A name no territory has or gets, ≤ 50 characters, with none of Zoho's forbidden characters. */
function temporaryName(name: string, taken: ReadonlySet<string>): string {
  const base = Array.from(name).slice(0, 38).join('').trim();
  for (let n = 1; ; n++) {
    const candidate = `${base} (old ${n})`;
    if (!taken.has(nameKey(candidate))) {
      return candidate;
    }
  }
}
