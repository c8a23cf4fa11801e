/**
 * The CLI's arguments: a command and its options. The org and credentials are never arguments
 * (they would show in process lists and CI logs): they come from the environment (environment.ts).
 * The usage text is plain English, as the rest of the CLI's own words.
 */

export type CliArgs =
  | { readonly command: 'retrieve'; readonly out: string }
  | { readonly command: 'plan'; readonly file: string; readonly allowDelete: boolean; readonly format: 'text' | 'json' | 'markdown'; readonly save?: string }
  | { readonly command: 'apply'; readonly file?: string; readonly plan?: string; readonly allowDelete: boolean; readonly yes: boolean }
  | { readonly command: 'help' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: zoho-territories <command> [options]

Commands:
  retrieve --out FILE                  write the org's territories as FILE (*.zoho-territories.json)
  plan --file FILE [--allow-delete] [--json | --markdown] [--save PLAN]
                                       show what deploying FILE would change
                                       exit 0: no changes, 2: changes, 1: error
  apply --file FILE [--allow-delete] [--yes]
  apply --plan PLAN [--yes]            apply a plan (a saved plan is applied once, to its org only)

The org and credentials come from the environment:
  ZOHO_API_DOMAIN, or ZOHO_DATA_CENTER (us, eu, in, au, jp, ca, sa, cn) with ZOHO_ENVIRONMENT
  (production, sandbox, developer); ZOHO_API_VERSION (default v7); and either ZOHO_ACCESS_TOKEN, or
  ZOHO_CLIENT_ID + ZOHO_CLIENT_SECRET + ZOHO_REFRESH_TOKEN (with ZOHO_ACCOUNTS_URL to name the
  accounts server when ZOHO_API_DOMAIN is used instead of a data center).
`;

const VALUE_OPTIONS = new Set(['--out', '--file', '--save', '--plan']);
const FLAG_OPTIONS = new Set(['--allow-delete', '--json', '--markdown', '--yes']);
const ALLOWED: Record<string, readonly string[]> = {
  retrieve: ['--out'],
  plan: ['--file', '--allow-delete', '--json', '--markdown', '--save'],
  apply: ['--file', '--plan', '--allow-delete', '--yes'],
};

export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { command: 'help' };
  }
  if (!(command in ALLOWED)) {
    throw new UsageError(`Unknown command "${command}".`);
  }
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const [name, inline] = rest[i].startsWith('--') && rest[i].includes('=') ? [rest[i].slice(0, rest[i].indexOf('=')), rest[i].slice(rest[i].indexOf('=') + 1)] : [rest[i], undefined];
    if (!ALLOWED[command].includes(name) || (!VALUE_OPTIONS.has(name) && !FLAG_OPTIONS.has(name))) {
      throw new UsageError(name.startsWith('-') ? `"${command}" has no option ${name}.` : `Unexpected argument "${name}".`);
    }
    if (FLAG_OPTIONS.has(name)) {
      if (inline !== undefined) {
        throw new UsageError(`${name} takes no value.`);
      }
      flags.add(name);
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`${name} needs a value.`);
    }
    if (values.has(name)) {
      throw new UsageError(`${name} is given more than once.`);
    }
    values.set(name, value);
  }
  const need = (name: string): string => {
    const value = values.get(name);
    if (value === undefined) {
      throw new UsageError(`"${command}" needs ${name}.`);
    }
    return value;
  };
  switch (command) {
    case 'retrieve':
      return { command, out: need('--out') };
    case 'plan': {
      if (flags.has('--json') && flags.has('--markdown')) {
        throw new UsageError('--json and --markdown cannot be used together.');
      }
      const format = flags.has('--json') ? 'json' : flags.has('--markdown') ? 'markdown' : 'text';
      return { command, file: need('--file'), allowDelete: flags.has('--allow-delete'), format, ...(values.has('--save') ? { save: values.get('--save') } : {}) };
    }
    default: {
      const file = values.get('--file');
      const plan = values.get('--plan');
      if ((file === undefined) === (plan === undefined)) {
        throw new UsageError('"apply" needs either --file or --plan.');
      }
      if (plan !== undefined && flags.has('--allow-delete')) {
        throw new UsageError('--allow-delete is decided when the plan is made, not when it is applied.');
      }
      return { command: 'apply', file, plan, allowDelete: flags.has('--allow-delete'), yes: flags.has('--yes') };
    }
  }
}
