/**
 * The fake Zoho in a Node process of its own, for a bench whose client would otherwise share its one
 * thread with the server: there the fake's CPU per request (reading the body, changing the org,
 * answering) was counted as the client's. The parent starts it with a scenario, asks it questions
 * about the org, and closes it; it also exits when its parent goes (the IPC channel closes).
 */
import { ChildProcess } from 'child_process';
import { forkTracked } from './children';
import { Scenario, startFakeZoho } from '../fake-zoho/server';

type Request = { readonly type: 'scenario'; readonly scenario: Scenario } | { readonly type: 'territories' } | { readonly type: 'requests' } | { readonly type: 'close' };
type Answer =
  | { readonly type: 'ready'; readonly origin: string; readonly token: string }
  | { readonly type: 'territories'; readonly count: number }
  | { readonly type: 'requests'; readonly count: number }
  | { readonly type: 'closed' };

export interface FakeChild {
  readonly origin: string;
  readonly token: string;
  /** How many territories the fake org has now. */
  territories(): Promise<number>;
  /** How many requests it has received. */
  requests(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the fake in a child with `scenario` (sent over IPC, so it may be megabytes: plain data only) and resolves when it listens. */
export function startFakeChild(scenario: Scenario): Promise<FakeChild> {
  const child = forkTracked(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends Answer['type']>(type: T) =>
    new Promise<Extract<Answer, { type: T }>>((resolve, reject) => {
      const onMessage = (message: Answer) => {
        if (message.type === type) {
          child.off('exit', onExit);
          child.off('message', onMessage);
          resolve(message as Extract<Answer, { type: T }>);
        }
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`the fake Zoho's process exited (code ${code}) before answering "${type}"`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = (request: Request) => (child as ChildProcess).send(request);
  const ready = next('ready');
  ask({ type: 'scenario', scenario });
  const count = async (type: 'territories' | 'requests') => {
    const answer = next(type);
    ask({ type });
    return (await answer).count;
  };
  return ready.then(({ origin, token }) => ({
    origin,
    token,
    territories: () => count('territories'),
    requests: () => count('requests'),
    close: async () => {
      const closed = next('closed');
      ask({ type: 'close' });
      await closed;
    },
  }));
}

if (require.main === module && process.send) {
  const send = (answer: Answer, then: () => void = () => undefined) => process.send?.(answer, then);
  const started = startFakeZoho();
  process.on('disconnect', () => void started.then((fake) => fake.close()).then(() => process.exit(0)));
  process.on('message', (request: Request) => {
    void started.then((fake) => {
      if (request.type === 'scenario') {
        fake.scenario = request.scenario;
        send({ type: 'ready', origin: fake.origin, token: fake.token });
      } else if (request.type === 'territories') {
        send({ type: 'territories', count: fake.org.territories().length });
      } else if (request.type === 'requests') {
        send({ type: 'requests', count: fake.requests.length });
      } else {
        void fake.close().then(() => send({ type: 'closed' }, () => process.exit(0)));
      }
    });
  });
}
