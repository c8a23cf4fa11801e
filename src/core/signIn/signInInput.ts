/**
 * What a person pastes to sign in (a client ID, client secret, grant code or refresh token) or as an
 * access token, checked before anything is sent: each is one run of printable characters.
 */

export type SignInField = 'clientId' | 'clientSecret' | 'grantCode' | 'refreshToken' | 'accessToken';

const LABELS: Record<SignInField, string> = {
  clientId: 'client ID',
  clientSecret: 'client secret',
  grantCode: 'grant code',
  refreshToken: 'refresh token',
  accessToken: 'access token',
};

/**
 * Checks one pasted value; returns what is wrong, or `undefined` when it can be used. For input boxes'
 * `validateInput`; sign-in and set-token apply the same checks.
 */
export function checkSignInField(field: SignInField, value: string): string | undefined {
  const label = LABELS[field];
  const trimmed = value.trim();
  if (trimmed === '') {
    return `Paste the ${label}: it cannot be empty.`;
  }
  if (/\s/.test(trimmed)) {
    return `A${/^[aeiou]/.test(label) ? 'n' : ''} ${label} has no spaces or line breaks: paste it alone.`;
  }
  if (/[^\x21-\x7e]/.test(trimmed)) {
    return `A${/^[aeiou]/.test(label) ? 'n' : ''} ${label} has only letters, digits and punctuation: check what was pasted.`;
  }
  return undefined;
}

/** What the user pastes as an access token, made into the token itself, or a reason it is refused. */
export type TokenInput = { ok: true; token: string } | { ok: false; problem: string };

const HEADER_PREFIX = /^(authorization\s*:\s*)?(zoho-oauthtoken|bearer)(\s+|$)/i;

/**
 * Accepts the bare token or a pasted header value (`Zoho-oauthtoken 1000.abc…`, even with
 * `Authorization:` before it), trims it, and refuses what cannot be a token.
 */
export function parseTokenInput(input: string): TokenInput {
  const token = input.trim().replace(HEADER_PREFIX, '').trim();
  const problem = checkSignInField('accessToken', token);
  return problem === undefined ? { ok: true, token } : { ok: false, problem };
}
