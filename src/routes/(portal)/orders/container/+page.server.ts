import { error, fail } from '@sveltejs/kit';
import { refusalText } from '$lib/domain/request-view';
import type { OrderAnswers } from '$lib/domain/order';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import {
	answeredBefore,
	containerOf,
	keepAnswers,
	loadCustomerOrderData,
	readSize,
	sizeValue
} from '$lib/server/order-pages';
import { changeChoices } from '$lib/server/orders';
import type { Actions, PageServerLoad } from './$types';

/** A container's new size or frequency, its removal, or a damaged or lost one replaced. */
export const load: PageServerLoad = async ({ url, cookies, locals }) => {
	const user = requireUser();
	const containerCode = containerOf(url);
	const data = await loadCustomerOrderData(user);
	const container = data.containers.find((c) => c.code === containerCode);
	if (!container) error(404, m.error_not_found());
	const choices = changeChoices(data, containerCode);
	const before = answeredBefore(cookies, user);
	const same =
		before?.kind === 'container_change' &&
		before.change !== 'add' &&
		before.containerCode === containerCode
			? before
			: null;
	return {
		container,
		choices: choices.ok
			? { ...choices, sizes: choices.sizes.map((size) => ({ ...size, value: sizeValue(size) })) }
			: null,
		refusal: choices.ok ? null : refusalText(choices.refusal, locals.locale),
		chosen: same ? (same.change === 'resize' ? sizeValue(same) : same.change) : null
	};
};

export const actions: Actions = {
	default: async ({ request, url, cookies, locals }) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const containerCode = containerOf(url);
		const form = await readForm(request);
		if (!form) return fail(400, { message: m.error_form() });
		const choice = field(form, 'change');
		const size = readSize(choice);
		let answers: OrderAnswers;
		if (size) answers = { kind: 'container_change', change: 'resize', containerCode, ...size };
		else if (choice === 'remove' || choice === 'damaged' || choice === 'lost')
			answers = { kind: 'container_change', change: choice, containerCode };
		else return fail(400, { message: m.order_change_required() });
		return keepAnswers({ cookies, url }, user, answers, locals.locale);
	}
};
