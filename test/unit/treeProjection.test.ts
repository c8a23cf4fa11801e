import * as assert from 'assert';
import { TerritoryTreeProvider } from '../../src/vscode/view/territoryTreeProvider';
import { TerritoryTreeElement } from '../../src/vscode/view/treeElements';
import { ViewOptions } from '../../src/vscode/view/viewOptions';
import { memoryMemento } from '../support/vscodeParts';
import { TreeItem } from '../support/vscode';
import { fakeSource, settle, sharedStores, windowOf } from './connectionHarness';

const ORG = [
  { name: 'World', id: '1', count: 2 },
  { name: 'Europe', id: '2', count: 3, parent: '1' },
  { name: 'Asia', id: '3', count: 0, parent: '1' },
];

function labels(provider: TerritoryTreeProvider, elements: readonly TerritoryTreeElement[]): string[] {
  return elements.map((element) => String((provider.getTreeItem(element) as unknown as TreeItem).label));
}

describe('The tree, as a projection of each connection\'s state', () => {
  it('shows the only connection\'s hierarchy as its top rows, once loaded', async () => {
    const { connections } = windowOf(sharedStores(), fakeSource(ORG));
    const provider = new TerritoryTreeProvider(connections, new ViewOptions(memoryMemento() as never));
    const connection = connections.all[0];
    await connection.setToken('1000.unit.token');
    assert.deepStrictEqual(await provider.getChildren(), [], 'nothing loaded: no rows (the welcome shows)');
    let redrawn = 0;
    provider.onDidChangeTreeData(() => redrawn++);
    const outcome = await connection.refresh();
    assert.ok(outcome.ok);
    assert.ok(redrawn > 0, 'a load redraws the tree');
    const top = await provider.getChildren();
    assert.deepStrictEqual(labels(provider, top), ['World']);
    const children = await provider.getChildren(top[0]);
    assert.deepStrictEqual(labels(provider, children), ['Users', 'Europe', 'Asia']);
    provider.dispose();
  });

  it('with several connections, one row each, drawn from its state; opening a row wants it', async () => {
    const { connections } = windowOf(sharedStores(), fakeSource(ORG));
    const second = await connections.add({ dataCenter: 'eu', apiDomain: '', apiVersion: 'v7' }, 'Europe org');
    assert.ok(second);
    await second.setToken('1000.unit.token');
    const provider = new TerritoryTreeProvider(connections, new ViewOptions(memoryMemento() as never));
    const wanted: string[] = [];
    provider.onDidWantConnection((connection) => wanted.push(connection.id));
    const rows = await provider.getChildren();
    assert.deepStrictEqual(labels(provider, rows), ['Zoho CRM (United States)', 'Europe org']);
    const [firstRow, secondRow] = rows.map((row) => provider.getTreeItem(row) as unknown as TreeItem);
    assert.strictEqual(firstRow.contextValue, 'connection');
    assert.strictEqual(secondRow.id, `connection:${second.id}`);

    const underFirst = await provider.getChildren(rows[0]);
    assert.deepStrictEqual(
      underFirst.map((element) => element.kind),
      ['notice', 'action', 'action'],
      'no way in: a notice, then Sign In and Set Access Token',
    );
    assert.deepStrictEqual(wanted, [connections.all[0].id]);
    assert.strictEqual(connections.all[0].state.wanted, true);
    await provider.getChildren(rows[0]);
    assert.deepStrictEqual(wanted, [connections.all[0].id], 'wanted once');

    assert.strictEqual(second.state.wanted, false, 'a row nobody opened spends no API credits');
    await second.refresh();
    await settle();
    assert.deepStrictEqual(labels(provider, await provider.getChildren(rows[1])), ['World']);
    assert.match(String((provider.getTreeItem(rows[1]) as unknown as TreeItem).description), /3|5/);
    provider.dispose();
  });
});
