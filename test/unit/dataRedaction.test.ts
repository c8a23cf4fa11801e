import * as assert from 'assert';
import { compareTerritories } from '../../src/core/compare/comparison';
import { comparisonMarkdown } from '../../src/core/compare/comparisonMarkdown';
import { territoryDetailsMarkdown } from '../../src/core/details/detailsDocument';
import { readTerritoryDetails } from '../../src/core/details/territoryDetails';
import { exportTerritories } from '../../src/core/export/territoryTable';
import { KnownSecrets } from '../../src/core/redaction/knownSecrets';
import { serverText } from '../../src/core/redaction/serverText';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { SAMPLE_PARENTS, SAMPLE_TERRITORIES } from '../../fake-zoho/sampleOrg';
import { orgSnapshot } from './helpers';

const ACCESS_TOKEN = '1000.8ecd00000000000000000000000000d5e1.b99f0000000000000000000000005a4c';
const PASTED = 'my_pasted*token!x';
const DESCRIPTION = 'Bearer of the flag, Zoho-oauthtoken 123';

function org(description: string, name = 'Chennai', manager = 'Boss') {
  return buildTerritoryTree(
    [{ id: '1', name: 'Zoho', count: 1, raw: {} }, { id: '2', name, count: 2, raw: {} }],
    [
      { id: '1', name: 'Zoho', reportingToId: undefined, raw: { id: '1', name: 'Zoho' } as never },
      { id: '2', name, reportingToId: '1', raw: { id: '2', name, description, manager: { name: manager, id: '9' } } as never },
    ],
  );
}

describe("Redaction of the org's data: known secrets and Zoho's token shape, not English words (issue 18, hardening)", () => {
  const secrets = new KnownSecrets();
  secrets.add(PASTED);

  it('keeps "Bearer of the flag, Zoho-oauthtoken 123" in an export, and blanks real secrets', () => {
    for (const format of ['csv', 'json', 'markdown'] as const) {
      const text = exportTerritories(org(`${DESCRIPTION} ${ACCESS_TOKEN} ${PASTED}`), format);
      const safe = secrets.redactData(text);
      assert.ok(!safe.includes(ACCESS_TOKEN) && !safe.includes(PASTED), `${format}: ${safe}`);
      assert.ok(format === 'markdown' || safe.includes(DESCRIPTION), `${format}: ${safe}`);
      assert.strictEqual(secrets.redactData(exportTerritories(org(DESCRIPTION), format)), exportTerritories(org(DESCRIPTION), format), format);
    }
    assert.deepStrictEqual(secrets.redactDataValue({ description: DESCRIPTION, token: ACCESS_TOKEN, [PASTED]: 1 }), { description: DESCRIPTION, token: '***', '***': 1 });
  });

  it('still masks the Authorization shape in messages and logs', () => {
    assert.strictEqual(secrets.redact('denied for Bearer abcdef123'), 'denied for Bearer ***');
    assert.strictEqual(serverText('denied for Zoho-oauthtoken abcdef123'), 'denied for Zoho-oauthtoken ***');
  });
});

describe('Documents redact known secrets before Markdown escaping (issue 18, hardening: redaction order)', () => {
  const secrets = new KnownSecrets();
  secrets.add(PASTED);
  const redact = (text: string) => secrets.redactData(text);
  const escapedPasted = 'my\\_pasted\\*token\\!x';

  it('blanks a pasted secret with Markdown punctuation in a details document', () => {
    const tree = org(`see ${PASTED}`, `Chennai ${PASTED}`, `Boss ${PASTED}`);
    const node = tree.byId.get('2')!;
    const users = { kind: 'loaded' as const, users: [{ id: 'u1', fullName: `Priya ${PASTED}`, email: 'p@example.com', role: PASTED, status: 'active', raw: {} }] };
    const text = secrets.redactData(territoryDetailsMarkdown({ node, details: readTerritoryDetails(node.record?.raw), users, formatTime: String, linkFor: (id) => `../${id}/x.md`, redact }));
    assert.ok(!text.includes(escapedPasted), text);
    assert.ok(!text.includes(PASTED), text);
    assert.ok(text.includes('Chennai \\*\\*\\*'), text);
    assert.ok(text.includes('Boss \\*\\*\\*'), text);
  });

  it('blanks a pasted secret with Markdown punctuation in a comparison document', () => {
    const snapshot = orgSnapshot(SAMPLE_TERRITORIES.map((t, i) => (i === 1 ? { ...t, name: `${t.name} ${PASTED}` } : t)), SAMPLE_PARENTS);
    const comparison = compareTerritories({ label: `Production ${PASTED}`, snapshot: orgSnapshot(SAMPLE_TERRITORIES, SAMPLE_PARENTS) }, { label: 'Sandbox', snapshot });
    const text = secrets.redactData(comparisonMarkdown(comparison, { redact }));
    assert.ok(!text.includes(escapedPasted), text);
    assert.ok(!text.includes(PASTED), text);
    assert.ok(text.includes('Production \\*\\*\\*'), text);
  });
});
