import { building } from '$app/environment';
import { loadPublished } from '$lib/server/published';
import { mailboxPageEnabled } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	return {
		locale: locals.locale,
		// The offline page is prerendered at build time, with no database and nobody signed in.
		company: building ? null : (await loadPublished()).company,
		mailbox: mailboxPageEnabled(),
		signedIn: locals.user !== null,
		staffView: locals.user?.staffView != null,
		customerKind: locals.user?.customer.kind ?? null
	};
};
