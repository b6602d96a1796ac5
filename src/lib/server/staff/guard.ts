/**
 * The one guard of every staff load, action and endpoint (as auth/guard.ts is the customers'):
 * signed in with both factors, and in the role the page asks for. A clerk asking for an admin
 * page gets 403, and the attempt is audited.
 */
import { getRequestEvent } from '$app/server';
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '../audit';
import type { StaffRole } from '../db/schema';
import { requestContext } from '../request-context';
import { sameSitePath } from '../redirect-path';
import { isStaffPath, type StaffUser } from './session';

export async function requireStaff(role: StaffRole = 'clerk'): Promise<StaffUser> {
	const { locals, url } = getRequestEvent();
	const staff = locals.staff;
	if (!staff) redirect(303, `/staff/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (!staff.twoFactorVerified) redirect(303, secondStep(staff, url.pathname + url.search));
	if (role === 'admin' && staff.role !== 'admin') {
		await recordAudit(requestContext(), {
			event: 'staff_forbidden',
			outcome: 'refused',
			staffId: staff.id,
			detail: { path: url.pathname }
		});
		error(403, m.staff_forbidden());
	}
	return staff;
}

/** The page of the second step, keeping where the member was going. */
export const secondStep = (staff: StaffUser, next: string) =>
	`${staff.hasTwoFactor ? '/staff/two-factor' : '/staff/two-factor/setup'}?next=${encodeURIComponent(next)}`;

/** The half-signed-in member of the second-factor pages: past the password, not yet the code. */
export function requirePasswordStep(): StaffUser {
	const { locals } = getRequestEvent();
	if (!locals.staff) redirect(303, '/staff/login');
	if (locals.staff.twoFactorVerified) redirect(303, '/staff');
	return locals.staff;
}

/** Where a sign-in step goes on to: a console path the address asked for, else the queue. */
export function staffNextPath(value: string | null): string {
	const path = sameSitePath(value);
	return path && isStaffPath(new URL(path, 'http://site.invalid').pathname) ? path : '/staff';
}
