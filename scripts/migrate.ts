/** npm run migrate: applies pending migrations to DATABASE_PATH. */
import { openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { databasePath } from '../src/lib/server/config';

const db = openDatabase(databasePath());
const result = await migrateToLatest(db);
const applied =
	result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
console.log(
	applied.length > 0 ? `Applied: ${applied.join(', ')}` : `${databasePath()} is up to date.`
);
await db.destroy();
