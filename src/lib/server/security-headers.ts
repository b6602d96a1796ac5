/**
 * The headers every response carries, pages and static files alike. Set on the HTTP server
 * (scripts/server.ts), since adapter-node serves static files, the prerendered offline page,
 * the service worker and the manifest before the hooks run.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	// A page's own policy (kit.csp) replaces this one; a prerendered page has its policy in a
	// <meta> tag, where browsers ignore frame-ancestors, so this header is what keeps it unframed.
	'Content-Security-Policy': "frame-ancestors 'none'"
};

export const HSTS = {
	name: 'Strict-Transport-Security',
	value: 'max-age=31536000; includeSubDomains'
};
