import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { throttledFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { requirePasswordStep, secondStep, staffNextPath } from '$lib/server/staff/guard';
import { verifyTwoFactor } from '$lib/server/staff/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const staff = requirePasswordStep();
	if (!staff.hasTwoFactor)
		redirect(303, secondStep(staff, staffNextPath(url.searchParams.get('next'))));
	return { next: staffNextPath(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requirePasswordStep();
		const form = await readForm(event.request);
		const outcome = await verifyTwoFactor(requestContext(), staff, form ? field(form, 'code') : '');
		if (outcome === 'verified') redirect(303, staffNextPath(event.url.searchParams.get('next')));
		return outcome.refused === 'throttled'
			? throttledFailure(event, Math.ceil(outcome.waitMs / 1000))
			: fail(400, { message: m.staff_code_wrong() });
	}
};
