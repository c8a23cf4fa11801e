import { JsonObject } from '../support/jsonReader';
import { TerritoryNode } from './hierarchy';

// The JSON a user gets besides Zoho's own document (`snapshot.document`), written with `documentText`.

/** One territory: its entry exactly as Zoho sent it in the user counts, else its territory record. */
export function territoryDocument(node: TerritoryNode): JsonObject {
  return node.countEntry?.raw ?? node.record?.raw ?? { territory: { id: node.id, name: node.name } };
}

/** The hierarchy as nested JSON, for scripts that want the tree. */
export interface TerritoryTreeJson {
  id: string;
  name: string;
  users: number;
  branch_users: number;
  children: TerritoryTreeJson[];
}

export function hierarchyDocument(roots: readonly TerritoryNode[]): TerritoryTreeJson[] {
  // Iterative, so a 100,000-deep chain cannot overflow the stack.
  const toJson = (node: TerritoryNode): TerritoryTreeJson => ({ id: node.id, name: node.name, users: node.ownUsers, branch_users: node.branchUsers, children: [] });
  const result = roots.map(toJson);
  const stack: Array<[TerritoryNode, TerritoryTreeJson]> = roots.map((root, i) => [root, result[i]]);
  while (stack.length > 0) {
    const [node, json] = stack.pop() as [TerritoryNode, TerritoryTreeJson];
    for (const child of node.children) {
      const childJson = toJson(child);
      json.children.push(childJson);
      stack.push([child, childJson]);
    }
  }
  return result;
}
