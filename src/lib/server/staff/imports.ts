/**
 * The import runs for the staff console (issue 18, item 7): each run with its export's as-of
 * day, its counts, how long it took, and its problems, each with its file and row.
 */
import type { Problem } from '../import/problems';
import type { Db } from '../db';

/** A run's page shows this many of its problems; the count says how many there were. */
export const PROBLEMS_SHOWN = 50;

const runColumns = [
	'id',
	'started_at',
	'finished_at',
	'source',
	'status',
	'as_of',
	'customers_added',
	'customers_updated',
	'customers_unchanged',
	'rows_written',
	'problem_count',
	'customers_read'
] as const;

/** The newest runs first. */
export async function listImportRuns(db: Db, limit = 100) {
	return db
		.selectFrom('import_run')
		.select(runColumns)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

const isProblem = (value: unknown): value is Problem =>
	typeof value === 'object' &&
	value !== null &&
	'file' in value &&
	typeof value.file === 'string' &&
	'row' in value &&
	typeof value.row === 'number' &&
	'field' in value &&
	typeof value.field === 'string' &&
	'reason' in value &&
	typeof value.reason === 'string';

/** One run with its first problems; null when there is no such run. */
export async function getImportRun(db: Db, id: number) {
	const row = await db
		.selectFrom('import_run')
		.select([...runColumns, 'problems'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const { problems, ...run } = row;
	// Written by the import itself; a value of another shape is left out rather than trusted.
	const parsed: unknown = problems ? JSON.parse(problems) : [];
	return {
		...run,
		problems: (Array.isArray(parsed) ? parsed.filter(isProblem) : []).slice(0, PROBLEMS_SHOWN)
	};
}
