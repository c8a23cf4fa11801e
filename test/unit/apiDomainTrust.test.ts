import * as assert from 'assert';
import { foreignApiHost } from '../../src/core/connections/apiDomainTrust';

describe('An API domain that is not Zoho\'s', () => {
  it('is named, so Add Connection can say the token goes to a host that is not Zoho\'s', () => {
    assert.strictEqual(foreignApiHost('https://www.zohoapis.com.evil.example'), 'www.zohoapis.com.evil.example');
    assert.strictEqual(foreignApiHost('https://evilzohoapis.com'), 'evilzohoapis.com');
    assert.strictEqual(foreignApiHost('https://zohoapis.com@evil.example'), undefined, 'not an origin at all: refused elsewhere');
    assert.strictEqual(foreignApiHost('https://www.zohoapis.com.'), 'www.zohoapis.com.', 'a trailing dot is not matched as Zoho\'s');
    assert.strictEqual(foreignApiHost('https://test.example:8443'), 'test.example:8443');
  });

  it('is not said of Zoho\'s own hosts (any data center or environment) or a loopback test server', () => {
    for (const domain of ['https://www.zohoapis.com', 'https://sandbox.zohoapis.eu', 'https://developer.zohoapis.com.au', 'https://WWW.ZOHOAPIS.JP', 'http://127.0.0.1:4000', 'https://localhost:8443', '']) {
      assert.strictEqual(foreignApiHost(domain), undefined, domain);
    }
  });
});
