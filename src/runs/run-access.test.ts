import { describe, expect, it } from 'vitest';
import type { Role } from '../governance/auth/principal.js';
import { mayFollowRun } from './run-access.js';

const caller = (teamId: string, role: Role, orgId = 'org-a') => ({ orgId, teamId, roles: [role] });
const owner = { capability: 'summarize', orgId: 'org-a', teamId: 'team-a' };

describe('mayFollowRun', () => {
  it('lets the team that started the run follow it', () => {
    expect(mayFollowRun(owner, caller('team-a', 'MEMBER'))).toBe(true);
  });

  it('hides the run from members of other teams', () => {
    expect(mayFollowRun(owner, caller('team-b', 'MAINTAINER'))).toBe(false);
  });

  it('lets admins of the same organization follow it', () => {
    expect(mayFollowRun(owner, caller('team-b', 'ADMIN'))).toBe(true);
  });

  it('hides the run from admins of another organization', () => {
    expect(mayFollowRun(owner, caller('team-x', 'ADMIN', 'org-b'))).toBe(false);
  });

  it('shows a run without a known owner to admins only', () => {
    expect(mayFollowRun(undefined, caller('team-a', 'MEMBER'))).toBe(false);
    expect(mayFollowRun(undefined, caller('team-a', 'ADMIN'))).toBe(true);
  });
});
