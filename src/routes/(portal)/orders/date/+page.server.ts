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
import { dateChoices } from '$lib/server/orders';
import type { Actions, PageServerLoad } from './$types';

/** The emptying an address names: a container code and a day, both checked. */
function emptyingOf(url: URL): { containerCode: string; date: string } {
	const containerCode = containerOf(url);
	const date = parseDay(url.searchParams.get('date'));
	if (!date || date !== url.searchParams.get('date')) error(400, m.error_form());
	return { containerCode, date };
}

/** Skip or move one emptying, chosen from a day of the calendar. */
export const load: PageServerLoad = async ({ url, cookies, locals }) => {
	const user = requireUser();
	const { containerCode, date } = emptyingOf(url);
	const data = await loadCustomerOrderData(user);
	const container = data.containers.find((c) => c.code === containerCode);
	if (!container) error(404, m.error_not_found());
	const choices = dateChoices(data, containerCode, date);
	const before = answeredBefore(cookies, user);
	const same =
		(before?.kind === 'skip' || before?.kind === 'move') &&
		before.containerCode === containerCode &&
		before.date === date
			? before
			: null;
	return {
		container,
		date,
		choices: choices.ok ? choices : null,
		refusal: choices.ok ? null : refusalText(choices.refusal, locals.locale),
		chosen: same ? { kind: same.kind, newDate: same.kind === 'move' ? same.newDate : null } : null
	};
};

export const actions: Actions = {
	default: async ({ request, url, cookies, locals }) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const { containerCode, date } = emptyingOf(url);
		const form = await readForm(request);
		if (!form) return fail(400, { message: m.error_form() });
		const choice = field(form, 'choice');
		const newDate = parseDay(field(form, 'newDate'));
		if (choice === 'skip')
			return keepAnswers(
				{ cookies, url },
				user,
				{ kind: 'skip', containerCode, date },
				locals.locale
			);
		if (choice !== 'move') return fail(400, { message: m.order_choice_required() });
		if (!newDate) return fail(400, { message: m.order_new_date_required() });
		return keepAnswers(
			{ cookies, url },
			user,
			{ kind: 'move', containerCode, date, newDate },
			locals.locale
		);
	}
};
