/**
 * The plan engine's figures (issue 20, "Tests and figures"): planning 10,000 territories against
 * 10,000 with half of them changed, in plain Node; applying 1,000 creates over 4 levels against the
 * fake Zoho at 50 ms per request (the fake in a process of its own, fakeChild.ts). Prints requests made
 * against the minimum and time against the floor at 3 requests at a time. A child of `npm run bench` (run.ts, "Changing territories"), or
 * standalone: `node out/bench/applyBench.js [latency ms]` after `npx tsc -p .`.
 */
import { performance } from 'perf_hooks';
import { childInput, fail, finish } from './children';
import { median } from './stats';
import { startFakeChild } from './fakeChild';
import { MAX_CONCURRENT_REQUESTS, applyPlan, memoryAppliedPlans } from '../src/core/changes/apply';
import { bindPlan } from '../src/core/changes/binding';
import { MAX_TERRITORIES_PER_REQUEST } from '../src/core/changes/order';
import { planChanges } from '../src/core/changes/planner';
import { DesiredTerritory, OrgState, TerritoryState, desiredFromOrg } from '../src/core/changes/state';
import { validatePlan } from '../src/core/changes/validate';
import { silentLogger } from '../src/core/support/logger';
import { nodeFetch } from '../src/core/zohoApi/nodeFetch';
import { TerritoryWriteClient } from '../src/core/zohoApi/territoryWrites';

const ROOT = '431581000000000001';

function bigOrg(n: number, fanout: number): OrgState {
  const territories: TerritoryState[] = [];
  for (let i = 0; i < n; i++) {
    // BigInt: Zoho-sized IDs are past 2^53, where number arithmetic would give many territories one ID.
    const id = String(431581000000100000n + BigInt(i));
    const parentId = i === 0 ? undefined : String(431581000000100000n + BigInt(Math.floor((i - 1) / fanout)));
    territories.push({ id, name: `Territory ${i}`, parentId, description: '', permission: 'read_write_delete', managerId: undefined, userIds: i % 3 === 0 ? ['501'] : [], rules: {}, modifiedTime: '2026-12-01T10:00:00+00:00' });
  }
  return { territories, users: [{ id: '501', email: 'a@acme.example', name: 'A', active: true, role: '' }, { id: '502', email: 'b@acme.example', name: 'B', active: true, role: '' }] };
}

export interface ChangesInput {
  /** Timed planning runs after one warm-up; the median is reported (a loaded machine swings single runs). */
  readonly planRuns: number;
  /** Applies, each to a fresh fake org; the median is reported. */
  readonly applyRuns: number;
  readonly latencyMs: number;
}

export interface ChangesResult {
  readonly planning?: { planMs: number[]; validateMs: number[]; steps: number };
  readonly apply?: { latencyMs: number; requests: number; minimum: number; ms: number; runsMs: number[]; floorMs: number; ok: boolean };
  readonly error?: string;
}

function benchPlanning(runs: number): { planMs: number[]; validateMs: number[]; steps: number } {
  const org = bigOrg(10_000, 22);
  // Half changed: renames, descriptions, users and moves, spread over the tree.
  const desired = desiredFromOrg(org).territories.map((t, i): DesiredTerritory => {
    if (i === 0 || i % 2 === 1) {
      return t;
    }
    switch (i % 8) {
      case 0:
        return { ...t, name: `${t.name} renamed` };
      case 2:
        return { ...t, description: `Now ${i}` };
      case 4:
        return { ...t, userIds: ['502'] };
      default:
        return { ...t, parentKey: org.territories[Math.floor(i / 2) % 22 + 1].id === t.key ? t.parentKey : org.territories[1 + (i % 22)].id };
    }
  });
  validatePlan(org, { territories: desired }, planChanges(org, { territories: desired }, { allowDelete: false })); // warm-up
  const planMs: number[] = [];
  const validateMs: number[] = [];
  let steps = 0;
  for (let run = 0; run < runs; run++) {
    let t0 = performance.now();
    const plan = planChanges(org, { territories: desired }, { allowDelete: false });
    planMs.push(performance.now() - t0);
    t0 = performance.now();
    validatePlan(org, { territories: desired }, plan);
    validateMs.push(performance.now() - t0);
    steps = plan.steps.length;
  }
  return { planMs, validateMs, steps };
}

type ApplyRun = Omit<NonNullable<ChangesResult['apply']>, 'runsMs'>;

/** `runs` applies in a row; requests must be the minimum in every one. */
async function benchApplies(latencyMs: number, runs: number): Promise<NonNullable<ChangesResult['apply']>> {
  const all: ApplyRun[] = [];
  for (let run = 0; run < runs; run++) {
    all.push(await benchApply(latencyMs));
  }
  const runsMs = all.map((r) => r.ms);
  const worst = all.find((r) => r.requests !== r.minimum || !r.ok) ?? all[0];
  return { ...worst, ms: median(runsMs), runsMs, ok: all.every((r) => r.ok) };
}

async function benchApply(latencyMs: number): Promise<ApplyRun> {
  const levels = [10, 90, 300, 600];
  const org: OrgState = { territories: [{ id: ROOT, name: 'Org', parentId: undefined, description: '', permission: 'read_write_delete', managerId: undefined, userIds: [], rules: {} }], users: [] };
  const desired: DesiredTerritory[] = [...desiredFromOrg(org).territories];
  let previous = [ROOT];
  levels.forEach((count, level) => {
    const keys = Array.from({ length: count }, (_, i) => `new:${level}.${i}`);
    keys.forEach((key, i) => desired.push({ key, name: `L${level} ${i}`, parentKey: previous[i % previous.length], permission: 'read_write_delete' }));
    previous = keys;
  });
  const record = { id: ROOT, name: 'Org', api_name: 'Org', reporting_to: null, manager: null, permission_type: 'read_write_delete', description: null };
  // In a process of its own: in this one, the fake's work on each request would be timed as the client's.
  const fake = await startFakeChild({ territories: [record], users: {}, territoryLimit: 100_000, delayMs: latencyMs });
  try {
    const plan = planChanges(org, { territories: desired }, { allowDelete: false });
    const bound = bindPlan(plan, { territories: desired }, org, 'bench');
    const client = new TerritoryWriteClient({ fetch: nodeFetch, logger: silentLogger });
    const endpoint = { origin: fake.origin, host: new URL(fake.origin).host, apiVersion: 'v7' as const, dataCenter: undefined };
    // The org read before applying is not timed: the figure is the writes' (an in-memory read of the same org).
    const readOrg = async () => org;
    const t0 = performance.now();
    const result = await applyPlan(bound, { client, endpoint, token: fake.token, connectionId: 'bench', readOrg, appliedPlans: memoryAppliedPlans() });
    const elapsed = performance.now() - t0;
    const perLevel = levels.map((n) => Math.ceil(n / MAX_TERRITORIES_PER_REQUEST));
    const minimum = perLevel.reduce((a, b) => a + b, 0);
    const floorMs = Math.ceil(minimum / MAX_CONCURRENT_REQUESTS) * latencyMs;
    return { latencyMs, requests: result.requests, minimum, ms: elapsed, floorMs, ok: result.ok && (await fake.territories()) === 1001 };
  } finally {
    await fake.close();
  }
}

/** The figures as lines, for this file's standalone run and for run.ts. */
export function changesLines(result: ChangesResult): string[] {
  const lines: string[] = [];
  const { planning, apply } = result;
  if (planning) {
    const spread = (values: number[]) => `${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, ${values.length} runs)`;
    lines.push(`planning 10,000 against 10,000 (half changed): ${planning.steps} steps in ${spread(planning.planMs)} (goal ≤ 300 ms); validation ${spread(planning.validateMs)}`);
  }
  if (apply) {
    lines.push(
      `applying 1,000 creates over 4 levels at ${apply.latencyMs} ms per request: ${apply.requests} requests (minimum ${apply.minimum}: ${(apply.requests / apply.minimum).toFixed(2)}×), ${apply.ms.toFixed(0)} ms (median of ${apply.runsMs.length}: ${apply.runsMs.map((ms) => ms.toFixed(0)).join(', ')}; floor ${apply.floorMs} ms at ${MAX_CONCURRENT_REQUESTS} at a time: ${(apply.ms / apply.floorMs).toFixed(2)}×, goal ≤ 1.10×)${apply.ok ? '' : ' — FAILED'}`,
    );
  }
  return lines;
}

async function run(input: ChangesInput): Promise<ChangesResult> {
  const planning = input.planRuns > 0 ? benchPlanning(input.planRuns) : undefined;
  return { planning, apply: await benchApplies(input.latencyMs, input.applyRuns) };
}

// Only when run (standalone or as run.ts's child), not when run.ts imports `changesLines`.
if (require.main === module && process.send) {
  run(childInput<ChangesInput>()).then(finish, fail);
} else if (require.main === module) {
  const latencyMs = process.argv[2] !== undefined ? Number(process.argv[2]) : 50;
  // At 0 ms only the apply runs: the local work per request, with no latency to hide it.
  void run({ planRuns: latencyMs === 0 ? 0 : 5, applyRuns: 3, latencyMs }).then((result) => {
    changesLines(result).forEach((line) => console.log(line));
    process.exitCode = result.apply?.ok ? 0 : 1;
  });
}
