/** What the user pastes as an access token, made into the token itself, or a reason it is refused. */
export type TokenInput = { ok: true; token: string } | { ok: false; problem: string };

const HEADER_PREFIX = /^(authorization\s*:\s*)?(zoho-oauthtoken|bearer)(\s+|$)/i;

/**
 * Accepts the bare token or a pasted header value (`Zoho-oauthtoken 1000.abc…`, even with
 * `Authorization:` before it), trims it, and refuses what cannot be a token.
 */
export function parseTokenInput(input: string): TokenInput {
  const token = input.trim().replace(HEADER_PREFIX, '').trim();
  if (token === '') {
    return { ok: false, problem: 'Paste an access token: it cannot be empty.' };
  }
  if (/\s/.test(token)) {
    return { ok: false, problem: 'An access token has no spaces or line breaks: paste the token alone.' };
  }
  if (/[^\x21-\x7e]/.test(token)) {
    return { ok: false, problem: 'An access token has only letters, digits and punctuation: check what was pasted.' };
  }
  return { ok: true, token };
}
