import type { Berth } from '../berth';
import { conflict } from '../errors';
import { writeAudit } from '../audit/log';
import { adminExists, ALL_HOSTS, putGrant } from './grants';
import { createLocalUser, findUserByName, setPassword } from './users';

/**
 * First run: until an enabled local admin exists, Berth serves only the setup page. The first admin comes either
 * from that page or, for unattended installs, from BERTH_ADMIN_PASSWORD at start.
 */
export async function createFirstAdmin(berth: Berth, username: string, password: string, ip: string | null): Promise<void> {
  if (await adminExists(berth.db)) throw conflict('Berth already has an admin: sign in instead, or ask an admin for an account');
  const user = await createLocalUser(berth.db, username, password);
  await putGrant(berth.db, { subject_kind: 'user', subject: user.id, host_id: ALL_HOSTS, role: 'admin' });
  await writeAudit(berth.db, { actor: username, actorKind: 'local', ip, action: 'auth.setup', target: `user:${username}`, result: 'ok' });
}

/** Seeds the admin from configuration when none exists; an existing admin is never changed from the environment. */
export async function seedAdminFromConfig(berth: Berth): Promise<void> {
  const { adminUsername, adminPassword } = berth.config.auth;
  if (!adminPassword || (await adminExists(berth.db))) return;
  const existing = await findUserByName(berth.db, adminUsername);
  if (existing && existing.kind === 'local') {
    await setPassword(berth.db, existing.id, adminPassword);
    await putGrant(berth.db, { subject_kind: 'user', subject: existing.id, host_id: ALL_HOSTS, role: 'admin' });
  } else {
    await createFirstAdmin(berth, adminUsername, adminPassword, null);
  }
  console.log(`berth: created the admin "${adminUsername}" from BERTH_ADMIN_PASSWORD`);
}
