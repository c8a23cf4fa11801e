import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { ZohoNetworkError } from './errors';

/** A request that got no answer, as a sentence: what happened with `server` and what to check (`check`). API and accounts server alike. */
export function networkFailureText(error: ZohoNetworkError, server: string, check: string): string {
  switch (error.failure) {
    case 'dns':
      return l10n.t('Could not find {0} (DNS lookup failed). {1}', server, check);
    case 'refused':
      return l10n.t('{0} refused the connection. {1}', server, check);
    case 'timeout':
      return error.timeoutMs !== undefined
        ? l10n.t('{0} did not answer within {1} s. {2}', server, formatNumber(Math.round(error.timeoutMs / 1000)), check)
        : l10n.t('{0} did not answer. {1}', server, check);
    case 'reset':
      return l10n.t('The connection to {0} dropped before it answered. Retry; if it keeps happening, check your network or proxy.', server);
    case 'tls':
      return l10n.t(
        "Could not make a secure connection to {0} ({1}). A proxy or firewall may be intercepting https; check VS Code's proxy settings.",
        server,
        error.systemCode ?? l10n.t('certificate error'),
      );
    default:
      return error.systemCode
        ? l10n.t('Could not reach {0} ({1}). {2}', server, error.systemCode, check)
        : l10n.t('Could not reach {0}. {1}', server, check);
  }
}
