import * as assert from 'assert';
import { parseTokenInput } from '../../src/core/signIn/signInInput';

describe('parseTokenInput: what the user pastes as a token', () => {
  const token = '1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf';

  it('trims the bare token', () => {
    assert.deepStrictEqual(parseTokenInput(`  ${token}\n`), { ok: true, token });
  });

  it('accepts a pasted "Zoho-oauthtoken …" header value, with or without "Authorization:"', () => {
    assert.deepStrictEqual(parseTokenInput(`Zoho-oauthtoken ${token}`), { ok: true, token });
    assert.deepStrictEqual(parseTokenInput(`zoho-oauthtoken   ${token}`), { ok: true, token });
    assert.deepStrictEqual(parseTokenInput(`Authorization: Zoho-oauthtoken ${token}`), { ok: true, token });
  });

  it('refuses an empty token, or only the header prefix', () => {
    for (const input of ['', '   ', 'Zoho-oauthtoken ', '\n']) {
      const result = parseTokenInput(input);
      assert.strictEqual(result.ok, false, JSON.stringify(input));
      assert.match((result as { problem: string }).problem, /empty/);
    }
  });

  it('refuses text with spaces or non-printable characters, without echoing it', () => {
    for (const input of [`${token} extra`, `${token}\u0000`, `tök${token}`]) {
      const result = parseTokenInput(input);
      assert.strictEqual(result.ok, false);
      assert.ok(!(result as { problem: string }).problem.includes(token), 'the problem must not repeat the token');
    }
  });
});
