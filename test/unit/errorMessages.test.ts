import * as assert from 'assert';
import { REQUIRED_SCOPES, describeError } from '../../src/core/messages/errorMessages';
import { ConfigurationError, MissingTokenError, ZohoApiError, ZohoNetworkError, ZohoResponseError } from '../../src/core/zohoApi/errors';
import { resolveEndpoint } from '../../src/core/zohoApi/endpoint';

describe('describeError: every failure as words a person can act on', () => {
  const eu = resolveEndpoint({ dataCenter: 'eu', apiDomain: '', apiVersion: 'v7' });
  const custom = resolveEndpoint({ dataCenter: 'us', apiDomain: 'https://sandbox.zohoapis.com', apiVersion: 'v6' });

  it('invalid or expired token → "Set Access Token"', () => {
    for (const code of ['INVALID_TOKEN', 'AUTHENTICATION_FAILURE']) {
      const description = describeError(new ZohoApiError(401, code, 'invalid oauth token'), eu);
      assert.match(description.message, /invalid or has expired/);
      assert.deepStrictEqual(description.action, { kind: 'setToken', label: 'Set Access Token' });
      assert.strictEqual(description.logCode, code);
    }
    assert.strictEqual(describeError(new ZohoApiError(401, undefined, undefined), eu).action?.kind, 'setToken');
  });

  it('OAUTH_SCOPE_MISMATCH → names both scopes', () => {
    const description = describeError(new ZohoApiError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'), eu);
    for (const scope of REQUIRED_SCOPES) {
      assert.ok(description.message.includes(scope), description.message);
    }
    assert.strictEqual(description.action?.kind, 'setToken');
  });

  it('NO_PERMISSION → asks for the permission', () => {
    const description = describeError(new ZohoApiError(403, 'NO_PERMISSION', 'permission denied'), eu);
    assert.match(description.message, /may not read territories.*Manage Territories/);
  });

  it('INVALID_URL_PATTERN → names the API version and its setting', () => {
    const description = describeError(new ZohoApiError(404, 'INVALID_URL_PATTERN', 'x'), custom);
    assert.match(description.message, /API version v6/);
    assert.match(description.message, /zohoTerritories\.apiVersion/);
    assert.deepStrictEqual(description.action, { kind: 'openSettings', label: 'Open Settings', setting: 'zohoTerritories.apiVersion' });
  });

  it('feature not enabled → says Territory Management is off and where to turn it on', () => {
    for (const code of ['FEATURE_NOT_ENABLED', 'TERRITORY_NOT_ENABLED', 'TERRITORY_DISABLED']) {
      const description = describeError(new ZohoApiError(400, code, 'Territory Management is not enabled'), eu);
      assert.match(description.message, /Territory Management is not enabled in this Zoho CRM organisation/);
      assert.match(description.message, /Setup/);
    }
  });

  it('429 → says Zoho is limiting requests, with the wait Zoho asked for', () => {
    const description = describeError(new ZohoApiError(429, 'TOO_MANY_REQUESTS', 'too many', 30), eu);
    assert.match(description.message, /limiting requests/);
    assert.match(description.message, /wait 30 s/);
    assert.strictEqual(description.action?.kind, 'refresh');
  });

  it('5xx → Zoho\'s side, retry', () => {
    const description = describeError(new ZohoApiError(503, undefined, undefined), eu);
    assert.match(description.message, /server error \(HTTP 503\).*Zoho's side/);
    assert.strictEqual(description.action?.kind, 'refresh');
  });

  it('DNS failure, refused connection and timeout name the domain and the data-center setting', () => {
    const cases: Array<[ZohoNetworkError, RegExp]> = [
      [new ZohoNetworkError('dns', 'www.zohoapis.eu', 'ENOTFOUND'), /Could not find www\.zohoapis\.eu/],
      [new ZohoNetworkError('refused', 'www.zohoapis.eu', 'ECONNREFUSED'), /www\.zohoapis\.eu refused the connection/],
      [new ZohoNetworkError('timeout', 'www.zohoapis.eu', undefined, 30_000), /www\.zohoapis\.eu did not answer within 30 s/],
    ];
    for (const [error, pattern] of cases) {
      const description = describeError(error, eu);
      assert.match(description.message, pattern);
      assert.match(description.message, /zohoTerritories\.dataCenter: eu/);
    }
    assert.deepStrictEqual(describeError(cases[0][0], eu).action, { kind: 'openSettings', label: 'Open Settings', setting: 'zohoTerritories.dataCenter' });
  });

  it('network failures against a custom apiDomain point at that setting instead', () => {
    const description = describeError(new ZohoNetworkError('dns', 'sandbox.zohoapis.com', 'ENOTFOUND'), custom);
    assert.match(description.message, /zohoTerritories\.apiDomain/);
    assert.strictEqual(description.action?.kind, 'openSettings');
  });

  it('an answer that is not the documented JSON says what was wrong', () => {
    const description = describeError(new ZohoResponseError('the answer was an HTML page, not JSON'), eu);
    assert.match(description.message, /not the territory user count.*HTML page/);
    assert.strictEqual(description.action?.kind, 'showLog');
  });

  it('a refused setting and a missing token lead to their fix', () => {
    const setting = describeError(new ConfigurationError('zohoTerritories.apiDomain', 'plain http would send your access token unencrypted'));
    assert.deepStrictEqual(setting.action, { kind: 'openSettings', label: 'Open Settings', setting: 'zohoTerritories.apiDomain' });
    assert.strictEqual(describeError(new MissingTokenError()).action?.kind, 'setToken');
  });

  it('never puts more than Zoho\'s own message in, even for unknown errors', () => {
    const description = describeError(new ZohoApiError(418, 'TEAPOT', 'short and stout'), eu);
    assert.strictEqual(description.message, 'Zoho answered HTTP 418 TEAPOT (Zoho: "short and stout").');
  });
});
