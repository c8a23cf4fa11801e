import * as l10n from '@vscode/l10n';

/**
 * Zoho's data centers and where each one's API and accounts (OAuth) server live. Each `label` is
 * read in the display language when it is read (a getter: this table is made before the language is set). Sources: Zoho CRM's
 * "Multi DC" API documentation and the `DataCenter` classes of Zoho's official SDKs (github zoho/zohocrm-typescript-sdk-8.0).
 */
export const DATA_CENTERS = {
  us: { get label() { return l10n.t('United States'); }, apiDomain: 'https://www.zohoapis.com', accountsDomain: 'https://accounts.zoho.com' },
  eu: { get label() { return l10n.t('Europe'); }, apiDomain: 'https://www.zohoapis.eu', accountsDomain: 'https://accounts.zoho.eu' },
  in: { get label() { return l10n.t('India'); }, apiDomain: 'https://www.zohoapis.in', accountsDomain: 'https://accounts.zoho.in' },
  au: { get label() { return l10n.t('Australia'); }, apiDomain: 'https://www.zohoapis.com.au', accountsDomain: 'https://accounts.zoho.com.au' },
  jp: { get label() { return l10n.t('Japan'); }, apiDomain: 'https://www.zohoapis.jp', accountsDomain: 'https://accounts.zoho.jp' },
  ca: { get label() { return l10n.t('Canada'); }, apiDomain: 'https://www.zohoapis.ca', accountsDomain: 'https://accounts.zohocloud.ca' },
  sa: { get label() { return l10n.t('Saudi Arabia'); }, apiDomain: 'https://www.zohoapis.sa', accountsDomain: 'https://accounts.zoho.sa' },
  cn: { get label() { return l10n.t('China'); }, apiDomain: 'https://www.zohoapis.com.cn', accountsDomain: 'https://accounts.zoho.com.cn' },
} as const;

export type DataCenter = keyof typeof DATA_CENTERS;
export const DEFAULT_DATA_CENTER: DataCenter = 'us';

/** The API versions Zoho documents for this endpoint; all answer it the same way. */
export const API_VERSIONS = ['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = 'v7';

export function isDataCenter(value: unknown): value is DataCenter {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DATA_CENTERS, value);
}

export function isApiVersion(value: unknown): value is ApiVersion {
  return typeof value === 'string' && (API_VERSIONS as readonly string[]).includes(value);
}
