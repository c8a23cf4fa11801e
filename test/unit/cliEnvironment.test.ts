import * as assert from 'assert';
import { EnvironmentError, connectionFromEnvironment } from '../../src/core/cli/environment';
import { describeCliError } from '../../src/core/cli/errorWords';
import { describeError } from '../../src/core/messages/errorMessages';
import { InvalidRefreshTokenError, OAuthRejectedError, WrongClientSecretError } from '../../src/core/signIn/errors';
import { ConfigurationError, ZohoApiError, ZohoNetworkError, ZohoResponseError } from '../../src/core/zohoApi/errors';

/** The CLI's environment: which org the variables name, and its failures in the variables' words. */
describe('The CLI environment', () => {
  const token = { ZOHO_ACCESS_TOKEN: 'abcd1234' };
  const refused = (env: Record<string, string>): string => {
    try {
      connectionFromEnvironment(env);
    } catch (error) {
      assert.ok(error instanceof EnvironmentError, String(error));
      return error.message;
    }
    return assert.fail('accepted');
  };

  it('takes ZOHO_API_DOMAIN beside ZOHO_DATA_CENTER / ZOHO_ENVIRONMENT only when it is the domain they name', () => {
    const agreeing = [
      { ZOHO_API_DOMAIN: 'https://sandbox.zohoapis.eu', ZOHO_DATA_CENTER: 'eu', ZOHO_ENVIRONMENT: 'sandbox' },
      { ZOHO_API_DOMAIN: 'https://www.zohoapis.eu/', ZOHO_DATA_CENTER: 'EU' },
      // A variable not set stands for any of its values: the data center of an environment's domain, or the environment of a data center's.
      { ZOHO_API_DOMAIN: 'https://sandbox.zohoapis.com', ZOHO_ENVIRONMENT: 'sandbox' },
      { ZOHO_API_DOMAIN: 'https://developer.zohoapis.in', ZOHO_DATA_CENTER: 'in' },
      // Empty is not set (a CI template's `VAR: ""`).
      { ZOHO_API_DOMAIN: 'https://www.zohoapis.com', ZOHO_DATA_CENTER: '', ZOHO_ENVIRONMENT: ' ' },
    ];
    for (const env of agreeing) {
      assert.strictEqual(connectionFromEnvironment({ ...env, ...token }).endpoint.origin, new URL(env.ZOHO_API_DOMAIN).origin, JSON.stringify(env));
    }
    assert.strictEqual(
      refused({ ZOHO_API_DOMAIN: 'https://www.zohoapis.com', ZOHO_ENVIRONMENT: 'sandbox', ...token }),
      'ZOHO_API_DOMAIN: https://www.zohoapis.com is not the API domain of ZOHO_ENVIRONMENT (sandbox). Set either ZOHO_API_DOMAIN or ZOHO_DATA_CENTER with ZOHO_ENVIRONMENT, or make them agree. Nothing was sent.',
    );
    assert.strictEqual(
      refused({ ZOHO_API_DOMAIN: 'https://www.zohoapis.com', ZOHO_DATA_CENTER: 'eu', ...token }),
      'ZOHO_API_DOMAIN: https://www.zohoapis.com is not the API domain of ZOHO_DATA_CENTER (eu) (they name https://www.zohoapis.eu). Set either ZOHO_API_DOMAIN or ZOHO_DATA_CENTER with ZOHO_ENVIRONMENT, or make them agree. Nothing was sent.',
    );
    assert.match(refused({ ZOHO_API_DOMAIN: 'https://www.zohoapis.eu', ZOHO_DATA_CENTER: 'eu', ZOHO_ENVIRONMENT: 'sandbox', ...token }), /of ZOHO_DATA_CENTER \(eu\) and ZOHO_ENVIRONMENT \(sandbox\) \(they name https:\/\/sandbox\.zohoapis\.eu\)/);
    // A bad value is named as before, not as a disagreement.
    assert.match(refused({ ZOHO_API_DOMAIN: 'https://www.zohoapis.eu', ZOHO_ENVIRONMENT: 'staging', ...token }), /^ZOHO_ENVIRONMENT: "staging" is not one of/);
  });

  it("names the variables in the engine's messages, never the extension's settings, Set Access Token or Sign In", () => {
    const byDomain = { ZOHO_API_DOMAIN: 'https://www.zohoapis.eu', ...token };
    const byDataCenter = { ZOHO_DATA_CENTER: 'eu', ZOHO_ENVIRONMENT: 'Sandbox', ZOHO_CLIENT_ID: 'id', ZOHO_CLIENT_SECRET: 'secret', ZOHO_REFRESH_TOKEN: 'refresh' };
    const endpoint = connectionFromEnvironment(byDataCenter).endpoint;
    const server = { host: 'accounts.zoho.eu', dataCenterLabel: 'Europe' };
    const cases: [unknown, Record<string, string>, string][] = [
      [new ZohoNetworkError('dns', 'sandbox.zohoapis.eu', 'ENOTFOUND'), byDataCenter, "Could not find sandbox.zohoapis.eu (DNS lookup failed). Check your network, and that ZOHO_DATA_CENTER (eu) and ZOHO_ENVIRONMENT (sandbox) are your organisation's."],
      [new ZohoNetworkError('tls', 'www.zohoapis.eu', 'CERT_HAS_EXPIRED'), byDomain, 'Could not make a secure connection to www.zohoapis.eu (CERT_HAS_EXPIRED). A proxy or firewall may be intercepting https.'],
      [new ZohoApiError(401, 'INVALID_TOKEN', 'invalid oauth token'), byDataCenter, 'Zoho refused the access token made from ZOHO_REFRESH_TOKEN. Check that the refresh token was made for this org\'s data center and environment (ZOHO_DATA_CENTER and ZOHO_ENVIRONMENT).'],
      [new ZohoApiError(401, 'OAUTH_SCOPE_MISMATCH', 'x'), byDomain, 'The access token lacks the scopes this needs: ZohoCRM.settings.territories.All and ZohoCRM.users.All. Make a token with both scopes and set ZOHO_ACCESS_TOKEN to it.'],
      [new ZohoApiError(401, 'OAUTH_SCOPE_MISMATCH', 'x'), byDataCenter, 'The access token lacks the scopes this needs: ZohoCRM.settings.territories.All and ZohoCRM.users.All. Make a refresh token with both scopes and set ZOHO_REFRESH_TOKEN to it.'],
      [new ZohoApiError(404, 'INVALID_URL_PATTERN', 'x'), byDataCenter, 'Zoho does not know this address for API version v7. Check ZOHO_API_VERSION (v7 is the default).'],
      [new ZohoApiError(400, 'INVALID_HOST', 'x'), byDomain, "sandbox.zohoapis.eu is not your organisation's Zoho API domain. Set ZOHO_API_DOMAIN to the API domain of your organisation's data center."],
      [new ZohoResponseError('not JSON'), byDomain, "Zoho's answer was not what it documents: not JSON. Check ZOHO_API_DOMAIN names a Zoho CRM API."],
      [new ConfigurationError('zohoTerritories.apiDomain', 'not https'), byDataCenter, 'ZOHO_API_DOMAIN: not https'],
      [new InvalidRefreshTokenError(server, 'invalid_code'), byDataCenter, 'Zoho no longer accepts ZOHO_REFRESH_TOKEN at accounts.zoho.eu: it was revoked, or it was made for another data center or environment (production, sandbox, developer). Make a new refresh token, and check ZOHO_DATA_CENTER and ZOHO_ENVIRONMENT.'],
      [new WrongClientSecretError(server, 'invalid_client_secret'), byDataCenter, 'Zoho refused ZOHO_CLIENT_SECRET for ZOHO_CLIENT_ID at accounts.zoho.eu. Copy the secret again from the API console (Self Client › Client Secret).'],
      [new OAuthRejectedError('invalid_redirect_uri', server, 400), byDataCenter, 'Zoho refused the refresh at accounts.zoho.eu (invalid_redirect_uri, HTTP 400). Check ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ZOHO_DATA_CENTER.'],
    ];
    for (const [error, env, message] of cases) {
      const words = describeCliError(error, env, endpoint);
      assert.strictEqual(words, message);
      // The extension's words for the same failure name its settings or buttons: the CLI's must not.
      assert.notStrictEqual(words, describeError(error, endpoint).message);
      assert.doesNotMatch(words, /zohoTerritories\.|\bsetting\b|sign in|Set a new one|VS Code/i);
    }
  });
});
