/**
 * The fake Zoho in a Node process of its own, for a bench whose client would otherwise share its one
 * thread with the server: there the fake's CPU per request (reading the body, changing the org,
 * answering) was counted as the client's. The parent starts it with a scenario, asks it questions
 * about the org, and closes it; it also exits when its parent goes (the IPC channel closes).
 */
import { ChildProcess } from 'child_process';
import { forkTracked } from './children';
import { Scenario, startFakeZoho } from '../fake-zoho/server';

type Request = { readonly type: 'territories' } | { readonly type: 'close' };
type Answer = { readonly type: 'ready'; readonly origin: string; readonly token: string } | { readonly type: 'territories'; readonly count: number } | { readonly type: 'closed' };

export interface FakeChild {
  readonly origin: string;
  readonly token: string;
  /** How many territories the fake org has now. */
  territories(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the fake in a child with `scenario` (as JSON: plain data only) and resolves when it listens. */
export function startFakeChild(scenario: Scenario): Promise<FakeChild> {
  const child = forkTracked(__filename, [JSON.stringify(scenario)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
  return next('ready').then(({ origin, token }) => ({
    origin,
    token,
    territories: async () => {
      const answer = next('territories');
      ask({ type: 'territories' });
      return (await answer).count;
    },
    close: async () => {
      const closed = next('closed');
      ask({ type: 'close' });
      await closed;
    },
  }));
}

if (require.main === module && process.send) {
  const send = (answer: Answer, then: () => void = () => undefined) => process.send?.(answer, then);
  void startFakeZoho({ scenario: JSON.parse(process.argv[2] ?? '{}') as Scenario }).then((fake) => {
    process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
    process.on('message', (request: Request) => {
      if (request.type === 'territories') {
        send({ type: 'territories', count: fake.org.territories().length });
      } else {
        void fake.close().then(() => send({ type: 'closed' }, () => process.exit(0)));
      }
    });
    send({ type: 'ready', origin: fake.origin, token: fake.token });
  });
}
