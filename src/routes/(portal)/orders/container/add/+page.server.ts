import { fail } from '@sveltejs/kit';
import { isFraction } from '$lib/calendar';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import {
	answeredBefore,
	keepAnswers,
	loadCustomerOrderData,
	readSize,
	sizeValue
} from '$lib/server/order-pages';
import { addChoices } from '$lib/server/orders';
import type { Actions, PageServerLoad } from './$types';

/**
 * A choice's value: the address's place in the list, the fraction, the size and frequency
 * (an address may hold any sign, so it is not written into the form).
 */
const choiceValue = (
	address: number,
	fraction: string,
	size: { volumeLitres: number; frequency: string }
) => `${address}|${fraction}|${sizeValue(size)}`;

/** A sorted-waste or bio container added at one of the customer's addresses. */
export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const choices = addChoices(await loadCustomerOrderData(user));
	const before = answeredBefore(cookies, user);
	const index = choices.addresses.findIndex(
		(a) =>
			before?.kind === 'container_change' && before.change === 'add' && a.address === before.address
	);
	return {
		start: choices.start,
		cutoff: choices.cutoff,
		addresses: choices.addresses.map((address, a) => ({
			...address,
			fractions: address.fractions.map((fraction) => ({
				...fraction,
				sizes: fraction.sizes.map((size) => ({
					...size,
					value: choiceValue(a, fraction.fraction, size)
				}))
			}))
		})),
		chosen:
			before?.kind === 'container_change' && before.change === 'add' && index >= 0
				? choiceValue(index, before.fraction, before)
				: null
	};
};

export const actions: Actions = {
	default: async ({ request, url, cookies, locals }) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const form = await readForm(request);
		if (!form) return fail(400, { message: m.error_form() });
		const [index, fraction, ...rest] = field(form, 'container').split('|');
		const size = readSize(rest.join('|'));
		const data = await loadCustomerOrderData(user);
		const address = addChoices(data).addresses[Number(index)]?.address;
		if (!size || !address || !fraction || !isFraction(fraction) || !/^\d+$/.test(index ?? ''))
			return fail(400, { message: m.order_add_required() });
		return keepAnswers(
			{ cookies, url },
			user,
			{ kind: 'container_change', change: 'add', address, fraction, ...size },
			locals.locale,
			data
		);
	}
};
