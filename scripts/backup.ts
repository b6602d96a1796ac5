/**
 * npm run backup -- FOLDER: copies the SQLite database (both its files) into FOLDER while the
 * portal runs; see docs/operations.md, Backups. PostgreSQL has pg_dump.
 */
import { databaseLimits, databaseLocation, isPostgresLocation } from '../src/lib/server/config';
import { backupSqlite } from '../src/lib/server/backup';
import { openDatabase } from '../src/lib/server/db/index';
import { exitOnFailure, readCommand } from './cli';

const {
	positionals: [folder]
} = readCommand({
	usage: 'npm run backup -- FOLDER',
	about:
		'Copies the SQLite database, both its files, into FOLDER while the portal runs (docs/operations.md, Backups).',
	positionals: { min: 1, max: 1 }
});
const location = databaseLocation();
if (isPostgresLocation(location)) {
	console.error(
		'The database is PostgreSQL: back it up with pg_dump (docs/operations.md, Backups).'
	);
	process.exit(2);
}
await exitOnFailure(async () => {
	// Not migrated first: a backup taken before a deployment keeps the schema it had.
	const db = openDatabase(location, undefined, databaseLimits('batch'));
	const result = await backupSqlite(db, location, folder!);
	await db.destroy();
	if ('held' in result) {
		console.error(
			`Not now: an import has been running since ${result.held.acquiredAt} (${result.held.holder}); try again when it has finished.`
		);
		process.exit(1);
	}
	console.log(`Backed up to ${result.files.join(' and ')}.`);
});
