import { m } from '$lib/paraglide/messages';
import { byteSize } from '$lib/format';
import { uploadLimit } from '$lib/server/config';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { UPLOAD_REFUSALS } from '$lib/server/staff/import-upload';
import { listImportRuns } from '$lib/server/staff/imports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	await requireStaff('admin');
	const { db, locale } = requestContext();
	const limit = byteSize(uploadLimit(), locale);
	// Why the last upload was refused (upload/+server.ts), in the staff member's words.
	const refused = UPLOAD_REFUSALS.find((r) => r === url.searchParams.get('refused'));
	const refusals = {
		no_file: () => m.staff_import_refused_no_file(),
		too_large: () => m.staff_import_refused_too_large({ limit }),
		not_form: () => m.staff_import_refused_not_form(),
		not_started: () => m.staff_import_refused_not_started()
	};
	return {
		runs: await listImportRuns(db),
		locale,
		limit,
		refusal: refused ? refusals[refused]() : null
	};
};
