import { ZohoNetworkError } from './errors';

/**
 * A request that got no answer, in words: what happened with `server` (how it is named: a host, or
 * "Zoho's accounts server accounts.zoho.eu (Europe)") and what to check (`check`: the setting or
 * choice that picked that server). Used for the API and for the accounts server alike.
 */
export function networkFailureText(error: ZohoNetworkError, server: string, check: string): string {
  switch (error.failure) {
    case 'dns':
      return `Could not find ${server} (DNS lookup failed). ${check}`;
    case 'refused':
      return `${server} refused the connection. ${check}`;
    case 'timeout': {
      const seconds = error.timeoutMs !== undefined ? ` within ${Math.round(error.timeoutMs / 1000)} s` : '';
      return `${server} did not answer${seconds}. ${check}`;
    }
    case 'reset':
      return `The connection to ${server} dropped before it answered. Retry; if it keeps happening, check your network or proxy.`;
    case 'tls':
      return `Could not make a secure connection to ${server} (${error.systemCode ?? 'certificate error'}). A proxy or firewall may be intercepting https; check VS Code's proxy settings.`;
    default:
      return `Could not reach ${server}${error.systemCode ? ` (${error.systemCode})` : ''}. ${check}`;
  }
}
