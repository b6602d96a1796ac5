import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { requireStaff } from '$lib/server/staff/guard';
import { getImportRun } from '$lib/server/staff/imports';
import type { RequestHandler } from './$types';

/** A run's problems as its page lists them, for a spreadsheet or the billing system's people. */
export const GET: RequestHandler = async ({ params }) => {
	await requireStaff('admin');
	const { db, today } = requestContext();
	const run = /^\d{1,12}$/.test(params.id) ? await getImportRun(db, Number(params.id)) : null;
	if (!run) error(404, m.staff_import_unknown());
	return csvDownload(
		`import-${run.id}-problems`,
		[
			[
				m.staff_import_file(),
				m.staff_import_row(),
				m.staff_import_field(),
				m.staff_import_reason()
			],
			...run.problems.map((p) => [p.file, String(p.row), p.field, p.reason])
		],
		today
	);
};
