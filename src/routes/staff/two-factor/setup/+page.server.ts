import { fail, redirect } from '@sveltejs/kit';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import QRCode from 'qrcode';
import { m } from '$lib/paraglide/messages';
import { throttledFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { requirePasswordStep, staffNextPath } from '$lib/server/staff/guard';
import { encodeSetupKey, setUpTwoFactor } from '$lib/server/staff/sign-in';
import { keyUri, newTotpKey } from '$lib/server/staff/totp';
import type { Actions, PageServerLoad } from './$types';

/**
 * Setting up the authenticator, as Lucia's example does: a new key on every visit, shown as a
 * QR code and as text to type, carried by the form until a code from the app proves it.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const next = staffNextPath(url.searchParams.get('next'));
	// Just set up: the page shows the recovery codes the action gave, once.
	if (locals.staff?.twoFactorVerified) return { setup: null, next };
	const staff = requirePasswordStep();
	if (staff.hasTwoFactor) redirect(303, `/staff/two-factor${url.search}`);
	const key = newTotpKey();
	return {
		setup: {
			key: encodeSetupKey(key),
			// In groups of four, as apps ask for it to be typed.
			typed: encodeBase32UpperCaseNoPadding(key).match(/.{4}/g)!.join(' '),
			qrSvg: await QRCode.toString(keyUri(staff.email, key), {
				type: 'svg',
				errorCorrectionLevel: 'M',
				margin: 2
			})
		},
		next
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requirePasswordStep();
		const form = await readForm(event.request);
		const outcome = await setUpTwoFactor(requestContext(), staff, {
			key: form ? field(form, 'key') : '',
			code: form ? field(form, 'code') : ''
		});
		if ('recoveryCodes' in outcome) return { recoveryCodes: outcome.recoveryCodes };
		if (outcome.refused === 'already') redirect(303, '/staff/two-factor');
		return outcome.refused === 'throttled'
			? throttledFailure(event, Math.ceil(outcome.waitMs / 1000))
			: fail(400, { message: m.staff_code_wrong() });
	}
};
