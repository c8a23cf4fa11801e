/**
 * Stands in for the `whatwg-url` package in the bundle. node-fetch v2 only uses it as a fallback
 * (`Url.URL || whatwgUrl.URL`) for Node versions without a global URL class; every VS Code has one.
 * Without this alias the bundle carries 280 KB of Unicode tables (tr46) it never runs.
 */
export { URL } from 'url';
