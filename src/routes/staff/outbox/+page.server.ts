import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { field, readForm } from '$lib/server/forms';
import { readOutboxStatus, reportOutbox, resendFailedMail } from '$lib/server/mail/outbox';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import type { Actions, PageServerLoad } from './$types';

/** The mail outbox for an admin: the counts, and the newest messages of a state, failed first. */
export const load: PageServerLoad = async ({ url }) => {
	await requireStaff('admin');
	const status = readOutboxStatus(url.searchParams);
	if (!status) error(400, m.staff_filter_bad());
	const { db, locale } = requestContext();
	return { status, locale, ...(await reportOutbox(db, { status, limit: 200 })) };
};

export const actions: Actions = {
	/** A failed message back in the queue; the mailer sends it on its next pass. */
	resend: async ({ request }) => {
		const staff = await requireStaff('admin');
		const ctx = requestContext();
		const form = await readForm(request);
		const id = form ? field(form, 'id') : '';
		if (!/^\d{1,12}$/.test(id) || !(await resendFailedMail(ctx.db, Number(id), ctx.now)))
			return fail(409, { message: m.staff_outbox_not_failed() });
		await recordAudit(ctx, {
			event: 'staff_resend',
			outcome: 'success',
			staffId: staff.id,
			detail: { message: Number(id) }
		});
		return { resent: Number(id) };
	}
};
