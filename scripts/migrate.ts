/** npm run migrate: applies pending migrations to the database (DATABASE_URL, else DATABASE_PATH). */
import { openDatabase } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { databaseLocation, describeDatabase } from '../src/lib/server/config';
import { readCommand } from './cli';

readCommand({
	usage: 'npm run migrate',
	about: 'Applies pending migrations to the database (DATABASE_URL, else DATABASE_PATH).'
});

const db = openDatabase(databaseLocation());
const result = await migrateToLatest(db);
const applied =
	result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
console.log(
	applied.length > 0
		? `Applied: ${applied.join(', ')}`
		: `${describeDatabase(databaseLocation())} is up to date.`
);
await db.destroy();
