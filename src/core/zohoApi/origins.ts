// The one check of an origin a secret may go to: a bare origin over https, or http to loopback only (tests, the demo).

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Why an origin is refused: not a URL, has a user name or password, has a path or query, plain http to a host that is not loopback, or another scheme. */
export type OriginProblem = 'notUrl' | 'credentials' | 'path' | 'plainHttp' | 'scheme';

export type CheckedOrigin = { readonly ok: true; readonly url: URL; readonly loopback: boolean } | { readonly ok: false; readonly problem: OriginProblem; readonly url?: URL };

export function checkOrigin(value: string): CheckedOrigin {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, problem: 'notUrl' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'credentials', url };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { ok: false, problem: 'path', url };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) {
    return { ok: true, url, loopback };
  }
  return { ok: false, problem: url.protocol === 'http:' ? 'plainHttp' : 'scheme', url };
}
