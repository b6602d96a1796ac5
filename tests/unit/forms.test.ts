import { describe, expect, it } from 'vitest';
import { checkNewPassword } from '../../src/lib/server/auth/password';
import { field, passwordField, readForm } from '../../src/lib/server/forms';
import { checkEmail } from '../../src/lib/validators';

/** A form as a browser posts it, read the way the actions read it. */
async function postedForm(fields: Record<string, string>): Promise<FormData> {
	const form = await readForm(
		new Request('http://localhost/', { method: 'POST', body: new URLSearchParams(fields) })
	);
	if (!form) throw new Error('not a form');
	return form;
}

describe('the form boundary (issue 13.5)', () => {
	it('never cuts a password: 200 emoji are kept whole, and 300 are refused by the length rule', async () => {
		const form = await postedForm({ password: '😀'.repeat(200), long: '😀'.repeat(300) });
		const password = passwordField(form, 'password');
		expect(password).toBe('😀'.repeat(200));
		expect(checkNewPassword(password)).toBeNull();
		const long = passwordField(form, 'long');
		expect(long).toBe('😀'.repeat(300));
		expect(checkNewPassword(long)).toBe('too_long');
	});

	it('never cuts a field: a value over its rule is refused by the rule, not shortened into a valid one', async () => {
		const address = `${'a'.repeat(400)}@example.lv`;
		const form = await postedForm({ email: address });
		expect(field(form, 'email')).toBe(address);
		expect(checkEmail(field(form, 'email')).ok).toBe(false);
	});
});
