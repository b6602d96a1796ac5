import type { LayoutServerLoad } from './$types';

/** Who is signed in, for the console's bar; each page guards itself (staff/guard.ts). */
export const load: LayoutServerLoad = ({ locals }) => ({
	staff:
		locals.staff?.twoFactorVerified === true
			? { email: locals.staff.email, role: locals.staff.role }
			: null
});
