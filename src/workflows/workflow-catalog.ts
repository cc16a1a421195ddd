/**
 * The registered workflows: an in-memory map reloaded whenever the registry reloads (a registry
 * write here, `registry.changed` from another instance, the periodic refresh), so every instance
 * sees the same workflows. Writes are validated whole (`validateWorkflow`), versioned (a snapshot per
 * version) and conditional on the version read, like capabilities.
 */
import { ConflictError, ForbiddenError, NotFoundError } from '../errors/app-error.js';
import { isBuiltinCapability } from '../capabilities/builtin-names.js';
import { isVisibleTo } from '../capabilities/invocation-stages.js';
import { hasRole, type Principal } from '../governance/auth/principal.js';
import type { Logger } from '../infra/logger.js';
import type { RegistryService } from '../registry/registry.service.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import { builtinInputContracts } from './builtin-input-contracts.js';
import { answerWithCitations } from './answer-with-citations.workflow.js';
import type { WorkflowRecord } from '../store/models/workflow.model.js';
import type { WorkflowRepository } from '../store/repos/workflow.repo.js';
import { validateWorkflow, type StepTarget, type WorkflowDraft } from './workflow-validation.js';
import type { WorkflowDefinition, WorkflowInfo } from './workflow.types.js';

export class WorkflowCatalog {
  private workflows = new Map<string, WorkflowInfo>();
  private stopListening: (() => void) | undefined;
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly options: { workflows: WorkflowRepository; registry: RegistryService; logger: Logger },
  ) {}

  async start(): Promise<void> {
    await this.seedBuiltins();
    await this.reload();
    this.stopListening = this.options.registry.onChange(() => {
      this.reload().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'workflow catalog reload failed'),
      );
    });
  }

  stop(): void {
    this.stopListening?.();
  }

  async reload(): Promise<void> {
    const previous = this.reloading;
    const next = (async () => {
      await previous?.catch(() => {});
      const records = await this.options.workflows.all();
      this.workflows = new Map(records.map((record) => [record._id, toWorkflowInfo(record)]));
    })();
    this.reloading = next;
    await next;
  }

  get(name: string): WorkflowInfo | undefined {
    return this.workflows.get(name);
  }

  /** The workflow as the principal may see it, or NOT_FOUND. */
  visible(name: string, principal: Principal): WorkflowInfo {
    const workflow = this.workflows.get(name);
    if (!workflow || !isVisibleTo(workflow, principal))
      throw new NotFoundError(`Unknown workflow "${name}".`);
    return workflow;
  }

  /** The workflow as the registry's capability lookup shows it (kind `workflow`). */
  asCapability(name: string): CapabilityInfo | undefined {
    const workflow = this.workflows.get(name);
    return workflow ? capabilityOf(workflow) : undefined;
  }

  allAsCapabilities(): CapabilityInfo[] {
    return [...this.workflows.values()].map(capabilityOf);
  }

  /** Those the principal may see, by name. */
  list(principal: Principal): WorkflowInfo[] {
    return [...this.workflows.values()]
      .filter((workflow) => isVisibleTo(workflow, principal))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async register(draft: WorkflowDraft, principal: Principal, actor: string): Promise<WorkflowInfo> {
    assertMayShareWith(principal, draft.teams);
    if (
      isBuiltinCapability(draft.name) ||
      this.options.registry.capability(draft.name) ||
      this.workflows.has(draft.name)
    )
      throw nameTaken(draft.name);
    const definition = validateWorkflow(draft, (name) => this.targetFor(name, principal));
    const record = {
      _id: draft.name,
      version: 1,
      description: draft.description ?? undefined,
      definition: JSON.stringify(definition),
      teams: [...new Set((draft.teams ?? []).map((team) => team.trim()))],
      ownerTeamId: principal.teamId,
      status: 'active' as const,
      builtin: false,
    };
    if (!(await this.options.workflows.insert(record))) throw nameTaken(draft.name);
    return this.written(draft.name, actor);
  }

  async update(draft: WorkflowDraft, principal: Principal, actor: string): Promise<WorkflowInfo> {
    const current = this.visible(draft.name, principal);
    assertMayEdit(principal, current);
    assertMayShareWith(principal, draft.teams);
    const definition = validateWorkflow(draft, (name) => this.targetFor(name, principal));
    const changed = await this.options.workflows.changeIfVersion(current.name, current.version, {
      version: current.version + 1,
      definition: JSON.stringify(definition),
      ...(draft.description != null ? { description: draft.description } : {}),
      ...(draft.teams ? { teams: [...new Set(draft.teams.map((team) => team.trim()))] } : {}),
      updatedAt: new Date(),
    });
    if (!changed)
      throw new ConflictError(
        `Workflow "${current.name}" was changed concurrently; read it again and retry.`,
      );
    return this.written(current.name, actor);
  }

  async deprecate(name: string, principal: Principal, actor: string): Promise<WorkflowInfo> {
    const current = this.visible(name, principal);
    assertMayEdit(principal, current);
    if (current.status === 'deprecated') return current;
    const changed = await this.options.workflows.changeIfVersion(name, current.version, {
      status: 'deprecated',
      version: current.version + 1,
      updatedAt: new Date(),
    });
    if (!changed)
      throw new ConflictError(`Workflow "${name}" was changed concurrently; read it again and retry.`);
    return this.written(name, actor);
  }

  /** What a step may invoke, as the registrant sees it. */
  targetFor(name: string, principal: Principal): StepTarget | undefined {
    const capability = this.options.registry.capability(name);
    if (capability && capability.kind !== ('workflow' as string)) {
      if (!isVisibleTo(capability, principal)) return undefined;
      return {
        kind: 'capability',
        inputSchema: capability.inputSchema ?? builtinInputContracts[name],
        deprecated: capability.status === 'deprecated',
      };
    }
    const workflow = this.workflows.get(name);
    if (!workflow || !isVisibleTo(workflow, principal)) return undefined;
    return {
      kind: 'workflow',
      inputSchema: workflow.inputSchema,
      deprecated: workflow.status === 'deprecated',
      calls: this.callsOf(name),
    };
  }

  /** Every workflow `name` calls, directly or through others. */
  callsOf(name: string): string[] {
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const workflow = this.workflows.get(stack.pop()!);
      for (const step of workflow?.steps ?? []) {
        if (this.workflows.has(step.capability) && !seen.has(step.capability)) {
          seen.add(step.capability);
          stack.push(step.capability);
        }
      }
    }
    return [...seen];
  }

  private async written(name: string, actor: string): Promise<WorkflowInfo> {
    const record = await this.options.workflows.find(name);
    await this.options.workflows.saveVersion(
      name,
      record!.version,
      JSON.stringify(toWorkflowInfo(record!)),
      actor,
    );
    // Tells the other instances (and this one's listeners, which reload without being awaited);
    // then reloads here and waits, so that the caller's next request sees what it wrote.
    await this.options.registry.changed();
    await this.reload();
    return this.workflows.get(name) ?? toWorkflowInfo(record!);
  }

  /** The built-in workflows, written at first start and kept current (their definitions are code). */
  private async seedBuiltins(): Promise<void> {
    for (const builtin of [answerWithCitations]) {
      const definition = JSON.stringify(builtin.definition);
      const existing = await this.options.workflows.find(builtin.name);
      if (!existing) {
        // Another instance may seed it at the same time: a taken name is that.
        await this.options.workflows.insert({
          _id: builtin.name,
          version: 1,
          description: builtin.description,
          definition,
          teams: [],
          status: 'active',
          builtin: true,
        });
      } else if (existing.builtin && existing.definition !== definition) {
        await this.options.workflows.changeIfVersion(builtin.name, existing.version, {
          definition,
          description: builtin.description,
          version: existing.version + 1,
        });
      }
    }
  }
}

export function toWorkflowInfo(record: WorkflowRecord): WorkflowInfo {
  const definition = JSON.parse(record.definition) as WorkflowDefinition;
  return {
    name: record._id,
    version: record.version,
    description: record.description,
    ...definition,
    teams: record.teams ?? [],
    ownerTeamId: record.ownerTeamId,
    status: record.status,
    builtin: record.builtin ?? false,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function capabilityOf(workflow: WorkflowInfo): CapabilityInfo {
  return {
    name: workflow.name,
    version: workflow.version,
    kind: 'workflow',
    description: workflow.description,
    inputSchema: workflow.inputSchema,
    implementations: [],
    routing: { strategy: 'FALLBACK' },
    teams: workflow.teams,
    ownerTeamId: workflow.ownerTeamId,
    status: workflow.status,
    updatedAt: workflow.updatedAt,
  };
}

function nameTaken(name: string): ConflictError {
  return new ConflictError(
    `The name "${name}" is not available (capabilities and workflows share one namespace); choose another (to change your own workflow, use updateWorkflow).`,
  );
}

function assertMayEdit(principal: Principal, workflow: WorkflowInfo): void {
  if (hasRole(principal, 'ADMIN')) return;
  if (hasRole(principal, 'MAINTAINER') && workflow.ownerTeamId && workflow.ownerTeamId === principal.teamId)
    return;
  throw new ForbiddenError(`Only an ADMIN or a MAINTAINER of the owning team may change "${workflow.name}".`);
}

function assertMayShareWith(principal: Principal, teams: readonly string[] | null | undefined): void {
  if (!teams || teams.length === 0 || hasRole(principal, 'ADMIN')) return;
  if (teams.some((team) => team.trim() !== principal.teamName))
    throw new ForbiddenError('Only an ADMIN may make a workflow visible to teams other than your own.');
}
