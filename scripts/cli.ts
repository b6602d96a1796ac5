/** What the command-line scripts share: argument reading and the database they work on. */
import { openDatabase, type Db } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { databaseLimits, databaseLocation } from '../src/lib/server/config';
import { describeDatabaseError } from '../src/lib/server/health';

/** The value after `--name`, or the fallback. */
export function option(name: string, fallback?: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

/** Arguments that are not options or their values. */
export function positional(): string[] {
	const args = process.argv.slice(2);
	return args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
}

/**
 * Opens the database (DATABASE_URL, else DATABASE_PATH) with the batch work's longer limits
 * and brings it to the latest migration.
 */
export async function openMigrated(): Promise<Db> {
	const db = openDatabase(databaseLocation(), undefined, databaseLimits('batch'));
	await migrateToLatest(db);
	return db;
}

/**
 * Runs a command's work; whatever the database does (refuses, restarts, goes away), the
 * operator gets one line saying what failed and exit code 1, never a stack trace.
 */
export async function exitOnFailure(work: () => Promise<void>): Promise<void> {
	try {
		await work();
	} catch (error) {
		const reason = describeDatabaseError(error);
		console.error(
			`Failed: ${error instanceof Error ? error.message : String(error)}${reason === 'failing' ? '' : ` (database ${reason})`}`
		);
		process.exit(1);
	}
}
