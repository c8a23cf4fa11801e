import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { criteriaText } from '../../src/core/details/ruleCriteria';
import { describeMapEntry } from '../../src/core/map/mapText';
import { toMapData } from '../../src/core/map/mapModel';
import { describeError } from '../../src/core/messages/errorMessages';
import { displayLanguage, formatDateTime, formatNumber, formatTimeOfDay, useLocale } from '../../src/core/support/locale';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { describeTerritory, formatAge } from '../../src/core/territories/labels';
import { formatTerritoryCount, formatUserCount } from '../../src/core/territories/names';
import { MissingTokenError } from '../../src/core/zohoApi/errors';
import type { TerritoryRecord } from '../../src/core/zohoApi/records';
import { repoRoot } from '../host/runtime';

/**
 * The display language as the core uses it: words from the bundle of the language (as VS Code hands
 * it to `configureLocalization`), numbers and dates from Intl in that language, whatever the
 * runtime's own locale. Every test leaves English behind: the other tests read English.
 */
const bundleOf = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(repoRoot, `l10n/bundle.l10n.${lang}.json`), 'utf8'));

const chennai = () => {
  const counts = [
    { id: '1', name: 'Chennai', count: 1234, raw: {} },
    { id: '2', name: 'Chennai North', count: 5, raw: {} },
  ];
  const records: TerritoryRecord[] = [
    { id: '1', name: 'Chennai', reportingToId: undefined, raw: { id: '1', name: 'Chennai', manager: { name: 'Patricia Boyle', id: '9' } } },
    { id: '2', name: 'Chennai North', reportingToId: '1', raw: { id: '2', name: 'Chennai North' } },
  ];
  return buildTerritoryTree(counts, records);
};

const revenue = { group_operator: 'AND', group: [{ comparator: 'equal', field: { api_name: 'Billing_Country' }, value: 'India' }, { comparator: 'greater_than', field: { api_name: 'Annual_Revenue' }, value: '1000000.5' }] };

describe('the display language: words, numbers and dates', () => {
  afterEach(() => useLocale({ language: 'en' }));

  it('is English until it is set, with English grouping', () => {
    assert.strictEqual(displayLanguage(), 'en');
    assert.strictEqual(formatUserCount(1234), '1,234 users');
    assert.strictEqual(formatTerritoryCount(1), '1 territory');
    assert.strictEqual(criteriaText(revenue), 'Billing Country is India AND Annual Revenue > 1,000,000.5');
  });

  it('speaks German: "1.234 Benutzer", one form for 1 and one for any other number', () => {
    useLocale({ language: 'de', bundle: bundleOf('de') });
    assert.strictEqual(formatNumber(1234567), '1.234.567');
    assert.strictEqual(formatUserCount(1234), '1.234 Benutzer');
    assert.strictEqual(formatUserCount(1), '1 Benutzer');
    assert.strictEqual(formatTerritoryCount(1), '1 Gebiet');
    assert.strictEqual(formatTerritoryCount(2), '2 Gebiete');
    const tree = chennai();
    assert.strictEqual(describeTerritory(tree.byId.get('1')!, true).description, '1.234 Benutzer · 1.239 mit Untergebieten');
    assert.strictEqual(describeError(new MissingTokenError()).action?.label, 'Zugriffstoken festlegen');
    assert.strictEqual(formatAge(5 * 60_000), 'vor 5 Min.');
    assert.strictEqual(criteriaText(revenue), 'Billing Country ist India AND Annual Revenue > 1.000.000,5');
  });

  it('speaks Japanese: "ユーザー 1,234 人", the same form for every number', () => {
    useLocale({ language: 'ja', bundle: bundleOf('ja') });
    assert.strictEqual(formatUserCount(1234), 'ユーザー 1,234 人');
    assert.strictEqual(formatUserCount(1), 'ユーザー 1 人');
    assert.strictEqual(formatTerritoryCount(3), 'テリトリー 3 件');
    assert.strictEqual(describeError(new MissingTokenError()).message, 'Zoho CRM にサインインしていません。テリトリーを表示するには、サインインするかアクセストークンを設定してください。');
    assert.strictEqual(criteriaText(revenue), 'Billing Country が India AND Annual Revenue > 1,000,000.5');
    const data = toMapData(chennai(), { organisation: 'Zoho EU', loadedAt: 0 });
    assert.deepStrictEqual(describeMapEntry(data, 1, true), {
      name: 'Chennai',
      counts: 'ユーザー 1,234 人 · 配下を含め 1,239 人',
      manager: '管理者: Patricia Boyle',
      ariaLabel: 'Chennai: ユーザー 1,234 人、配下を含め 1,239 人、管理者 Patricia Boyle',
    });
  });

  it('writes dates and times the display language\'s way, not the runtime\'s', () => {
    const at = Date.UTC(2023, 5, 10, 12, 23);
    const as = (language: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(language, options).format(at);
    for (const language of ['de', 'ja', 'en']) {
      useLocale({ language });
      assert.strictEqual(formatDateTime(at), as(language, { dateStyle: 'medium', timeStyle: 'short' }), language);
      assert.strictEqual(formatTimeOfDay(at), as(language, { hour: '2-digit', minute: '2-digit' }), language);
    }
    useLocale({ language: 'de' });
    assert.match(formatDateTime(at), /^\d{2}\.\d{2}\.2023, \d{2}:\d{2}$/);
    useLocale({ language: 'ja' });
    assert.match(formatDateTime(at), /^2023\/06\/\d{2} \d{2}:\d{2}$/);
  });

  it('takes VS Code\'s language tags, and falls back to English for one Intl cannot read', () => {
    useLocale({ language: 'pt-br' });
    assert.strictEqual(displayLanguage(), 'pt-BR');
    assert.strictEqual(formatNumber(1234), '1.234');
    useLocale({ language: 'not a language!' });
    assert.strictEqual(displayLanguage(), 'en');
    assert.strictEqual(formatUserCount(1234), '1,234 users');
  });

  it('shows English for a key a bundle lacks, and forgets the last bundle when set again', () => {
    useLocale({ language: 'de', bundle: { '1 user': 'ein Benutzer' } });
    assert.strictEqual(formatUserCount(1), 'ein Benutzer');
    assert.strictEqual(formatTerritoryCount(1), '1 territory');
    useLocale({ language: 'en' });
    assert.strictEqual(formatUserCount(1), '1 user');
  });
});

describe('dates never throw (issue 18, item 9)', () => {
  it('formats a time Date cannot hold as "unknown"', () => {
    useLocale({ language: 'en' });
    for (const ms of [1e300, -1e300, Number.NaN, Infinity, -Infinity, 8.64e15 + 1]) {
      assert.strictEqual(formatDateTime(ms), 'unknown', String(ms));
      assert.strictEqual(formatTimeOfDay(ms), 'unknown', String(ms));
    }
    assert.notStrictEqual(formatDateTime(0), 'unknown');
  });
});
