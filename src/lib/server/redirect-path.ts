/**
 * Where a form may send the browser back to: a path on this site and nothing else. Printable
 * ASCII only, since a control character makes a header Node refuses to send (a 500), and a
 * tab or backslash that browsers drop or turn into `/` makes `/\t/evil.example` a path to
 * another host; never `//`, which is scheme-relative.
 */
export function sameSitePath(value: unknown): string | null {
	if (typeof value !== 'string' || !/^\/(?![/\\])[!-[\]-~]*$/.test(value)) return null;
	const base = 'http://site.invalid';
	return new URL(value, base).origin === base ? value : null;
}
