import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import {
	countNoticeMails,
	countNoticeReach,
	getStaffNotice,
	withdrawNotice
} from '$lib/server/staff/notices';
import type { Actions, PageServerLoad } from './$types';

/** A notice with how many customers it concerns and how many e-mails went out for it. */
export const load: PageServerLoad = async ({ params, url }) => {
	await requireStaff('admin');
	const { db, locale, now, today } = requestContext();
	const listed = await getStaffNotice(db, params.id, { now, today });
	if (!listed) error(404, m.staff_notice_unknown());
	const [reach, mails] = await Promise.all([
		countNoticeReach(db, listed.notice),
		countNoticeMails(db, listed.notice.id)
	]);
	return {
		locale,
		listed,
		reach,
		mails,
		just: url.searchParams.has('scheduled')
			? 'scheduled'
			: url.searchParams.has('published')
				? 'published'
				: null
	};
};

export const actions: Actions = {
	withdraw: async ({ params }) => {
		const staff = await requireStaff('admin');
		if (!(await withdrawNotice(requestContext(), staff.id, params.id)))
			return fail(409, { message: m.staff_notice_not_withdrawable() });
		return { withdrawn: true };
	}
};
