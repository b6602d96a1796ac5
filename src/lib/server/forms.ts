/** Reading form fields at the boundary: always strings, never `as string`, with a length cap. */
import { error } from '@sveltejs/kit';

export function field(form: FormData, name: string, maxLength = 300): string {
	const value = form.get(name);
	// No form field means a NUL character, and PostgreSQL text cannot hold one.
	return typeof value === 'string' ? value.replaceAll('\0', '').slice(0, maxLength) : '';
}

/** A password as typed: not trimmed; longer than the cap is kept one over, so the length rule reports it. */
export function passwordField(form: FormData, name: string, maxLength: number): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, maxLength + 1) : '';
}

/**
 * The form of a request, or null when the body is not a form (then the action answers 400).
 * A body over BODY_SIZE_LIMIT stays a 413.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (cause) {
		if ((cause as { status?: number }).status === 413) error(413, 'The request is too large.');
		return null;
	}
}
