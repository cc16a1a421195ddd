import { describe, expect, it } from 'vitest';
import { can, grantableRoles, rank, type Viewer } from './session.js';

const viewer = (roles: Viewer['roles'], team = 'search'): Viewer => ({
  id: 'k1',
  name: 'k',
  team,
  teamId: 't1',
  roles,
});

describe('what a role is offered', () => {
  it('ranks the highest role held', () => {
    expect(rank(['VIEWER', 'MAINTAINER'])).toBe(3);
    expect(rank([])).toBe(0);
  });

  it('offers the playground from MEMBER, maintenance from MAINTAINER, everything to ADMIN', () => {
    expect([can.invoke, can.maintain, can.admin].map((check) => check(viewer(['VIEWER'])))).toEqual([
      false,
      false,
      false,
    ]);
    expect([can.invoke, can.maintain, can.admin].map((check) => check(viewer(['MEMBER'])))).toEqual([
      true,
      false,
      false,
    ]);
    expect([can.invoke, can.maintain, can.admin].map((check) => check(viewer(['MAINTAINER'])))).toEqual([
      true,
      true,
      false,
    ]);
    expect([can.invoke, can.maintain, can.admin].map((check) => check(viewer(['ADMIN'])))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("lets a MAINTAINER edit only its own team's custom capabilities", () => {
    const own = { teams: ['search'], kind: 'CUSTOM' };
    expect(can.editCapability(viewer(['MAINTAINER']), own)).toBe(true);
    expect(can.editCapability(viewer(['MAINTAINER']), { teams: ['ads'], kind: 'CUSTOM' })).toBe(false);
    expect(can.editCapability(viewer(['MAINTAINER']), { teams: ['search'], kind: 'BUILTIN' })).toBe(false);
    expect(can.editCapability(viewer(['MEMBER']), own)).toBe(false);
    expect(can.editCapability(viewer(['ADMIN'], 'other'), { teams: [], kind: 'BUILTIN' })).toBe(true);
  });

  it('never offers a role above the viewer’s own', () => {
    expect(grantableRoles(viewer(['MAINTAINER']))).toEqual(['VIEWER', 'MEMBER', 'MAINTAINER']);
    expect(grantableRoles(viewer(['ADMIN']))).toEqual(['VIEWER', 'MEMBER', 'MAINTAINER', 'ADMIN']);
  });
});
