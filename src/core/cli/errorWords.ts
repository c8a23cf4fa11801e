import { RemedyWords, describeError } from '../messages/errorMessages';
import { InvalidRefreshTokenError, OAuthRejectedError, WrongClientSecretError } from '../signIn/errors';
import { ZohoEndpoint } from '../zohoApi/endpoint';
import { ZohoNetworkError } from '../zohoApi/errors';
import { Environment, VARIABLE_OF_SETTING, variableOf } from './environment';

/**
 * A failure in the CLI's words: the engine's messages (errorMessages.ts) with environment variables
 * named where the extension names its settings, Set Access Token and Sign In. Plain English, as the
 * rest of the CLI's own words.
 */
export function describeCliError(error: unknown, env: Environment, endpoint: ZohoEndpoint | undefined): string {
  // These carry the extension's words ("sign in again", VS Code's proxy settings): the CLI has its own.
  if (error instanceof InvalidRefreshTokenError) {
    return `Zoho no longer accepts ZOHO_REFRESH_TOKEN at ${error.server.host}: it was revoked, or it was made for another data center or environment (production, sandbox, developer). Make a new refresh token, and check ${originVariables(env)}.`;
  }
  if (error instanceof WrongClientSecretError) {
    return `Zoho refused ZOHO_CLIENT_SECRET for ZOHO_CLIENT_ID at ${error.server.host}. Copy the secret again from the API console (Self Client › Client Secret).`;
  }
  if (error instanceof OAuthRejectedError) {
    return `Zoho refused the refresh at ${error.server.host} (${error.logCode}, HTTP ${error.httpStatus}). Check ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ${variableOf(env, 'ZOHO_ACCOUNTS_URL') !== undefined ? 'ZOHO_ACCOUNTS_URL' : 'ZOHO_DATA_CENTER'}.`;
  }
  if (error instanceof ZohoNetworkError && error.failure === 'tls') {
    return `Could not make a secure connection to ${error.host} (${error.systemCode ?? 'certificate error'}). A proxy or firewall may be intercepting https.`;
  }
  return describeError(error, endpoint, cliRemedies(env)).message;
}

/** Which variables chose the org's origin: ZOHO_API_DOMAIN, or the data center and environment. */
function originVariables(env: Environment): string {
  return variableOf(env, 'ZOHO_API_DOMAIN') !== undefined ? 'ZOHO_API_DOMAIN' : 'ZOHO_DATA_CENTER and ZOHO_ENVIRONMENT';
}

/** The remedies, naming the variables this run was given (an access token, or a refresh token). */
export function cliRemedies(env: Environment): RemedyWords {
  const accessToken = variableOf(env, 'ZOHO_ACCESS_TOKEN') !== undefined;
  const explicitDomain = variableOf(env, 'ZOHO_API_DOMAIN') !== undefined;
  const origin = originVariables(env);
  const refused = 'Zoho refused the access token: it is invalid or has expired (access tokens last one hour).';
  return {
    tokenRefused: () =>
      accessToken
        ? `${refused} Set ZOHO_ACCESS_TOKEN to a new one, made in the org's data center.`
        : `Zoho refused the access token made from ZOHO_REFRESH_TOKEN. Check that the refresh token was made for this org's data center and environment (${origin}).`,
    tokenScopes: (scopes) =>
      `The access token lacks the scopes this needs: ${scopes.join(' and ')}. ${accessToken ? 'Make a token with both scopes and set ZOHO_ACCESS_TOKEN to it.' : 'Make a refresh token with both scopes and set ZOHO_REFRESH_TOKEN to it.'}`,
    unknownAddress: (version) => `Zoho does not know this address for API version ${version}. Check ZOHO_API_VERSION (v7 is the default)${explicitDomain ? ' and ZOHO_API_DOMAIN' : ''}.`,
    wrongHost: (host) =>
      `${host ?? 'This host'} is not your organisation's Zoho API domain. ${explicitDomain ? "Set ZOHO_API_DOMAIN to the API domain of your organisation's data center." : "Set ZOHO_DATA_CENTER to your organisation's data center."}`,
    networkCheck: () =>
      explicitDomain
        ? 'Check your network and ZOHO_API_DOMAIN.'
        : `Check your network, and that ZOHO_DATA_CENTER (${variableOf(env, 'ZOHO_DATA_CENTER')?.toLowerCase() ?? 'not set'}) and ZOHO_ENVIRONMENT (${variableOf(env, 'ZOHO_ENVIRONMENT')?.toLowerCase() ?? 'production'}) are your organisation's.`,
    notAnApi: (problem) => `Zoho's answer was not what it documents: ${problem}. Check ${origin} name${explicitDomain ? 's' : ''} a Zoho CRM API.`,
    badSetting: (problem, setting) => `${VARIABLE_OF_SETTING[setting] ?? setting}: ${problem}`,
  };
}
