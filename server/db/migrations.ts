import { Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { alertsMigration } from '../alerts/migration';
import { alertChannelsMigration } from '../alerts/channels/migration';
import { authMigration } from '../auth/migration';
import { stackTemplatesMigration } from '../catalog/migration';
import { stackTemplateHistoryMigration } from '../catalog/upgrade-migration';
import { catalogSourcesMigration } from '../catalog/sources/migration';
import { healthMigration } from '../health/migration';
import { registriesMigration } from '../registries/migration';
import { stacksMigration, stackVersionFolderMigration } from '../stacks/migration';
import { swarmStacksMigration } from '../swarm/stack-migration';

/**
 * Migrations live in code (not files on disk) so the Next bundle, the custom server and tests all carry them.
 * Only portable column types are used; append new migrations, never edit old ones.
 */
const migrations: Record<string, Migration> = {
  '0001_hosts': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('hosts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('secrets', 'text')
        .addColumn('info', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_seen_at', 'text')
        .addColumn('last_checked_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('meta').execute();
      await db.schema.dropTable('hosts').execute();
    },
  },
  '0002_auth': authMigration,
  '0003_registries': registriesMigration,
  '0004_stacks': stacksMigration,
  '0005_health': healthMigration,
  '0006_stack_version_folder': stackVersionFolderMigration,
  '0007_stack_templates': stackTemplatesMigration,
  '0008_stack_template_history': stackTemplateHistoryMigration,
  '0009_catalog_sources': catalogSourcesMigration,
  '0010_alerts': alertsMigration,
  '0011_alert_channels': alertChannelsMigration,
  '0012_swarm_stacks': swarmStacksMigration,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'berth_migrations', migrationLockTableName: 'berth_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? error}`);
  }
}
