import * as assert from 'assert';
import { resolveEndpoint } from '../../src/core/zohoApi/endpoint';
import { ConfigurationError } from '../../src/core/zohoApi/errors';
import { DATA_CENTERS } from '../../src/core/zohoApi/dataCenters';

describe('resolveEndpoint: where the token may be sent', () => {
  const settings = (overrides: Partial<{ dataCenter: string; apiDomain: string; apiVersion: string }> = {}) => ({
    dataCenter: 'us',
    apiDomain: '',
    apiVersion: 'v7',
    ...overrides,
  });

  it('maps every data center to its API domain', () => {
    const expected: Record<string, string> = {
      us: 'https://www.zohoapis.com',
      eu: 'https://www.zohoapis.eu',
      in: 'https://www.zohoapis.in',
      au: 'https://www.zohoapis.com.au',
      jp: 'https://www.zohoapis.jp',
      ca: 'https://www.zohoapis.ca',
      sa: 'https://www.zohoapis.sa',
      cn: 'https://www.zohoapis.com.cn',
    };
    assert.deepStrictEqual(Object.keys(DATA_CENTERS).sort(), Object.keys(expected).sort());
    for (const [dataCenter, origin] of Object.entries(expected)) {
      const endpoint = resolveEndpoint(settings({ dataCenter }));
      assert.strictEqual(endpoint.origin, origin);
      assert.strictEqual(endpoint.dataCenter, dataCenter);
    }
  });

  it('defaults to the US data center and v7', () => {
    const endpoint = resolveEndpoint({ dataCenter: '', apiDomain: '', apiVersion: '' });
    assert.strictEqual(endpoint.origin, 'https://www.zohoapis.com');
    assert.strictEqual(endpoint.apiVersion, 'v7');
  });

  it('lets an https apiDomain override the data center (sandbox, developer orgs)', () => {
    const endpoint = resolveEndpoint(settings({ dataCenter: 'eu', apiDomain: 'https://sandbox.zohoapis.eu/' }));
    assert.strictEqual(endpoint.origin, 'https://sandbox.zohoapis.eu');
    assert.strictEqual(endpoint.host, 'sandbox.zohoapis.eu');
    assert.strictEqual(endpoint.dataCenter, undefined);
  });

  it('accepts plain http for loopback hosts only', () => {
    for (const origin of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000', 'http://127.1.2.3']) {
      assert.strictEqual(resolveEndpoint(settings({ apiDomain: origin })).origin, new URL(origin).origin);
    }
  });

  it('refuses plain http to any other host, saying the token would travel unencrypted', () => {
    for (const origin of ['http://www.zohoapis.com', 'http://10.0.0.5', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io']) {
      assert.throws(
        () => resolveEndpoint(settings({ apiDomain: origin })),
        (error: unknown) => error instanceof ConfigurationError && error.setting === 'zohoTerritories.apiDomain' && /unencrypted/.test(error.message),
        origin,
      );
    }
  });

  it('refuses other schemes, paths, credentials and non-URLs with a reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['ftp://www.zohoapis.com', /must start with https/],
      ['https://www.zohoapis.com/crm/v7', /path or query/],
      ['https://www.zohoapis.com?x=1', /path or query/],
      ['https://user:pw@www.zohoapis.com', /user name or password/],
      ['www.zohoapis.com', /not a URL/],
    ];
    for (const [apiDomain, reason] of cases) {
      assert.throws(() => resolveEndpoint(settings({ apiDomain })), reason, apiDomain);
    }
  });

  it('refuses unknown data centers and API versions', () => {
    assert.throws(() => resolveEndpoint(settings({ dataCenter: 'mars' })), (e: unknown) => e instanceof ConfigurationError && e.setting === 'zohoTerritories.dataCenter');
    assert.throws(() => resolveEndpoint(settings({ apiVersion: 'v99' })), (e: unknown) => e instanceof ConfigurationError && e.setting === 'zohoTerritories.apiVersion');
  });
});
