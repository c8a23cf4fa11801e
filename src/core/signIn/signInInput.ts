import * as l10n from '@vscode/l10n';

/**
 * What a person pastes to sign in (a client ID, client secret, grant code or refresh token) or as an
 * access token, checked before anything is sent: each is one run of printable characters.
 */

export type SignInField = 'clientId' | 'clientSecret' | 'grantCode' | 'refreshToken' | 'accessToken';

type Problem = 'empty' | 'spaces' | 'characters';

/** What is wrong with a pasted value, in a whole sentence per field (each language words them its own way). */
const PROBLEMS: Record<SignInField, (problem: Problem) => string> = {
  clientId: (problem) =>
    problem === 'empty'
      ? l10n.t('Paste the client ID: it cannot be empty.')
      : problem === 'spaces'
        ? l10n.t('A client ID has no spaces or line breaks: paste it alone.')
        : l10n.t('A client ID has only letters, digits and punctuation: check what was pasted.'),
  clientSecret: (problem) =>
    problem === 'empty'
      ? l10n.t('Paste the client secret: it cannot be empty.')
      : problem === 'spaces'
        ? l10n.t('A client secret has no spaces or line breaks: paste it alone.')
        : l10n.t('A client secret has only letters, digits and punctuation: check what was pasted.'),
  grantCode: (problem) =>
    problem === 'empty'
      ? l10n.t('Paste the grant code: it cannot be empty.')
      : problem === 'spaces'
        ? l10n.t('A grant code has no spaces or line breaks: paste it alone.')
        : l10n.t('A grant code has only letters, digits and punctuation: check what was pasted.'),
  refreshToken: (problem) =>
    problem === 'empty'
      ? l10n.t('Paste the refresh token: it cannot be empty.')
      : problem === 'spaces'
        ? l10n.t('A refresh token has no spaces or line breaks: paste it alone.')
        : l10n.t('A refresh token has only letters, digits and punctuation: check what was pasted.'),
  accessToken: (problem) =>
    problem === 'empty'
      ? l10n.t('Paste the access token: it cannot be empty.')
      : problem === 'spaces'
        ? l10n.t('An access token has no spaces or line breaks: paste it alone.')
        : l10n.t('An access token has only letters, digits and punctuation: check what was pasted.'),
};

/**
 * Checks one pasted value; returns what is wrong, or `undefined` when it can be used. For input boxes'
 * `validateInput`; sign-in and set-token apply the same checks.
 */
export function checkSignInField(field: SignInField, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return PROBLEMS[field]('empty');
  }
  if (/\s/.test(trimmed)) {
    return PROBLEMS[field]('spaces');
  }
  if (/[^\x21-\x7e]/.test(trimmed)) {
    return PROBLEMS[field]('characters');
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
