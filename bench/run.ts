/**
 * `npm run bench`: activation cost and bundle size, then loading 200 / 10,000 / 100,000 territories
 * from the fake Zoho server at 0 and 50 ms per request, by the extension, by Zoho's official SDK
 * (installed on demand into a cache, see zohoSdk.ts) and by a plain fetch loop, each run in a fresh
 * child process. Prints figures; asserts nothing about speed. Exits non-zero only if activation
 * touched the network or a run failed.
 * Then the JSON engine alone: parse + tree for 10,000 territories, the project's reader against
 * lossless-json (when installed; see jsonEngines.ts) and JSON.parse, in the same run.
 * Then changing territories (applyBench.ts): planning 10,000 against 10,000, and applying 1,000
 * creates against the fake at 50 ms per request, requests against the minimum and time against the floor.
 * Then the CLI (cliBench.ts): retrieve and plan of a 10,000-territory org, and `node dist/cli.js plan`'s start-up.
 * `--quick`: one run per case (two per JSON engine) and no 100,000 × 50 ms case. `--no-sdk`: do not install the SDK.
 * Only 127.0.0.1 is used; every server, child process and temporary folder is gone when it ends.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeZoho, Scenario, startFakeZoho } from '../fake-zoho/server';
import type { ActivationInput, ActivationResult } from './activationChild';
import type { ChangesInput, ChangesResult } from './applyBench';
import { Bundle, buildProductionBundle } from './bundle';
import { killChildren, runChild } from './children';
import type { JsonInput, JsonResult } from './jsonChild';
import { Engine, LOSSLESS_PACKAGE, LosslessLocation, locateLosslessJson } from './jsonEngines';
import type { Contender, LoadInput, LoadResult } from './loadChild';
import { kb, max, mb, median, min, ms, ratio, table } from './stats';
import { syntheticOrg } from './treeModel';
import { locateSdk, SDK_PACKAGE } from './zohoSdk';

const repoRoot = path.resolve(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const noSdk = process.argv.includes('--no-sdk');
const ACTIVATION_RUNS = quick ? 5 : 10;
const SETTLE_MS = 300;
/** Parse + tree: territories, fresh processes per engine and ID form, warm passes in each. */
const JSON_TERRITORIES = 10_000;
const JSON_RUNS = quick ? 2 : 5;
const JSON_REPEATS = 5;
/** A second (warm) load is timed at 0 ms latency up to this size; above it, it would only lengthen the run. */
const WARM_MAX = 10_000;

interface LoadCase {
  readonly territories: number;
  readonly latencyMs: number;
  readonly runs: number;
  /**
   * Run the contenders at the same time, each against its own fake server, to keep the bench short.
   * Only for a latency-bound case, where each process waits on the network nearly all the time.
   */
  readonly sideBySide?: boolean;
}
const LOAD_CASES: readonly LoadCase[] = [
  { territories: 200, latencyMs: 0, runs: quick ? 1 : 5 },
  { territories: 200, latencyMs: 50, runs: quick ? 1 : 3 },
  { territories: 10_000, latencyMs: 0, runs: quick ? 1 : 5 },
  { territories: 10_000, latencyMs: 50, runs: quick ? 1 : 3 },
  { territories: 100_000, latencyMs: 0, runs: quick ? 1 : 3 },
  ...(quick ? [] : [{ territories: 100_000, latencyMs: 50, runs: 1, sideBySide: true }]),
];

const output: string[] = [];
function say(text = ''): void {
  output.push(text);
  console.log(text);
}
function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}

let fake: FakeZoho | undefined;
let bundle: Bundle | undefined;
let scratch: string | undefined;

/** Kills the children and removes the temporary folders; synchronous, so it also runs on 'exit'. */
function cleanupSync(): void {
  killChildren();
  bundle?.cleanup();
  bundle = undefined;
  if (scratch) {
    rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  }
}

async function cleanup(): Promise<void> {
  cleanupSync();
  await fake?.close();
  fake = undefined;
}

// However the bench ends (an error, a closed stdout pipe), nothing it started outlives it.
process.on('exit', cleanupSync);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `Node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.release()} ${os.arch()}`,
    `${cpus.length} CPU cores (${cpus[0]?.model.trim() ?? 'unknown model'}), ${mb(os.totalmem())} memory (${mb(os.freemem())} free at start)`,
    loadAverage(),
  ];
}

/** Other work on the machine skews every figure: say how busy it was. */
function loadAverage(): string {
  const [one, five] = os.loadavg();
  const busy = one > os.cpus().length * 0.5 ? ' (other work was running: expect noisy figures)' : '';
  return `Load average ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${os.cpus().length} cores${busy}`;
}

const spread = (values: number[]) => `${ms(median(values))} (${ms(min(values))}–${ms(max(values))})`;

const SAVED_TERRITORIES = 10_000;
type ActivationMode = 'hidden' | 'saved' | 'visible';
type ActivationRun = ActivationResult & { server: number };

async function activationBench(server: FakeZoho, built: Bundle, scratch: string): Promise<boolean> {
  const script = path.join(__dirname, 'activationChild.js');
  const baseInput = { bundle: built.file, packageJson: path.join(repoRoot, 'package.json'), origin: server.origin, token: server.token, settleMs: SETTLE_MS };
  const run = async (input: ActivationInput): Promise<ActivationRun> => {
    server.requests.length = 0;
    const result = await runChild<ActivationResult>(script, input, 60_000);
    if (result.error) {
      throw new Error(`activation failed: ${result.error}`);
    }
    return { ...result, server: server.requests.length };
  };

  // What an earlier session leaves in globalState after loading a big org: open the view once on it.
  progress(`activation: capturing the snapshot the extension saves after loading ${SAVED_TERRITORIES.toLocaleString('en-US')} territories`);
  server.scenario = { ...syntheticOrg(SAVED_TERRITORIES), perPage: 200 };
  const captured = await run({ ...baseInput, viewVisible: true, captureGlobalState: true });
  const savedKeys = Object.keys(captured.globalState ?? {}).filter((key) => key.endsWith('lastSnapshot'));
  const globalStateFile = path.join(scratch, 'globalState.json');
  const globalStateJson = JSON.stringify(captured.globalState ?? {});
  writeFileSync(globalStateFile, globalStateJson);
  server.scenario = {};

  const results: Record<ActivationMode, ActivationRun[]> = { hidden: [], saved: [], visible: [] };
  const modes: ActivationMode[] = savedKeys.length > 0 ? ['hidden', 'saved', 'visible'] : ['hidden', 'visible'];
  for (const mode of modes) {
    for (let i = 0; i < ACTIVATION_RUNS; i++) {
      progress(`activation, ${mode}: run ${i + 1}/${ACTIVATION_RUNS}`);
      results[mode].push(
        await run({ ...baseInput, viewVisible: mode === 'visible', globalStateFile: mode === 'saved' ? globalStateFile : undefined }),
      );
    }
  }
  const all = modes.flatMap((mode) => results[mode]);
  const quiet = [...results.hidden, ...results.saved];
  const duringActivate = all.reduce((sum, r) => sum + r.requestsDuringActivate, 0);
  const quietServer = quiet.reduce((sum, r) => sum + r.server, 0);
  const quietProcess = quiet.reduce((sum, r) => sum + r.requests.length, 0);
  const quietSockets = quiet.reduce((sum, r) => sum + r.sockets, 0);
  const visibleServer = [...new Set(results.visible.map((r) => r.server))];
  const missing = [...new Set(all.flatMap((r) => r.missing))];
  const of = (mode: ActivationMode, pick: (r: ActivationRun) => number | undefined) => spread(results[mode].map((r) => pick(r) ?? NaN));

  say(`## Activation (${ACTIVATION_RUNS} fresh processes per row)`);
  say('The `vscode` module is a STUB (bench/vscodeStub.ts), not VS Code: these times are the extension\'s own');
  say('JavaScript in plain Node, without the extension host\'s overhead or any real UI. Token stored; the user\'s');
  say('apiDomain is the fake server, so any request would be seen there. "longest block after" = the longest');
  say('stretch the thread was busy from activate() to the end of the watch (includes activate() itself).');
  say();
  say(`Bundle (dist/extension.js, --production): ${kb(built.bytes)}, ${kb(built.gzipBytes)} gzipped.`);
  say();
  const rows: string[][] = [
    ['median (min–max)', 'require() bundle', 'activate()', 'longest block after', 'activate() → summary shown', 'activate() → top-level rows', 'heap retained'],
  ];
  const labels: Record<ActivationMode, string> = {
    hidden: 'view hidden, nothing saved',
    saved: `view hidden, saved snapshot of ${SAVED_TERRITORIES.toLocaleString('en-US')} (${kb(globalStateJson.length)})`,
    visible: 'view visible, sample org (7)',
  };
  for (const mode of modes) {
    rows.push([
      labels[mode],
      of(mode, (r) => r.loadMs),
      of(mode, (r) => r.activateMs),
      of(mode, (r) => r.longestBlockMs),
      mode === 'hidden' ? '–' : of(mode, (r) => r.summaryMs),
      mode === 'visible' ? of(mode, (r) => r.firstRowsMs) : '–',
      mb(median(results[mode].map((r) => r.retainedHeap))),
    ]);
  }
  say(table(rows));
  say();
  say(`- HTTP requests while activate() ran: ${duringActivate} in ${all.length} activations.`);
  say(
    `- View hidden (${quiet.length} activations, watched ${SETTLE_MS} ms after activate()): ${quietServer} requests at the server, ` +
      `${quietProcess} http(s) requests and ${quietSockets} sockets in the process.`,
  );
  say(
    `- View visible (VS Code activates the extension when the view opens): ${visibleServer.join(' or ')} request(s) per activation ` +
      'at the server, the view\'s own first load (counts + hierarchy), started after activate() returned.',
  );
  if (savedKeys.length === 0) {
    say('- The extension saved no snapshot in globalState after a load, so the saved-snapshot row is missing.');
  }
  say(`- Commands registered: ${all[0]?.registeredCommands}. API names the extension read that the stub lacks: ${missing.length ? missing.join(', ') : 'none'}.`);
  const ok = duringActivate === 0 && quietServer === 0 && quietProcess === 0;
  say(ok ? '- PASS: activation made no network request.' : '- FAIL: activation made network requests.');
  say();
  return ok;
}

interface CaseResult {
  readonly loadCase: LoadCase;
  readonly contender: Contender;
  readonly runs: (LoadResult & { server: number })[];
}

async function loadBench(server: FakeZoho, contenders: readonly Contender[], sdkMain: string | undefined): Promise<CaseResult[]> {
  // Side-by-side cases give each contender a server of its own, so each request log is its own.
  const servers = new Map<Contender, FakeZoho>();
  try {
    return await loadCases(server, servers, contenders, sdkMain);
  } finally {
    await Promise.all([...servers.values()].map((extra) => extra.close()));
  }
}

async function loadCases(
  server: FakeZoho,
  servers: Map<Contender, FakeZoho>,
  contenders: readonly Contender[],
  sdkMain: string | undefined,
): Promise<CaseResult[]> {
  const script = path.join(__dirname, 'loadChild.js');
  const orgs = new Map<number, Pick<Scenario, 'entries' | 'territories'>>();
  const results: CaseResult[] = [];
  for (const loadCase of LOAD_CASES) {
    let org = orgs.get(loadCase.territories);
    if (!org) {
      org = syntheticOrg(loadCase.territories);
      orgs.set(loadCase.territories, org);
    }
    const scenario: Scenario = { ...org, perPage: 200, delayMs: loadCase.latencyMs };
    const serverOf = (contender: Contender) => (loadCase.sideBySide ? servers.get(contender) : undefined) ?? server;
    if (loadCase.sideBySide) {
      for (const contender of contenders) {
        servers.set(contender, servers.get(contender) ?? (await startFakeZoho()));
      }
    }
    for (const contender of contenders) {
      serverOf(contender).scenario = scenario;
    }
    const byContender = new Map(contenders.map((contender) => [contender, [] as CaseResult['runs']]));
    const runOne = async (contender: Contender, run: number) => {
      const target = serverOf(contender);
      progress(`${loadCase.territories} territories × ${loadCase.latencyMs} ms: ${contender}, run ${run + 1}/${loadCase.runs}${loadCase.sideBySide ? ' (side by side)' : ''}`);
      target.requests.length = 0;
      const input: LoadInput = {
        contender,
        origin: target.origin,
        token: target.token,
        territories: loadCase.territories,
        warm: loadCase.latencyMs === 0 && loadCase.territories <= WARM_MAX,
        sdkMain,
      };
      const what = `${NAMES[contender]}, ${loadCase.territories} territories × ${loadCase.latencyMs} ms`;
      let result = await runChild<LoadResult>(script, input, 240_000);
      if (result.error) {
        // One transient failure on a shared machine should not cost the whole run: retry once, and say so.
        retried.push(`${what}: ${result.error}`);
        target.requests.length = 0;
        result = await runChild<LoadResult>(script, input, 240_000);
      }
      if (result.error) {
        throw new Error(`${what}: ${result.error}`);
      }
      byContender.get(contender)?.push({ ...result, server: target.requests.length });
    };
    for (let run = 0; run < loadCase.runs; run++) {
      if (loadCase.sideBySide) {
        await Promise.all(contenders.map((contender) => runOne(contender, run)));
        continue;
      }
      // Rotate the order each run so no contender always goes first.
      for (const contender of contenders.map((_, i) => contenders[(i + run) % contenders.length])) {
        await runOne(contender, run);
      }
    }
    for (const contender of contenders) {
      results.push({ loadCase, contender, runs: byContender.get(contender) ?? [] });
    }
  }
  return results;
}

/** Load runs that failed once and were run again, with why. */
const retried: string[] = [];

const NAMES: Record<Contender, string> = { extension: 'extension (view)', client: 'extension client', sdk: 'Zoho SDK', fetch: 'plain fetch' };
const caseName = (loadCase: LoadCase) => `${loadCase.territories.toLocaleString('en-US')} × ${loadCase.latencyMs} ms${loadCase.sideBySide ? ' ‖' : ''}`;
const coldMedian = (result: CaseResult | undefined) => median(result?.runs.map((r) => r.coldMs) ?? []);

function reportLoads(results: CaseResult[], contenders: readonly Contender[]): void {
  say('## Load: territories from the fake server to the finished tree model');
  say('Synthetic org: N territories with user counts, and territory records making a tree (up to 10 children');
  say('each). Server pages by 200, as Zoho. Fresh process per run. cold = first load in the process (opening');
  say(`the view); warm = a second load in the same process (Refresh), at 0 ms up to ${WARM_MAX.toLocaleString('en-US')}. peak RSS = getrusage`);
  say('maxrss of the process; RSS Δ = peak minus RSS just before the load; retained = heap still held after GC');
  say('with the result alive (for the view: snapshot + every label; "store" = the snapshot alone, what the store');
  say('keeps between loads). "extension (view)" = TerritoryStore.load() (counts and hierarchy side by side,');
  say('snapshot and tree) + sorted top level + label/description/tooltip for every territory. The others');
  say('fetch the user counts only: the extension\'s ZohoClient alone, Zoho\'s SDK (when installed), a plain fetch loop.');
  say('ready = process start → contender imported and set up (Node\'s own start-up included). ‖ = all');
  say('contenders ran at the same time, each against its own fake server (latency-bound case, to save time).');
  say();
  const rows: string[][] = [
    ['territories × latency', 'contender', 'runs', 'ready', 'cold: median (min–max)', 'warm', 'requests', 'peak RSS', 'RSS Δ', 'retained'],
  ];
  for (const result of results) {
    const { runs } = result;
    const requests = runs[0]?.requests ?? NaN;
    const expectedAtServer = requests * (runs[0]?.warmMs !== undefined ? 2 : 1);
    const serverOk = runs.every((r) => r.requests === requests && r.server === expectedAtServer);
    rows.push([
      caseName(result.loadCase),
      NAMES[result.contender],
      String(runs.length),
      ms(median(runs.map((r) => r.readyMs))),
      spread(runs.map((r) => r.coldMs)),
      runs[0]?.warmMs !== undefined ? ms(median(runs.map((r) => r.warmMs ?? NaN))) : '–',
      `${requests}${serverOk ? '' : ' (server saw otherwise!)'}`,
      mb(median(runs.map((r) => r.peakRss))),
      mb(median(runs.map((r) => r.peakRss - r.baselineRss))),
      mb(median(runs.map((r) => r.retainedHeap))) +
        (runs[0]?.retainedSnapshot !== undefined ? ` (store ${mb(median(runs.map((r) => r.retainedSnapshot ?? NaN)))})` : ''),
    ]);
  }
  say(table(rows));
  say();

  const others = contenders.filter((contender) => contender === 'sdk' || contender === 'fetch');
  say('## Comparison: the same user counts from the same server in the same run');
  say('ratio = their cold median ÷ the extension client\'s (above 1×: the extension is faster). The last column');
  say('puts the whole view load (counts + hierarchy + tree + labels) against the client alone.');
  say();
  const header = ['territories × latency', 'extension client', ...others.flatMap((other) => [NAMES[other], 'ratio']), 'extension (view)', 'view ÷ client'];
  const comparison: string[][] = [header];
  for (const loadCase of LOAD_CASES) {
    const of = (contender: Contender) => coldMedian(results.find((r) => r.loadCase === loadCase && r.contender === contender));
    const client = of('client');
    comparison.push([
      caseName(loadCase),
      ms(client),
      ...others.flatMap((other) => [ms(of(other)), ratio(client, of(other))]),
      ms(of('extension')),
      ratio(client, of('extension')),
    ]);
  }
  say(table(comparison));
  say();

  say('## What bounds the extension\'s load');
  say('floor = latency × the longest chain of sequential pages (the view fetches counts and hierarchy side by');
  say('side: two chains of N/200 pages). Above the floor: HTTP handling, JSON parsing and validation, the');
  say('snapshot, tree and labels, and the fake server\'s own work on the same 2 cores. "view model" = the');
  say('sorted top level and labels for every territory, after the store\'s load (treeModel.ts).');
  say();
  const bounds: string[][] = [
    ['territories × latency', 'contender', 'requests', 'floor', 'cold median', 'above floor', 'per request', 'per territory', 'of which view model'],
  ];
  for (const result of results.filter((r) => r.contender === 'extension' || r.contender === 'client')) {
    const requests = result.runs[0]?.requests ?? NaN;
    const chain = result.contender === 'extension' ? requests / 2 : requests;
    const floor = chain * result.loadCase.latencyMs;
    const measured = coldMedian(result);
    const above = measured - floor;
    bounds.push([
      caseName(result.loadCase),
      NAMES[result.contender],
      String(requests),
      ms(floor),
      ms(measured),
      ms(above),
      ms(above / requests),
      `${((above / result.loadCase.territories) * 1000).toFixed(1)} µs`,
      result.contender === 'extension' ? ms(median(result.runs.map((r) => r.modelMs ?? NaN))) : '–',
    ]);
  }
  say(table(bounds));
  say();
  for (const note of retried) {
    say(`Retried once after a failure: ${note}`);
  }
}

interface JsonCase {
  readonly ids: JsonInput['ids'];
  readonly engine: Engine;
  readonly runs: JsonResult[];
}

const ENGINE_NAMES: Record<Engine, string> = { reader: 'own reader (jsonReader.ts)', 'lossless-json': LOSSLESS_PACKAGE, 'JSON.parse': 'JSON.parse (rounds big IDs)' };

async function jsonBench(lossless: LosslessLocation): Promise<JsonCase[]> {
  const script = path.join(__dirname, 'jsonChild.js');
  const cases: JsonCase[] = [];
  for (const ids of ['strings', 'numbers'] as const) {
    const engines: Engine[] = ['reader', ...(lossless.found ? (['lossless-json'] as const) : []), ...(ids === 'strings' ? (['JSON.parse'] as const) : [])];
    const byEngine = new Map(engines.map((engine) => [engine, [] as JsonResult[]]));
    for (let run = 0; run < JSON_RUNS; run++) {
      // Rotate the order each run so no engine always goes first.
      for (const engine of engines.map((_, i) => engines[(i + run) % engines.length])) {
        progress(`JSON, ${ids} IDs: ${engine}, run ${run + 1}/${JSON_RUNS}`);
        const input: JsonInput = { engine, territories: JSON_TERRITORIES, ids, repeats: JSON_REPEATS, losslessMain: lossless.found ? lossless.main : undefined };
        const result = await runChild<JsonResult>(script, input, 240_000);
        if (result.error) {
          throw new Error(`JSON bench, ${engine} on ${ids} IDs: ${result.error}`);
        }
        byEngine.get(engine)?.push(result);
      }
    }
    cases.push(...engines.map((engine) => ({ ids, engine, runs: byEngine.get(engine) ?? [] })));
  }
  return cases;
}

function reportJson(cases: JsonCase[], lossless: LosslessLocation): void {
  const first = cases[0]?.runs[0];
  say(`## JSON engine: parse + tree for ${JSON_TERRITORIES.toLocaleString('en-US')} territories, no network`);
  say(`The page bodies a load receives (${first?.pages ?? '?'} pages of 200: user counts and territory records, ${mb(first?.bytes ?? NaN)}),`);
  say('through the extension\'s parseAssociatedUsersCount / parseTerritories (JSON, validation, IDs) and');
  say('buildTerritoryTree, with the engine swapped where parse.ts calls readJson. Fresh process per run;');
  say(`cold = the first pass in the process, warm = median of the next ${JSON_REPEATS}; "engine alone" = text to value`);
  say('for every page, warm. "numbers" = every "id" sent as a bare number beyond 2^53 (as in Zoho\'s spec and');
  say('SDK examples), which must come back as exact bigints; JSON.parse rounds those, so it has no such row.');
  say(`÷ reader = that engine's median ÷ the own reader's (above 1×: the reader is faster).`);
  say(
    lossless.found
      ? `${LOSSLESS_PACKAGE} ${lossless.version}, ${lossless.how}, with a number parser giving the reader's values and the last of repeated keys winning.`
      : `${LOSSLESS_PACKAGE}: ${lossless.why}. The comparison with it is skipped.`,
  );
  say();
  const rows: string[][] = [['IDs', 'engine', 'runs', 'cold: median (min–max)', 'warm', '÷ reader', 'engine alone', '÷ reader']];
  for (const { ids, engine, runs } of cases) {
    const reader = cases.find((c) => c.ids === ids && c.engine === 'reader')?.runs ?? [];
    const warm = median(runs.map((r) => r.warmMs));
    const alone = median(runs.map((r) => r.engineMs));
    rows.push([
      ids,
      ENGINE_NAMES[engine],
      String(runs.length),
      spread(runs.map((r) => r.coldMs)),
      ms(warm),
      engine === 'reader' ? '–' : ratio(median(reader.map((r) => r.warmMs)), warm),
      ms(alone),
      engine === 'reader' ? '–' : ratio(median(reader.map((r) => r.engineMs)), alone),
    ]);
  }
  say(table(rows));
  say();
}

/** Planning and applying a plan, in a fresh child like the other sections; `changesLines` is loaded only for its text. */
async function changesBench(): Promise<ChangesResult> {
  progress('changing territories: planning 10,000, applying 1,000 creates at 50 ms');
  const input: ChangesInput = { planRuns: quick ? 3 : 7, applyRuns: quick ? 1 : 3, latencyMs: 50 };
  const result = await runChild<ChangesResult>(path.join(__dirname, 'applyBench.js'), input, 240_000);
  say('## Changing territories: plan and apply');
  say('Planning 10,000 territories against 10,000 with half changed (renames, descriptions, users, moves), plain Node,');
  say(`median of ${input.planRuns} runs after a warm-up. Applying 1,000 creates over 4 levels (10, 90, 300, 600) to the fake Zoho`);
  say(`at 50 ms per request (the fake in a process of its own), median of ${input.applyRuns}: the minimum is batches of 10 per level; the floor is that many requests, 3 at a time.`);
  say(`${loadAverage()} before this section.`);
  say();
  if (result.error) {
    say(`FAILED: ${result.error}`);
  } else {
    const { changesLines } = await import('./applyBench');
    changesLines(result).forEach((line) => say(`- ${line}`));
  }
  say();
  return result;
}

/** The CLI's figures (cliBench.ts) in a child of their own; it runs dist/cli.js, so the development build is made first. */
function cliBench(): void {
  progress('the CLI: retrieve and plan of 10,000 territories, and its start-up');
  say('## The CLI: retrieve and plan of 10,000 territories, and start-up');
  say(`${loadAverage()} before this section.`);
  say();
  try {
    execFileSync(process.execPath, [path.join(repoRoot, 'esbuild.js')], { cwd: repoRoot, stdio: 'ignore' });
    const out = execFileSync(process.execPath, [path.join(__dirname, 'cliBench.js')], { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 });
    out.trimEnd().split('\n').forEach((line) => say(line));
  } catch (error) {
    say(`FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = 1;
  }
  say();
}

async function main(): Promise<void> {
  const started = performance.now();
  say(`# Zoho CRM Territories benchmarks${quick ? ' (--quick)' : ''}`);
  say(new Date().toISOString());
  for (const line of machine()) {
    say(line);
  }
  say();

  fake = await startFakeZoho();
  say(`Fake Zoho at ${fake.origin}.`);

  const located = locateSdk(repoRoot, { install: !noSdk });
  const sdk = located.found ? located : undefined;
  const contenders: Contender[] = sdk ? ['extension', 'client', 'sdk', 'fetch'] : ['extension', 'client', 'fetch'];
  say(
    located.found
      ? `Zoho SDK: ${SDK_PACKAGE} ${located.version}, ${located.how}.`
      : `Zoho SDK: ${located.why}. The comparison with it is skipped: these figures compare the extension with plain fetch only.`,
  );
  say();

  scratch = mkdtempSync(path.join(os.tmpdir(), 'zoho-territories-bench-state-'));
  let activationOk = false;
  try {
    progress('building the production bundle');
    bundle = buildProductionBundle(repoRoot);
    say(`Production bundle built in ${ms(bundle.buildMs)} (node esbuild.js --production, into a temporary folder; dist/ is left alone).`);
    say();
    activationOk = await activationBench(fake, bundle, scratch);
  } catch (error) {
    // The load figures do not depend on activation: report the failure and go on.
    say('## Activation: FAILED');
    say(error instanceof Error ? error.message : String(error));
    say();
  }
  const loads = await loadBench(fake, contenders, sdk?.main);
  reportLoads(loads, contenders);
  const lossless = locateLosslessJson(repoRoot);
  const json = await jsonBench(lossless);
  reportJson(json, lossless);
  const changes = await changesBench();
  cliBench();
  say(`Total bench time ${ms(performance.now() - started)}. ${loadAverage()} at the end.`);

  const resultsDir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest.txt'), `${output.join('\n')}\n`);
  writeFileSync(
    path.join(resultsDir, 'latest.json'),
    `${JSON.stringify({ machine: machine(), loads: loads.map((r) => ({ ...r.loadCase, contender: r.contender, runs: r.runs })), json, changes }, null, 2)}\n`,
  );
  if (!activationOk || changes.error !== undefined || changes.apply?.ok === false) {
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
