import path from 'node:path';
import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { dataDirectory, uploadLimit } from '$lib/server/config';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { receiveUpload, startImport } from '$lib/server/staff/import-upload';
import type { RequestHandler } from './$types';

/**
 * The imports page's form (a plain multipart form, so it works without JavaScript): the export
 * is streamed to a file and imported as `npm run import` does it; the run's page follows it.
 */
export const POST: RequestHandler = async ({ request }) => {
	const staff = await requireStaff('admin');
	const received = await receiveUpload(request, {
		limit: uploadLimit(),
		folder: path.join(dataDirectory(), 'uploads')
	});
	if ('refused' in received) redirect(303, `/staff/imports?refused=${received.refused}`);
	const started = await startImport(received.file);
	await recordAudit(requestContext(), {
		event: 'staff_import_upload',
		outcome: 'runId' in started ? 'success' : 'failure',
		staffId: staff.id,
		detail: {
			file: received.name.slice(0, 200),
			bytes: received.bytes,
			...('runId' in started ? { run: started.runId } : {})
		}
	});
	if ('failed' in started) {
		console.error(`an uploaded export was not imported: ${started.failed}`);
		redirect(303, '/staff/imports?refused=not_started');
	}
	redirect(303, `/staff/imports/${started.runId}`);
};
