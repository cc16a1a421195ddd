import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.js';
import type { Principal } from '../../governance/auth/principal.js';
import { readTrustedDocumentManifests, TrustedDocuments } from './trusted-documents.js';

const principal = (roles: Principal['roles']): Principal => ({
  kind: 'apiKey',
  id: 'k1',
  name: 'key',
  orgId: 'o1',
  teamId: 't1',
  teamName: 'team',
  roles,
});
const admin = principal(['ADMIN']);
const member = principal(['MEMBER']);
const documents = new Map([['abc123', 'query Listed { me { roles } }']]);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('TrustedDocuments', () => {
  it('in allow-listed mode without the admin exemption refuses admins too', () => {
    const trusted = new TrustedDocuments({ mode: 'allow-listed', documents, exemptAdmins: false });
    const error = refusal(() => trusted.decide({ query: '{ me { name } }' }, admin));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.extensions).toEqual({ reason: 'PERSISTED_QUERY_NOT_ALLOWED' });
    expect(trusted.decide({ documentId: 'ABC123' }, admin)).toMatchObject({ kind: 'trusted', id: 'abc123' });
  });

  it('in log mode runs and counts unknown documents, and leaves APQ to work as usual', () => {
    const seen: unknown[] = [];
    const trusted = new TrustedDocuments({
      mode: 'log',
      documents,
      exemptAdmins: true,
      onUntrusted: (info) => seen.push(info),
    });
    expect(trusted.decide({ query: '{ me { name } }' }, member, 'Other')).toEqual({
      kind: 'untrusted',
      apq: true,
    });
    expect(seen).toEqual([{ operationName: 'Other', exempt: false }]);
    // An unknown hash alone: the APQ cache may know it.
    expect(
      trusted.decide({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ff' } } }, member),
    ).toEqual({ kind: 'untrusted', apq: true });
    expect(trusted.decide({ query: 'query Listed { me { roles } }' }, member).kind).toBe('trusted');
    expect(seen).toHaveLength(1);
    expect(refusal(() => trusted.decide({ documentId: 'nope' }, member)).code).toBe('BAD_USER_INPUT');
  });

  it('reads both manifest formats and names every problem', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'capgate-manifest-'));
    const codegen = path.join(dir, 'persisted-documents.json');
    const apollo = path.join(dir, 'apollo.json');
    const conflicting = path.join(dir, 'conflicting.json');
    await writeFile(codegen, JSON.stringify({ AA11: '{ me { roles } }' }));
    await writeFile(
      apollo,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: 'sha256:bb22', name: 'B', type: 'query', body: 'query B { me { name } }' }],
      }),
    );
    await writeFile(conflicting, JSON.stringify({ aa11: '{ me { name } }', cc: 42 }));
    const read = readTrustedDocumentManifests([codegen, apollo]);
    expect(read.problems).toEqual([]);
    expect([...read.documents.keys()]).toEqual(['aa11', 'bb22']);
    const bad = readTrustedDocumentManifests([codegen, conflicting, path.join(dir, 'missing.json')]);
    expect(bad.problems).toEqual([
      `${conflicting}: id "aa11" names another document in an earlier manifest`,
      `${conflicting}: entry "cc" has no document text`,
      expect.stringMatching(/missing\.json: cannot read the manifest/),
    ]);
  });
});
