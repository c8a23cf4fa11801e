import * as assert from 'assert';
import { PastedToken, SignInOrPastedToken } from '../../src/core/signIn/credentials';
import { describeError } from '../../src/core/messages/errorMessages';
import { MissingTokenError } from '../../src/core/zohoApi/errors';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { InvalidGrantCodeError, NotSignedInError } from '../../src/core/signIn/errors';
import { FakeAccounts, startFakeAccounts } from '../../fake-zoho/accountsServer';
import { capturingLogger, memoryCredentialStore, rejectionOf, testTokenManager } from './helpers';

describe('Credentials: a sign-in or a pasted token', () => {
  let accounts: FakeAccounts;
  before(async () => {
    accounts = await startFakeAccounts({ apiDomain: 'https://www.zohoapis.eu' });
  });
  after(() => accounts.close());
  beforeEach(() => accounts.reset());

  const tokenManager = () => testTokenManager({ store: memoryCredentialStore(), fetch: nodeFetch, logger: capturingLogger(), now: accounts.clock.now });

  it('uses the pasted token when not signed in, and says so when there is neither', async () => {
    let pasted: string | undefined = 'pasted-token';
    const credentials = new SignInOrPastedToken(new PastedToken(async () => pasted), tokenManager());
    assert.deepStrictEqual(await credentials.withAccessToken(async (access) => access), { token: 'pasted-token' });
    pasted = undefined;
    assert.ok((await rejectionOf(credentials.withAccessToken(async () => 1))) instanceof MissingTokenError);
  });

  it('prefers the sign-in, with the api_domain Zoho named', async () => {
    const manager = tokenManager();
    await manager.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode: accounts.issueGrantCode(), dataCenter: 'eu', accountsOrigin: accounts.origin });
    const credentials = new SignInOrPastedToken(new PastedToken(async () => 'pasted-token'), manager);
    assert.deepStrictEqual(await credentials.withAccessToken(async (access) => access), { token: accounts.latestAccessToken, apiDomain: 'https://www.zohoapis.eu' });
  });

  it('turns sign-in failures into messages with the way out', () => {
    const grant = describeError(new InvalidGrantCodeError({ host: 'accounts.zoho.eu', dataCenterLabel: 'Europe' }));
    assert.match(grant.message, /expired/);
    assert.deepStrictEqual(grant.action, { kind: 'signIn', label: 'Sign In' });
    assert.strictEqual(describeError(new NotSignedInError()).action?.kind, 'signIn');
    assert.match(describeError(new MissingTokenError()).message, /Sign in, or set an access token/);
  });
});
