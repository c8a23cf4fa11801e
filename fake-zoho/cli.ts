/** Runs the fake Zoho org by itself: `node out/fake-zoho/cli.js [--port N]`. Ctrl-C stops it. */
import { startFakeZoho } from './server';

async function main(): Promise<void> {
  const portArgument = process.argv.indexOf('--port');
  const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 0;
  const fake = await startFakeZoho({ port });
  console.log(`Fake Zoho CRM API: ${fake.origin}`);
  console.log(`Access token it accepts: ${fake.token}`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
