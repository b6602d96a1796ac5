import type { Locale } from '$lib/paraglide/runtime';
import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			locale: Locale;
			/** The signed-in customer, or null. */
			user: SessionUser | null;
			/** Set by handleError when the database could not serve the request: it answers 503. */
			unavailable?: boolean;
		}
	}
}

export {};
