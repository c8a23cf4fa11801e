import * as path from 'path';
import { redactStrings } from '../redaction/knownSecrets';
import { CliFailure, Context } from './context';

/**
 * Writes `value` as `text(value)` to the file the person named (relative to the working directory),
 * with every secret of this run and Zoho's token shape blanked in each of its strings: secrets are
 * never saved in files, even when the org's data holds one. Blanking is said on stderr; a file that
 * cannot be written is a `CliFailure` naming it.
 */
export async function writeOut<T>(context: Context, fileArg: string, value: T, text: (value: T) => string, blankedNote: string): Promise<void> {
  let blanked = false;
  // String by string (not the JSON text), so a secret is found as it is, not as JSON escapes it.
  const safe = redactStrings(value, (s) => {
    const redacted = context.secrets.redactData(s);
    blanked ||= redacted !== s;
    return redacted;
  }) as T;
  try {
    await context.io.writeFile(path.resolve(context.io.cwd, fileArg), text(safe));
  } catch (error) {
    throw new CliFailure(`${fileArg}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (blanked) {
    context.err(`warning: ${fileArg}: ${blankedNote}\n`);
  }
}
