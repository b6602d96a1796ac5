import { m } from '$lib/paraglide/messages';
import { importStatusLabel, runDuration } from '$lib/domain/import-run';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { requireStaff } from '$lib/server/staff/guard';
import { listImportRuns } from '$lib/server/staff/imports';
import type { RequestHandler } from './$types';

/** The import runs as the page lists them, for a spreadsheet. */
export const GET: RequestHandler = async () => {
	await requireStaff('admin');
	const { db, locale, today } = requestContext();
	const runs = await listImportRuns(db);
	return csvDownload(
		'imports',
		[
			[
				m.staff_col_id(),
				m.staff_import_started(),
				m.staff_filter_state(),
				m.staff_import_as_of(),
				m.staff_import_source(),
				'added',
				'updated',
				'unchanged',
				m.staff_import_rows(),
				m.staff_import_duration(),
				m.staff_import_problems()
			],
			...runs.map((run) => [
				String(run.id),
				run.started_at,
				importStatusLabel(run.status, locale),
				run.as_of,
				run.source,
				String(run.customers_added),
				String(run.customers_updated),
				String(run.customers_unchanged),
				String(run.rows_written),
				runDuration(run),
				String(run.problem_count)
			])
		],
		today
	);
};
