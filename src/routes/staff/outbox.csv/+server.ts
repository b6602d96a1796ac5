import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { readOutboxStatus, reportOutbox } from '$lib/server/mail/outbox';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { requireStaff } from '$lib/server/staff/guard';
import type { RequestHandler } from './$types';

/** The outbox's messages of one state, up to the newest 10 000, for a spreadsheet. */
export const GET: RequestHandler = async ({ url }) => {
	await requireStaff('admin');
	const status = readOutboxStatus(url.searchParams);
	if (!status) error(400, m.staff_filter_bad());
	const { db, today } = requestContext();
	const { messages } = await reportOutbox(db, { status, limit: 10_000 });
	return csvDownload(
		`outbox-${status}`,
		[
			[
				'id',
				'status',
				'to',
				'subject',
				'attempts',
				'created_at',
				'sent_at',
				'next_attempt_at',
				'last_error'
			],
			...messages.map((row) => [
				String(row.id),
				row.status,
				row.to,
				row.subject,
				String(row.attempts),
				row.createdAt,
				row.sentAt,
				row.nextAttemptAt,
				row.lastError
			])
		],
		today
	);
};
