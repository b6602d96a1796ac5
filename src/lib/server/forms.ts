/**
 * Reading form fields at the boundary: always strings, never `as string`, and never cut. A
 * value is checked as it was sent, so a value over its rule's length is refused with that
 * rule's message (checkEmail, the password rule, …) instead of being shortened into a valid
 * one. The request body's limit (BODY_SIZE_LIMIT, body-limit.ts) bounds them all.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

export function field(form: FormData, name: string): string {
	const value = form.get(name);
	// No keyboard types a NUL character, and PostgreSQL text cannot hold one.
	return typeof value === 'string' ? value.replaceAll('\0', '') : '';
}

/** A password exactly as typed: not trimmed, not cut; the length rule reports one too long. */
export function passwordField(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/**
 * The form of a request, or null when the body is not a form (then the action answers 400).
 * A body over BODY_SIZE_LIMIT stays a 413.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (cause) {
		if ((cause as { status?: number }).status === 413) error(413, m.error_too_large());
		return null;
	}
}
