import * as assert from 'assert';
import { planChanges } from '../../src/core/changes/planner';
import { renderPlanMarkdown, renderPlanText } from '../../src/core/changes/planText';
import { validatePlan } from '../../src/core/changes/validate';
import { useLocale } from '../../src/core/support/locale';
import { desiredOf, orgOf, territory } from '../support/planFixtures';

const org = () =>
  orgOf([
    territory('1', 'Zoho', undefined),
    territory('2', 'Chennai', '1', { userIds: ['501'], managerId: '501' }),
    territory('3', 'Chennai North', '2', { userIds: ['503', '505'] }),
    territory('4', '[Evil](https://x.example) *bold*', '1'),
    territory('5', 'Old', '1'),
  ]);

describe('renderPlan: a plan in words, for the confirmation and the preview', () => {
  before(() => useLocale({ language: 'en' }));

  const desired = desiredOf(
    org(),
    (t) => (t.key === '3' ? { ...t, parentKey: '4', userIds: ['505', '506'] } : t.key === '2' ? { ...t, name: 'Chennai City', managerId: null } : t.key === '5' ? undefined : t),
    [{ key: 'new:1', name: 'Pune', parentKey: '2' }],
  );

  it('groups the steps: create, change, move, users, then what the desired state lacks and the warnings', () => {
    const plan = planChanges(org(), desired, { allowDelete: false });
    const text = renderPlanText(plan, validatePlan(org(), desired, plan));
    assert.strictEqual(
      text,
      [
        '6 changes',
        '',
        'Create (1)',
        "  - Create 'Pune' under 'Chennai City'",
        '',
        'Change (2)',
        "  - Rename 'Chennai' to 'Chennai City'",
        "  - Remove 'Ines Duarte' as the manager of 'Chennai'",
        '',
        'Move (1)',
        "  - Move 'Chennai North' from 'Chennai' to '[Evil](https://x.example) *bold*'",
        '',
        'Users (2)',
        "  - Add 1 user to 'Chennai North': 'Lena Vogel'",
        "  - Remove 1 user from 'Chennai North': 'Raj Iyer'",
        '',
        'Not in the desired state (1)',
        "  - 'Old' stays as it is (deletes are asked for explicitly)",
        '',
        'Warnings (1)',
        "  - Old Timer is not active in Zoho and stays a user of 'Chennai North'.",
        '',
      ].join('\n'),
    );
  });

  it('writes Markdown whose names never become links or markup, deletes and problems included', () => {
    const plan = planChanges(org(), desired, { allowDelete: true });
    const markdown = renderPlanMarkdown(plan, validatePlan(org(), desired, plan), 'Production (EU) *');
    assert.ok(markdown.startsWith('# Production \\(EU\\) \\*\n'), markdown);
    assert.ok(markdown.includes("'\\[Evil\\]\\(https\\://x.example\\) \\*bold\\*'"), markdown);
    assert.ok(markdown.includes("## Delete (1)\n\n- Delete 'Old' (0 users)"), markdown);
    assert.ok(!markdown.includes('](https://'), markdown);
  });

  it('says when there is nothing to do', () => {
    assert.strictEqual(renderPlanText(planChanges(org(), desiredOf(org()), { allowDelete: true })), 'No changes: the org already is as desired.\n');
  });
});
