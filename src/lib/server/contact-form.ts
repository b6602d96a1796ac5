/**
 * The contact question a report and an order both ask: prefilled from the contract, checked
 * as typed, each field's problem named.
 */
import { m } from '$lib/paraglide/messages';
import { checkEmail, checkPhone } from '$lib/validators';
import type { SessionUser } from './auth/session';
import { getCustomerProfile } from './customer';
import { field } from './forms';
import { cleanText, NAME_MAX, type Contact } from './report-draft';
import { requestContext } from './request-context';

/** The contract's details; the login's e-mail until the contract has one. */
export async function contactDefaults(user: SessionUser): Promise<Contact> {
	const profile = await getCustomerProfile(requestContext().db, user.customer.id);
	return {
		name: profile?.name ?? '',
		phone: profile?.phone ?? null,
		email: profile?.email ?? user.account?.email ?? null
	};
}

export type ContactForm =
	| { ok: true; contact: Contact }
	| {
			ok: false;
			typed: { name: string; phone: string; email: string };
			errors: Partial<Record<'name' | 'phone' | 'email' | 'contact', string>>;
	  };

export function readContactForm(form: FormData): ContactForm {
	const typed = {
		name: field(form, 'name'),
		phone: field(form, 'phone').trim(),
		email: field(form, 'email').trim()
	};
	const name = cleanText(typed.name, NAME_MAX);
	const phone = typed.phone ? checkPhone(typed.phone) : null;
	const email = typed.email ? checkEmail(typed.email) : null;
	if (name && (!phone || phone.ok) && (!email || email.ok) && (phone || email))
		return {
			ok: true,
			contact: {
				name,
				phone: phone?.ok ? phone.value : null,
				email: email?.ok ? email.value : null
			}
		};
	return {
		ok: false,
		typed,
		errors: {
			name: name ? undefined : m.report_name_required({ max: NAME_MAX }),
			phone: phone && !phone.ok ? m.error_phone() : undefined,
			email: email && !email.ok ? m.error_email() : undefined,
			contact: !phone && !email ? m.report_contact_required() : undefined
		}
	};
}
