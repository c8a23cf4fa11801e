import { Environment } from './environment';
import { KnownSecrets } from '../redaction/knownSecrets';
import { FetchLike } from '../zohoApi/http';

/** What a command runs with: the process's streams, files and network, given by src/cli.ts (and by tests). */

/** Exit codes, as `terraform plan -detailed-exitcode`: 0 no changes, 2 changes, 1 an error. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;

export interface CliIo {
  readonly env: Environment;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch: FetchLike;
  readonly readFile: (file: string) => Promise<string>;
  readonly writeFile: (file: string, text: string) => Promise<void>;
  /** Whether a person is at a terminal (apply asks there; elsewhere it needs --yes). */
  readonly interactive: boolean;
  /** Asks the person at the terminal and resolves with the line typed; only when `interactive`. */
  readonly ask?: (question: string) => Promise<string>;
}

/** The io with every printed text (the question asked too) redacted of known secrets. */
export interface Context {
  readonly io: CliIo;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly ask: (question: string) => Promise<string>;
  /** Every secret of this run (the environment's, any token obtained): blanked from files written too. */
  readonly secrets: KnownSecrets;
}

/** A failure already described for the person: printed as it is, exit 1. */
export class CliFailure extends Error {}
