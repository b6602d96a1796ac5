import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { throttledFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { requirePasswordStep, staffNextPath } from '$lib/server/staff/guard';
import { useRecoveryCode } from '$lib/server/staff/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	requirePasswordStep();
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requirePasswordStep();
		const form = await readForm(event.request);
		const outcome = await useRecoveryCode(requestContext(), staff, form ? field(form, 'code') : '');
		if (outcome === 'verified') redirect(303, staffNextPath(event.url.searchParams.get('next')));
		return outcome.refused === 'throttled'
			? throttledFailure(event, Math.ceil(outcome.waitMs / 1000))
			: fail(400, { message: m.staff_recovery_wrong() });
	}
};
