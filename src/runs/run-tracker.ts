/**
 * What the invocation pipeline tells about each run, turned into run records (run-recorder.ts) and,
 * for followable runs, a lease (run-leases.ts). Every call only buffers or queues: nothing here is
 * awaited on the request path. Inputs and outputs are kept only when the capability's logging policy
 * says so, masked with its masking policy (or the org's default).
 */
import type { RouteAttempt } from '../capabilities/capability.types.js';
import type { Principal } from '../governance/auth/principal.js';
import type { RunAdmission } from '../governance/gate.js';
import { maskerForStoredPolicy } from '../governance/masking/index.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import type { RunIdentity } from '../store/repos/run.repo.js';
import type { UsageEvent } from '../usage/usage.types.js';
import type { RunLeases } from './run-leases.js';
import type { RunRecorder } from './run-recorder.js';

export interface RunStart {
  runId: string;
  principal: Principal;
  capability: CapabilityInfo;
  frontDoor: string;
  /** startRun / invokeStream: followers may wait for its end, so it is stored at once and leased. */
  followable: boolean;
}

export interface RunEnd {
  /** The run's usage event: who, what, tokens, cost, latency, status. */
  usage: UsageEvent;
  capability: CapabilityInfo;
  followable: boolean;
  attempts: RouteAttempt[];
  /** The caller's input, as received. */
  input: unknown;
  /** The output returned to the caller (COMPLETED). */
  output?: unknown;
  /** FAILED: the message the caller got. */
  errorMessage?: string;
}

export class RunTracker {
  constructor(
    private readonly options: {
      recorder: RunRecorder;
      leases?: RunLeases;
      /** Org-wide default masking policy, if any. */
      defaultMaskingPolicy: (orgId: string) => CapabilityInfo['maskingPolicy'];
    },
  ) {}

  started(run: RunStart): void {
    if (!run.followable) return;
    const { principal, capability } = run;
    this.options.recorder.started({
      _id: run.runId,
      orgId: principal.orgId,
      teamId: principal.teamId,
      keyId: principal.id,
      capability: capability.name,
      capabilityVersion: capability.version,
      frontDoor: run.frontDoor,
      startedAt: new Date(),
    });
    this.options.leases?.hold(run.runId, {
      orgId: principal.orgId,
      teamId: principal.teamId,
      capability: capability.name,
    });
  }

  admitted(runId: string, admission: RunAdmission): void {
    if (admission.reservation) this.options.leases?.attach(runId, admission.reservation);
  }

  ended(run: RunEnd): void {
    const { usage, capability } = run;
    const identity: RunIdentity = {
      _id: usage.runId,
      orgId: usage.orgId,
      teamId: usage.teamId,
      keyId: usage.keyId,
      capability: usage.capability,
      capabilityVersion: usage.capabilityVersion,
      frontDoor: usage.frontDoor,
      startedAt: new Date(usage.at.getTime() - usage.latencyMs),
    };
    const logging = capability.logging;
    const masker = logging?.inputs || logging?.outputs ? this.maskerFor(capability, usage.orgId) : undefined;
    const keep = (value: unknown) => encode(masker ? masker.maskJson(value) : value);
    this.options.recorder.ended(
      identity,
      {
        status: usage.status === 'ok' ? 'COMPLETED' : 'FAILED',
        endedAt: usage.at,
        model: usage.model,
        provider: usage.provider,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costUsd: usage.costUsd,
        latencyMs: usage.latencyMs,
        cached: usage.cached,
        attempts: run.attempts,
        ...(usage.errorCode !== undefined ? { errorCode: usage.errorCode } : {}),
        ...(run.errorMessage !== undefined ? { errorMessage: run.errorMessage } : {}),
        ...(logging?.inputs ? { input: keep(run.input) } : {}),
        ...(logging?.outputs && run.output !== undefined ? { output: keep(run.output) } : {}),
      },
      run.followable,
    );
    // After the terminal event, which the pipeline appends right after this call on the same Redis
    // connection: a lease never disappears before the run's end is stored.
    if (run.followable && this.options.leases) {
      const leases = this.options.leases;
      queueMicrotask(() => leases.release(usage.runId));
    }
  }

  /**
   * A followable run refused before it started (unknown capability, bad input, no route, rate
   * limit): stored FAILED so that `run(id)` answers for every id `startRun` handed out.
   */
  refused(run: {
    runId: string;
    principal: Principal;
    capability: string;
    capabilityVersion?: number;
    frontDoor: string;
    errorCode: string;
    errorMessage: string;
  }): void {
    const now = new Date();
    this.options.recorder.ended(
      {
        _id: run.runId,
        orgId: run.principal.orgId,
        teamId: run.principal.teamId,
        keyId: run.principal.id,
        capability: run.capability,
        capabilityVersion: run.capabilityVersion ?? 0,
        frontDoor: run.frontDoor,
        startedAt: now,
      },
      {
        status: 'FAILED',
        endedAt: now,
        errorCode: run.errorCode,
        errorMessage: run.errorMessage,
        attempts: [],
      },
      true,
    );
  }

  private maskerFor(capability: CapabilityInfo, orgId: string) {
    const policy = capability.maskingPolicy ?? this.options.defaultMaskingPolicy(orgId);
    return policy ? maskerForStoredPolicy(policy) : undefined;
  }
}

function encode(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
