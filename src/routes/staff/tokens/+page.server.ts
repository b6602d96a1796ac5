import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { field, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { addStaffToken, listStaffTokens, revokeStaffToken } from '$lib/server/staff-token';
import type { Actions, PageServerLoad } from './$types';

/** The staff API's tokens for the company's systems, as `npm run tokens` keeps them. */
export const load: PageServerLoad = async () => {
	await requireStaff('admin');
	const { db, locale } = requestContext();
	return { tokens: await listStaffTokens(db), locale };
};

/** The form's token name, as typed. */
async function nameOf(request: Request): Promise<string> {
	const form = await readForm(request);
	return form ? field(form, 'name').trim() : '';
}

export const actions: Actions = {
	/** A new token, shown in this answer only (signed-in answers are never stored: hooks). */
	add: async ({ request }) => {
		const staff = await requireStaff('admin');
		const ctx = requestContext();
		const name = await nameOf(request);
		const made = await addStaffToken(ctx.db, name, ctx.now);
		if ('refused' in made)
			return fail(400, {
				name,
				message: made.refused === 'taken' ? m.staff_token_taken() : m.staff_token_bad_name()
			});
		await recordAudit(ctx, {
			event: 'staff_token',
			outcome: 'success',
			staffId: staff.id,
			detail: { action: 'add', name }
		});
		return { made: { name, token: made.token } };
	},
	revoke: async ({ request }) => {
		const staff = await requireStaff('admin');
		const ctx = requestContext();
		const name = await nameOf(request);
		if (!(await revokeStaffToken(ctx.db, name, ctx.now)))
			return fail(409, { name: '', message: m.staff_token_not_in_use() });
		await recordAudit(ctx, {
			event: 'staff_token',
			outcome: 'success',
			staffId: staff.id,
			detail: { action: 'revoke', name }
		});
		return { revoked: name };
	}
};
