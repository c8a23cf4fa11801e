import { Criteria, Permission, RuleModule } from './state';

/**
 * A plan as data: JSON-safe (no maps, no classes), so it can be saved, printed with `--json`,
 * journaled and compared. Each step says what it was (`before`) and what it becomes (`after`), with
 * enough before-values that an undo can be planned from the journal alone (see `undo.ts`).
 */

export type StepKind = 'create' | 'rename' | 'update' | 'move' | 'set-manager' | 'add-users' | 'remove-users' | 'delete' | 'transfer-and-delete';
export const STEP_KINDS: readonly StepKind[] = ['create', 'rename', 'update', 'move', 'set-manager', 'add-users', 'remove-users', 'delete', 'transfer-and-delete'];

/** The territory a step is about. */
export interface StepTerritory {
  /** Its ID, or the temporary key of a territory the plan creates. */
  readonly key: string;
  /** Its ID when it exists before the plan. */
  readonly id?: string;
  /** Its name as a person knows it: the current name (a create: the new one). */
  readonly name: string;
}

/** A place in the hierarchy: the parent's key (an ID or a create's temporary key) and its name. */
export interface ParentRef {
  readonly key: string | undefined;
  readonly name: string;
}

/** Everything Zoho keeps of a territory that a create can give back. */
export interface TerritoryFields {
  readonly name: string;
  readonly parent: ParentRef;
  readonly description: string;
  readonly permission: Permission;
  readonly rules: Readonly<Partial<Record<RuleModule, Criteria>>>;
}

/** What an update changes: only the fields that differ are present. */
export interface UpdateFields {
  readonly description?: string;
  readonly permission?: Permission;
  readonly rules?: Readonly<Partial<Record<RuleModule, Criteria>>>;
}

interface StepBase {
  /** `s1`, `s2`…: unique in the plan. */
  readonly id: string;
  readonly territory: StepTerritory;
  /** Steps that must have succeeded before this one is sent. */
  readonly dependsOn: readonly string[];
}

/** Every update (PUT) sends `permission_type` (Zoho's update page calls it mandatory): the value to send. */
interface UpdateBase extends StepBase {
  readonly permission: Permission | undefined;
}

export interface CreateStep extends StepBase {
  readonly kind: 'create';
  readonly before: null;
  readonly after: TerritoryFields;
}
export interface RenameStep extends UpdateBase {
  readonly kind: 'rename';
  readonly before: { readonly name: string };
  readonly after: { readonly name: string };
  /** A name taken for a moment so that two territories can swap names. */
  readonly temporary?: boolean;
}
export interface UpdateStep extends UpdateBase {
  readonly kind: 'update';
  readonly before: UpdateFields;
  readonly after: UpdateFields;
}
export interface MoveStep extends UpdateBase {
  readonly kind: 'move';
  readonly before: { readonly parent: ParentRef };
  readonly after: { readonly parent: ParentRef };
}
export interface SetManagerStep extends UpdateBase {
  readonly kind: 'set-manager';
  /** `null`: no manager. */
  readonly before: { readonly managerId: string | null };
  readonly after: { readonly managerId: string | null };
}
export interface UsersStep extends StepBase {
  readonly kind: 'add-users' | 'remove-users';
  /** The users this step adds or removes (sorted). */
  readonly userIds: readonly string[];
  /** The territory's users before and after the step (sorted). */
  readonly before: { readonly userIds: readonly string[] };
  readonly after: { readonly userIds: readonly string[] };
}
/** What a deleted territory was, to re-create it on undo. */
export interface DeletedTerritory extends TerritoryFields {
  readonly id: string;
  readonly managerId: string | null;
  readonly userIds: readonly string[];
}
export interface DeleteStep extends StepBase {
  readonly kind: 'delete';
  readonly before: DeletedTerritory;
  readonly after: null;
}
export interface TransferAndDeleteStep extends StepBase {
  readonly kind: 'transfer-and-delete';
  readonly before: DeletedTerritory & { readonly childIds: readonly string[] };
  /** Where the sub-territories go (`transfer_to_id`): an existing territory that stays. */
  readonly after: { readonly transferTo: ParentRef & { readonly key: string } };
}

export type Step = CreateStep | RenameStep | UpdateStep | MoveStep | SetManagerStep | UsersStep | DeleteStep | TransferAndDeleteStep;

/** A territory of the org that the desired state does not have. */
export interface NotInDesired {
  readonly id: string;
  readonly name: string;
  /** Whether the plan deletes it (only with `allowDelete`). */
  readonly deleted: boolean;
}

export interface Plan {
  /** In the order of application: every step comes after those it depends on. */
  readonly steps: readonly Step[];
  readonly notInDesired: readonly NotInDesired[];
  /** The people the steps name, for showing them. */
  readonly people: Readonly<Record<string, { readonly name: string; readonly email: string }>>;
}

export function isUpdateStep(step: Step): step is RenameStep | UpdateStep | MoveStep | SetManagerStep {
  return step.kind === 'rename' || step.kind === 'update' || step.kind === 'move' || step.kind === 'set-manager';
}
