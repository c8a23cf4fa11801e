import { isZohoApiHost } from '../signIn/environments';
import { checkOrigin } from '../zohoApi/origins';

/**
 * The host of an API domain that is neither Zoho's nor a loopback test server, or `undefined`.
 * Allowed (a test server of one's own), but the token goes there, so Add Connection says so first.
 * Zoho's hosts are matched by whole labels (`zohoapis.com` or a subdomain of it): the suffix trick
 * `www.zohoapis.com.evil.example` is not Zoho's, nor is `evilzohoapis.com`.
 */
export function foreignApiHost(apiDomain: string): string | undefined {
  if (apiDomain.trim() === '') {
    return undefined;
  }
  const checked = checkOrigin(apiDomain);
  if (!checked.ok || checked.loopback) {
    return undefined;
  }
  return isZohoApiHost(checked.url.hostname) ? undefined : checked.url.host;
}
