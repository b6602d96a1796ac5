import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { FRACTIONS } from '$lib/calendar';
import { readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { publishNotice, readNoticeForm } from '$lib/server/staff/notices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	await requireStaff('admin');
	const { locale, today } = requestContext();
	return { locale, today, fractions: FRACTIONS };
};

/** The form read and checked, or the answer that refuses it with the form as typed. */
async function readNotice(request: Request) {
	const form = await readForm(request);
	if (!form) return { refusal: fail(400, { message: m.staff_filter_bad(), echo: null }) };
	const ctx = requestContext();
	const reading = await readNoticeForm(ctx.db, form, ctx);
	if (!reading.ok) return { refusal: fail(400, { message: reading.message, echo: reading.echo }) };
	return { reading };
}

export const actions: Actions = {
	/** The notice as customers would see it in each language; nothing is stored. */
	preview: async ({ request }) => {
		await requireStaff('admin');
		const { refusal, reading } = await readNotice(request);
		if (refusal) return refusal;
		return { echo: reading.echo, preview: { ...reading.draft.notice, id: 'preview' } };
	},
	publish: async ({ request }) => {
		const staff = await requireStaff('admin');
		const { refusal, reading } = await readNotice(request);
		if (refusal) return refusal;
		const id = await publishNotice(requestContext(), staff.id, reading.draft);
		redirect(
			303,
			`/staff/notices/${encodeURIComponent(id)}?${reading.draft.publishAt ? 'scheduled' : 'published'}`
		);
	}
};
