/** What the command-line scripts share: argument reading and the database they work on. */
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { databaseLimits, databaseLocation } from '../src/lib/server/config';
import { describeDatabaseError } from '../src/lib/server/health';

interface CommandSpec<O extends Record<string, string>> {
	/** How it is called, e.g. "npm run import -- PATH". */
	usage: string;
	/** What it does, a line or two; --help prints it. */
	about: string;
	/** Each option's name and what it takes, e.g. { limit: 'N, the newest N messages (50)' }. */
	options?: O;
	/** How many positional arguments it takes. */
	positionals?: { min: number; max: number };
}

/**
 * The command's arguments through node:util's parseArgs: --help prints the usage and exits,
 * an unknown option or the wrong number of arguments says so with the usage and exits 2.
 */
export function readCommand<O extends Record<string, string> = Record<never, string>>(
	spec: CommandSpec<O>
): { options: Partial<Record<keyof O, string>>; positionals: string[] } {
	const width = Math.max(4, ...Object.keys(spec.options ?? {}).map((name) => name.length));
	const help = [
		`Usage: ${spec.usage}`,
		'',
		spec.about,
		'',
		'Options:',
		...[...Object.entries(spec.options ?? {}), ['help', 'this text'] as const].map(
			([name, what]) => `  --${name.padEnd(width)}  ${what}`
		)
	].join('\n');
	const refuse = (reason: string): never => {
		// Exit code 2, as for any misuse of a command.
		console.error(`${reason}\n\n${help}`);
		process.exit(2);
	};
	const options = Object.fromEntries(
		Object.keys(spec.options ?? {}).map((name) => [name, { type: 'string' as const }])
	);
	let parsed;
	try {
		parsed = parseArgs({
			args: process.argv.slice(2),
			options: { ...options, help: { type: 'boolean' } },
			allowPositionals: true,
			strict: true
		});
	} catch (error) {
		return refuse(error instanceof Error ? error.message : String(error));
	}
	if (parsed.values.help) {
		console.log(help);
		process.exit(0);
	}
	const { min, max } = spec.positionals ?? { min: 0, max: 0 };
	const count = parsed.positionals.length;
	if (count < min || count > max)
		refuse(
			`Takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${count}${count ? `: ${parsed.positionals.join(' ')}` : ''}.`
		);
	const values: Record<string, unknown> = parsed.values;
	const chosen: Partial<Record<keyof O, string>> = {};
	for (const name of Object.keys(options) as (keyof O & string)[]) {
		const value = values[name];
		if (typeof value === 'string') chosen[name] = value;
	}
	return { options: chosen, positionals: parsed.positionals };
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
