import { error, fail } from '@sveltejs/kit';
import { parseDay } from '$lib/dates';
import { refusalText } from '$lib/domain/request-view';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import {
	answeredBefore,
	containerOf,
	keepAnswers,
	loadCustomerOrderData
} from '$lib/server/order-pages';
import { extraChoices } from '$lib/server/orders';
import type { Actions, PageServerLoad } from './$types';

/** An extra emptying of a container, on one of the days the catalogue offers. */
export const load: PageServerLoad = async ({ url, cookies, locals }) => {
	const user = requireUser();
	const containerCode = containerOf(url);
	const data = await loadCustomerOrderData(user);
	const container = data.containers.find((c) => c.code === containerCode);
	if (!container) error(404, m.error_not_found());
	const choices = extraChoices(data, containerCode);
	const before = answeredBefore(cookies, user);
	return {
		container,
		choices: choices.ok ? choices : null,
		refusal: choices.ok ? null : refusalText(choices.refusal, locals.locale),
		chosen: before?.kind === 'extra' && before.containerCode === containerCode ? before.date : null
	};
};

export const actions: Actions = {
	default: async ({ request, url, cookies, locals }) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const containerCode = containerOf(url);
		const form = await readForm(request);
		if (!form) return fail(400, { message: m.error_form() });
		const date = parseDay(field(form, 'date'));
		if (!date) return fail(400, { message: m.order_day_required() });
		return keepAnswers(
			{ cookies, url },
			user,
			{ kind: 'extra', containerCode, date },
			locals.locale
		);
	}
};
