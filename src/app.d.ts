import type { Locale } from '$lib/paraglide/runtime';
import type { SessionUser } from '$lib/server/auth/session';
import type { StaffUser } from '$lib/server/staff/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			locale: Locale;
			/** The signed-in customer, or null. */
			user: SessionUser | null;
			/** Under /staff only: the signed-in staff member, or null. */
			staff: StaffUser | null;
			/** Set by handleError when the database could not serve the request: it answers 503. */
			unavailable?: boolean;
		}
	}
}

export {};
