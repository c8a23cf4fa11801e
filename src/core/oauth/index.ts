/** Zoho OAuth sign-in with automatic token refresh: the plain-Node core the VS Code glue builds on. */
export * from './accountsClient';
export * from './environments';
export * from './errors';
export * from './signOutMessage';
export * from './tokenManager';
