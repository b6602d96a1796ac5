import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { setSessionCookie } from '$lib/server/auth/session';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { auditLookup, startCustomerView } from '$lib/server/staff/customer-lookup';
import { getStaffCustomer } from '$lib/server/staff/queue';
import type { Actions, PageServerLoad } from './$types';

const customerId = (id: string) => (/^\d{1,12}$/.test(id) ? Number(id) : null);

export const load: PageServerLoad = async ({ params }) => {
	const staff = await requireStaff();
	const ctx = requestContext();
	const id = customerId(params.id);
	const customer = id === null ? null : await getStaffCustomer(ctx.db, id);
	if (!customer) error(404, m.staff_customer_unknown());
	await auditLookup(ctx, staff, { customer: customer.id });
	return { customer, locale: ctx.locale };
};

export const actions: Actions = {
	/** "Skatīt kā klients": a view-only customer session in this browser, then the portal. */
	view: async (event) => {
		const staff = await requireStaff();
		const id = customerId(event.params.id);
		const view = id === null ? null : await startCustomerView(requestContext(), staff, id);
		if (!view) error(404, m.staff_customer_unknown());
		setSessionCookie(event, view.token, view.expiresAt);
		redirect(303, '/portal');
	}
};
