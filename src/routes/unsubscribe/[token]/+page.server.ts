import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { findReminderByToken, unsubscribeReminders } from '$lib/server/reminders';
import { requestContext } from '$lib/server/request-context';
import type { Actions, PageServerLoad } from './$types';

/**
 * The unsubscribe link in a reminder. Opening it changes nothing — mail scanners open links —
 * the button does; mail programs post to /one-click instead (RFC 8058).
 */
export const load: PageServerLoad = async ({ params }) => {
	const reminder = await findReminderByToken(requestContext().db, params.token);
	if (!reminder) error(404, m.unsubscribe_unknown());
	return { contractNumber: reminder.contractNumber, enabled: reminder.enabled };
};

export const actions: Actions = {
	default: async ({ params }) => {
		if (!(await unsubscribeReminders(requestContext().db, params.token)))
			error(404, m.unsubscribe_unknown());
		return { done: true };
	}
};
