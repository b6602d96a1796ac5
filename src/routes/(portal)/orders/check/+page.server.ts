import { fail, redirect } from '@sveltejs/kit';
import { quoteAsRequest } from '$lib/domain/order';
import { refusalText, requestFacts } from '$lib/domain/request-view';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { requesterOf } from '$lib/server/customer-request';
import { readForm } from '$lib/server/forms';
import { answersPage, clearOrderDraft, requireOrderDraft } from '$lib/server/order-draft';
import { loadCustomerOrderData } from '$lib/server/order-pages';
import { placeOrder, quoteOrder } from '$lib/server/orders';
import { requestContext } from '$lib/server/request-context';
import type { Actions, PageServerLoad } from './$types';

/** The order as the portal would take it, its prices and cut-off; recorded only here. */
export const load: PageServerLoad = async ({ cookies, locals }) => {
	const user = requireUser();
	const draft = requireOrderDraft(cookies, user.customer.id, 'contact');
	const quoted = quoteOrder(await loadCustomerOrderData(user), draft.answers);
	return {
		contact: draft.contact!,
		change: answersPage(draft.answers),
		facts: quoted.ok ? requestFacts(quoteAsRequest(quoted.quote), locals.locale) : null,
		cutoff: quoted.ok ? quoted.quote.cutoff : null,
		monthly: draft.answers.kind === 'container_change',
		refusal: quoted.ok ? null : refusalText(quoted.refusal, locals.locale)
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const draft = requireOrderDraft(cookies, user.customer.id, 'contact');
		if (!(await readForm(request))) return fail(400, { message: m.error_form() });
		const { db, now, origin } = requestContext();
		const outcome = await placeOrder(
			{ db, now, origin },
			{ ...requesterOf(user, locals.locale), contractNumber: user.customer.contractNumber },
			draft.answers,
			draft.contact!
		);
		if ('refused' in outcome)
			return fail(409, { message: refusalText(outcome.refused, locals.locale) });
		clearOrderDraft(cookies, url);
		redirect(303, `/requests/${outcome.reference}?sent`);
	}
};
