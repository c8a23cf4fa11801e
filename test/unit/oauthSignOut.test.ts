import * as assert from 'assert';
import { ZohoNetworkError } from '../../src/core/zohoApi/errors';
import { OAuthNetworkError } from '../../src/core/signIn/errors';
import { describeSignOut } from '../../src/core/signIn/signOut';

describe('Sign-out: the message says what happened, and names what failed', () => {
  const networkFailure = new OAuthNetworkError(new ZohoNetworkError('refused', 'accounts.zoho.eu', 'ECONNREFUSED'), { host: 'accounts.zoho.eu', dataCenterLabel: 'Europe' });

  it('says signed out only when the sign-in was deleted', () => {
    assert.deepStrictEqual(describeSignOut({ wasSignedIn: true, revocation: 'revoked', deleted: true }), { severity: 'done', message: 'Signed out of Zoho' });
    assert.deepStrictEqual(describeSignOut({ wasSignedIn: false, revocation: 'notAsked', deleted: true }), { severity: 'info', message: 'You were not signed in to Zoho.' });
    for (const revocation of ['revoked', 'alreadyInvalid', 'failed', 'notAsked'] as const) {
      const { severity, message } = describeSignOut({ wasSignedIn: true, revocation, deleted: false, deleteFailure: 'Error: keychain locked', ...(revocation === 'failed' ? { error: networkFailure } : {}) });
      assert.strictEqual(severity, 'error', revocation);
      assert.doesNotMatch(message, /^Signed out/, revocation);
      assert.match(message, /deleting it from VS Code's secret storage failed \(Error: keychain locked\)/, revocation);
    }
  });

  it('names a failed revocation with its reason, and what to do', () => {
    const deleted = describeSignOut({ wasSignedIn: true, revocation: 'failed', deleted: true, error: networkFailure });
    assert.strictEqual(deleted.severity, 'warning');
    assert.match(deleted.message, /deleted from VS Code's secret storage/);
    assert.match(deleted.message, /revoking it at Zoho failed \(Zoho's accounts server accounts\.zoho\.eu \(Europe\) refused the connection/);
    assert.match(deleted.message, /Connected Apps/);
    const both = describeSignOut({ wasSignedIn: true, revocation: 'failed', deleted: false, deleteFailure: 'Error: keychain locked', error: networkFailure });
    assert.match(both.message, /^Sign-out failed: deleting it .* and revoking it at Zoho failed too \(Zoho's accounts server/);
    assert.match(both.message, /You are still signed in/);
    assert.match(describeSignOut({ wasSignedIn: true, revocation: 'failed', deleted: true }).message, /an unexpected error; see the log/);
  });

  it('says what was done when only the delete failed', () => {
    const { message } = describeSignOut({ wasSignedIn: true, revocation: 'revoked', deleted: false, deleteFailure: 'Error: keychain locked' });
    assert.match(message, /^Sign-out incomplete: Zoho revoked the sign-in/);
    assert.match(message, /client secret is still stored here/);
  });
});
