import * as l10n from '@vscode/l10n';
import { SETTINGS } from '../../ids';
import { ConfigurationError } from './errors';
import { checkOrigin } from './origins';
import { DATA_CENTERS, DataCenter, ApiVersion, isApiVersion, isDataCenter, DEFAULT_API_VERSION, DEFAULT_DATA_CENTER } from './dataCenters';

/** What the settings say about where to send requests, as read (possibly invalid). */
export interface EndpointSettings {
  dataCenter: string;
  /** An origin that overrides the data center; empty for none. */
  apiDomain: string;
  apiVersion: string;
}

/** Where requests go, validated: the token may be sent to `origin`. */
export interface ZohoEndpoint {
  /** e.g. `https://www.zohoapis.eu`, no trailing slash. */
  readonly origin: string;
  readonly host: string;
  readonly apiVersion: ApiVersion;
  /** The data center in force, or `undefined` when `apiDomain` overrides it. */
  readonly dataCenter: DataCenter | undefined;
}

/** The one origin the token may go to, from the settings (https, or http to loopback); throws `ConfigurationError` saying why not. */
export function resolveEndpoint(settings: EndpointSettings): ZohoEndpoint {
  const apiVersion = settings.apiVersion === '' ? DEFAULT_API_VERSION : settings.apiVersion;
  if (!isApiVersion(apiVersion)) {
    throw new ConfigurationError(
      SETTINGS.apiVersion,
      l10n.t('The API version "{0}" is not one Zoho documents (v2, v2.1, v3 … v8).', apiVersion),
    );
  }
  const override = settings.apiDomain.trim();
  if (override !== '') {
    const origin = parseApiDomain(override);
    return { origin: origin.origin, host: origin.host, apiVersion, dataCenter: undefined };
  }
  const dataCenter = settings.dataCenter === '' ? DEFAULT_DATA_CENTER : settings.dataCenter;
  if (!isDataCenter(dataCenter)) {
    throw new ConfigurationError(
      SETTINGS.dataCenter,
      l10n.t('The data center "{0}" is not one of Zoho\'s: {1}.', dataCenter, Object.keys(DATA_CENTERS).join(', ')),
    );
  }
  const url = new URL(DATA_CENTERS[dataCenter].apiDomain);
  return { origin: url.origin, host: url.host, apiVersion, dataCenter };
}

function parseApiDomain(value: string): URL {
  const setting = SETTINGS.apiDomain;
  const checked = checkOrigin(value);
  if (checked.ok) {
    return checked.url;
  }
  const { url } = checked;
  switch (checked.problem) {
    case 'notUrl':
      throw new ConfigurationError(setting, l10n.t('The API domain "{0}" is not a URL. Use an origin such as {1}.', value, 'https://sandbox.zohoapis.com'));
    case 'credentials':
      throw new ConfigurationError(setting, l10n.t('The API domain must not contain a user name or password.'));
    case 'path':
      throw new ConfigurationError(setting, l10n.t('The API domain "{0}" has a path or query; give the origin alone, such as {1}.', value, `${url?.protocol}//${url?.host}`));
    case 'plainHttp':
      throw new ConfigurationError(
        setting,
        l10n.t(
          'The API domain "{0}" uses plain http, which would send your access token unencrypted. Use https:// (plain http is accepted only for 127.0.0.1, localhost and [::1]).',
          String(url?.origin),
        ),
      );
    default:
      throw new ConfigurationError(setting, l10n.t('The API domain "{0}" must start with https://.', value));
  }
}

/**
 * Where requests go: the settings, except that a sign-in's API domain (Zoho's `api_domain`) replaces
 * the data center's. An `apiDomain` set by the user still wins over both.
 */
export function endpointFor(settings: EndpointSettings, signInApiDomain?: string): ZohoEndpoint {
  return resolveEndpoint(settings.apiDomain.trim() === '' && signInApiDomain ? { ...settings, apiDomain: signInApiDomain } : settings);
}
