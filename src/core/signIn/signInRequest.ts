import * as l10n from '@vscode/l10n';
import { KnownSecrets } from '../redaction/knownSecrets';
import { DataCenter, isDataCenter } from '../zohoApi/dataCenters';
import { DEFAULT_ENVIRONMENT, ZohoEnvironment, acceptApiDomain, accountsOriginFor, apiDomainFor, checkAccountsOrigin, isZohoEnvironment } from './environments';
import { SignInInputError } from './errors';
import { checkSignInField } from './signInInput';

/** What `signIn` needs: a Self Client's ID and secret and a grant code, all from the Zoho API console. */
export interface SignInRequest {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * The code from Self Client › Generate Code; it lives 3 minutes by default and works once.
   * Give this or `refreshToken`.
   */
  readonly grantCode?: string;
  /** A refresh token the user already has (from an earlier grant-code exchange), instead of a grant code. */
  readonly refreshToken?: string;
  /** The data center the organisation (and the Self Client) lives in. */
  readonly dataCenter: DataCenter;
  readonly environment?: ZohoEnvironment;
  /** Overrides the data center's accounts server (tests and the demo: a loopback fake). */
  readonly accountsOrigin?: string;
  /** Used when Zoho's answer names no `api_domain`; default: the data center's, for the environment. */
  readonly apiDomain?: string;
}

/** A sign-in request checked and completed: where it goes, and with what. */
export interface CheckedSignIn {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly grantCode?: string;
  readonly refreshToken?: string;
  readonly dataCenter: DataCenter;
  readonly environment: ZohoEnvironment;
  /** The accounts server the client secret may go to: https, or plain http to a loopback test server. */
  readonly accountsOrigin: string;
  /** Where API calls go when Zoho's answer names no `api_domain`. */
  readonly fallbackApiDomain: string;
}

/**
 * Checks a sign-in request before anything is sent, trimming what was pasted, and tells `known`
 * its secrets first (so that even a refused one is never shown). Throws `SignInInputError`.
 */
export function checkSignInRequest(request: SignInRequest, known: KnownSecrets): CheckedSignIn {
  const clientId = request.clientId.trim();
  const clientSecret = request.clientSecret.trim();
  const grantCode = request.grantCode?.trim();
  const refreshToken = request.refreshToken?.trim();
  known.add(clientSecret, grantCode, refreshToken);
  if ((grantCode === undefined) === (refreshToken === undefined)) {
    throw new SignInInputError(l10n.t('Give either a grant code or a refresh token.'));
  }
  const problem =
    checkSignInField('clientId', clientId) ??
    checkSignInField('clientSecret', clientSecret) ??
    (grantCode !== undefined ? checkSignInField('grantCode', grantCode) : checkSignInField('refreshToken', refreshToken ?? ''));
  if (problem !== undefined) {
    throw new SignInInputError(problem);
  }
  if (!isDataCenter(request.dataCenter)) {
    throw new SignInInputError(l10n.t('"{0}" is not one of Zoho\'s data centers.', String(request.dataCenter)));
  }
  const environment = request.environment ?? DEFAULT_ENVIRONMENT;
  if (!isZohoEnvironment(environment)) {
    throw new SignInInputError(l10n.t('"{0}" is not a Zoho environment (production, sandbox or developer).', String(environment)));
  }
  const accountsOrigin = checkAccountsOrigin(request.accountsOrigin ?? accountsOriginFor(request.dataCenter));
  const fallbackApiDomain = request.apiDomain !== undefined ? acceptApiDomain(request.apiDomain, accountsOrigin) : apiDomainFor(request.dataCenter, environment);
  if (fallbackApiDomain === undefined) {
    throw new SignInInputError(
      l10n.t(
        'The API domain "{0}" is not a Zoho API origin (https://…zohoapis…); a loopback address is accepted only with a loopback test accounts server.',
        String(request.apiDomain),
      ),
    );
  }
  return { clientId, clientSecret, grantCode, refreshToken, dataCenter: request.dataCenter, environment, accountsOrigin, fallbackApiDomain };
}
