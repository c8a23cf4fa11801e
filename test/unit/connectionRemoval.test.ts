import * as assert from 'assert';
import { ConnectionRemovalSteps, describeRemoval, leftSomethingBehind, removeConnectionData } from '../../src/core/connections/removal';
import { KnownSecrets } from '../../src/core/redaction/knownSecrets';
import { SignOutResult } from '../../src/core/signIn/signOut';
import { capturingLogger } from './helpers';

const SIGN_IN = 'zohoTerritories.signIn/k3x9';
const TOKEN = 'zohoTerritories.accessToken/k3x9';
const LOAD = 'zohoTerritories.lastSnapshot/k3x9';
const ALLOWED = 'zohoTerritories.changes.allowed/k3x9';
const JOURNAL = 'zohoTerritories.changes.journal/k3x9';
const OTHER = 'zohoTerritories.changes.journal/p7q2';

/** A connection's stores as a map, with the sign-out this version would do on it (it cannot read `staging`). */
function storesWith(signIn: string, failing: ReadonlySet<string> = new Set()) {
  const stored = new Map<string, string>([
    [SIGN_IN, signIn],
    [TOKEN, '1000.pasted00000000000000000000000.pasted000000000000000000000'],
    [LOAD, '{"territories":[]}'],
    [ALLOWED, 'https://www.zohoapis.eu'],
    [JOURNAL, '{"format":1,"entries":[]}'],
    [OTHER, 'another connection\'s'],
  ]);
  const remove = async (key: string) => {
    if (failing.has(key)) {
      throw new Error('The keychain is locked');
    }
    stored.delete(key);
  };
  const steps: ConnectionRemovalSteps = {
    readSignIn: async () => stored.get(SIGN_IN),
    // As TokenManager.signOut: deletes the key; revokes only a record it can read (this one it cannot).
    signOut: async (): Promise<SignOutResult> => {
      try {
        await remove(SIGN_IN);
        return { wasSignedIn: false, revocation: 'notAsked', deleted: true };
      } catch (error) {
        return { wasSignedIn: false, revocation: 'notAsked', deleted: false, deleteFailure: (error as Error).message };
      }
    },
    deleteSignIn: () => remove(SIGN_IN),
    deleteAccessToken: () => remove(TOKEN),
    forgetSavedLoad: () => remove(LOAD),
    forgetState: (key) => remove(key),
  };
  return { stored, steps };
}

const STAGING = JSON.stringify({
  version: 2,
  environment: 'staging',
  clientId: '1000.CLIENT',
  clientSecret: 'client-secret-0123456789abcdef',
  refreshToken: '1000.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  accountsOrigin: 'https://accounts.zoho.eu',
});

describe('Removing a connection', () => {
  it('deletes every key and revokes a sign-in record this version cannot read (a later version\'s, environment "staging")', async () => {
    const { stored, steps } = storesWith(STAGING);
    const revoked: Array<[string, string]> = [];
    const known = new KnownSecrets();
    const result = await removeConnectionData(steps, {
      connectionId: 'k3x9',
      accounts: { revokeRefreshToken: async (origin, token) => (revoked.push([origin, token]), 'revoked') },
      known,
      logger: capturingLogger(),
    });
    assert.deepStrictEqual([...stored.keys()], [OTHER], 'client secret, refresh and access tokens, pasted token, saved load, allowance and journal are gone; not another connection\'s');
    assert.deepStrictEqual(revoked, [['https://accounts.zoho.eu', JSON.parse(STAGING).refreshToken]]);
    assert.deepStrictEqual(result.failures, []);
    assert.strictEqual(describeRemoval(result), undefined);
    assert.strictEqual(known.redact('client-secret-0123456789abcdef'), '***', 'its secrets are known, so no message can show them');
  });

  it('never sends an unreadable record\'s refresh token to a server that is not Zoho\'s, and says to revoke it by hand', async () => {
    const { stored, steps } = storesWith(JSON.stringify({ ...JSON.parse(STAGING), accountsOrigin: 'https://accounts.zoho.eu.evil.example' }));
    let asked = 0;
    const result = await removeConnectionData(steps, { connectionId: 'k3x9', accounts: { revokeRefreshToken: async () => (asked++, 'revoked') }, known: new KnownSecrets(), logger: capturingLogger() });
    assert.strictEqual(asked, 0);
    assert.deepStrictEqual([...stored.keys()], [OTHER]);
    assert.match(describeRemoval(result) ?? '', /could not be revoked at Zoho: revoke it in Zoho Accounts/);
  });

  it('tries every step when one throws (a locked keychain), says which failed and why, and keeps the connection to remove again', async () => {
    const { stored, steps } = storesWith(STAGING, new Set([TOKEN]));
    const logger = capturingLogger();
    const result = await removeConnectionData(steps, { connectionId: 'k3x9', accounts: { revokeRefreshToken: async () => 'revoked' }, known: new KnownSecrets(), logger });
    assert.deepStrictEqual([...stored.keys()], [TOKEN, OTHER], 'the sign-in and the saved load are gone all the same');
    assert.deepStrictEqual(result.failures.map(({ step }) => step), ['accessToken']);
    assert.ok(leftSomethingBehind(result));
    const message = describeRemoval(result) ?? '';
    assert.match(message, /deleting its access token \(Error: The keychain is locked\)/);
    assert.match(message, /stays in the list: remove it again/);
    assert.ok(logger.lines.some((line) => line.includes('accessToken failed')));
  });

  it('forgets that changes were allowed even when its journal cannot be deleted, and keeps the connection to remove again', async () => {
    const { stored, steps } = storesWith(STAGING, new Set([JOURNAL]));
    const result = await removeConnectionData(steps, { connectionId: 'k3x9', accounts: { revokeRefreshToken: async () => 'revoked' }, known: new KnownSecrets(), logger: capturingLogger() });
    assert.deepStrictEqual([...stored.keys()], [JOURNAL, OTHER]);
    assert.deepStrictEqual(result.failures.map(({ step }) => step), ['changes']);
    assert.ok(leftSomethingBehind(result));
    assert.match(describeRemoval(result) ?? '', /forgetting that its changes were allowed, and its journal of changes \(Error: The keychain is locked\)/);
  });

  it('goes on when reading the sign-in and the sign-out itself throw', async () => {
    const { stored, steps } = storesWith(STAGING);
    const result = await removeConnectionData(
      {
        ...steps,
        readSignIn: async () => {
          throw new Error('locked');
        },
        signOut: async () => {
          throw new Error('locked');
        },
      },
      { connectionId: 'k3x9', accounts: { revokeRefreshToken: async () => 'revoked' }, known: new KnownSecrets(), logger: capturingLogger() },
    );
    assert.deepStrictEqual([...stored.keys()], [OTHER]);
    assert.deepStrictEqual(result.failures.map(({ step }) => step).sort(), ['signIn', 'signOut']);
  });

  it('a sign-out whose delete failed is made good by the second delete, and is not reported as failed', async () => {
    let first = true;
    const { stored, steps } = storesWith(STAGING);
    const result = await removeConnectionData(
      {
        ...steps,
        signOut: async () => {
          first = false;
          return { wasSignedIn: true, revocation: 'revoked', deleted: false, deleteFailure: 'busy' };
        },
      },
      { connectionId: 'k3x9', accounts: { revokeRefreshToken: async () => 'revoked' }, known: new KnownSecrets(), logger: capturingLogger() },
    );
    assert.ok(!first);
    assert.deepStrictEqual([...stored.keys()], [OTHER]);
    assert.strictEqual(result.signOut?.deleted, true);
    assert.strictEqual(describeRemoval(result), undefined);
  });
});
