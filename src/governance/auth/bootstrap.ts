/**
 * First-start setup of identity: the default organization, the `admins` team and the first admin key.
 * Idempotent: a configured bootstrap key is upserted by its hash; a generated one is issued only once
 * (a settings flag records it) and, in embedded mode, written to `<dataDir>/admin-key` (0600).
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile, chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../../store/store.js';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-crypto.js';

export const DEFAULT_ORG_ID = 'org_default';
export const ADMIN_TEAM_NAME = 'admins';

export interface BootstrapResult {
  orgId: string;
  adminTeamId: string;
  /** The admin key when it is known to this process (generated now, configured, or read from the data dir). */
  adminKey?: string;
  /** Where the generated key was written, if it was. */
  adminKeyFile?: string;
  /** True when the key was created by this start. */
  created: boolean;
}

export async function bootstrapIdentity(options: {
  store: Store;
  hmacKey: Buffer;
  configuredAdminKey?: string;
  /** Set in embedded mode: the generated key is written there. */
  dataDir?: string;
}): Promise<BootstrapResult> {
  const { store, hmacKey } = options;
  await store.organizations.ensure(DEFAULT_ORG_ID, 'default');
  const team = await ensureTeam(store, DEFAULT_ORG_ID, ADMIN_TEAM_NAME);

  if (options.configuredAdminKey) {
    const key = options.configuredAdminKey;
    await store.apiKeys.ensure({
      _id: `key_${randomUUID()}`,
      orgId: DEFAULT_ORG_ID,
      teamId: team,
      name: 'bootstrap admin',
      prefix: displayPrefix(key),
      hash: hashApiKey(hmacKey, key),
      roles: ['ADMIN'],
    });
    return { orgId: DEFAULT_ORG_ID, adminTeamId: team, adminKey: key, created: false };
  }

  const keyFile = options.dataDir ? path.join(options.dataDir, 'admin-key') : undefined;
  const first = await store.organizations.claimSetting('bootstrap.adminKeyIssued', new Date().toISOString());
  if (!first) {
    // Issued before; show it again only if it is in our data dir.
    const existing = keyFile ? await readFile(keyFile, 'utf8').catch(() => undefined) : undefined;
    return {
      orgId: DEFAULT_ORG_ID,
      adminTeamId: team,
      adminKey: existing?.trim() || undefined,
      adminKeyFile: existing ? keyFile : undefined,
      created: false,
    };
  }
  const key = generateApiKey();
  await store.apiKeys.insert({
    _id: `key_${randomUUID()}`,
    orgId: DEFAULT_ORG_ID,
    teamId: team,
    name: 'bootstrap admin',
    prefix: displayPrefix(key),
    hash: hashApiKey(hmacKey, key),
    roles: ['ADMIN'],
  });
  if (keyFile && options.dataDir) {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
    await chmod(keyFile, 0o600);
  }
  return { orgId: DEFAULT_ORG_ID, adminTeamId: team, adminKey: key, adminKeyFile: keyFile, created: true };
}

export function ensureTeam(store: Pick<Store, 'teams'>, orgId: string, name: string): Promise<string> {
  return store.teams.ensure(orgId, name);
}
