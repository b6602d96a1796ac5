/**
 * The production server: adapter-node's own (build/index.js, with its settings, graceful stop
 * and socket activation), with the security headers on every response it sends.
 *
 *   node build/server.js [build folder]   (this file, bundled by npm run build: build-server.ts)
 *
 * Production needs ORIGIN (or a proxy's PROTOCOL_HEADER or HOST_HEADER): without one,
 * adapter-node takes every request for https and same-origin posts fail, so it refuses to
 * start. Only `npm start` (ANY_ADDRESS=on, for trying the portal on one's own machine) goes
 * without: each request's origin is then the plain-http address the browser used, whether
 * localhost, 127.0.0.1 or a LAN address.
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requestBodyLimit, uploadLimit } from '../src/lib/server/config';
import { HSTS, SECURITY_HEADERS } from '../src/lib/server/security-headers';

const originKnown = Boolean(
	process.env.ORIGIN || process.env.PROTOCOL_HEADER || process.env.HOST_HEADER
);
/** The request header that says http to adapter-node when the portal runs without ORIGIN. */
const ANY_ADDRESS_PROTOCOL = 'x-klientiem-protocol';
const anyAddress = !originKnown && process.env.ANY_ADDRESS === 'on';
if (!originKnown && !anyAddress) {
	console.error(
		"Set ORIGIN to the portal's public address, e.g. ORIGIN=https://klientiem.example.lv (README, Configuration). To try the portal on this machine, run npm start."
	);
	process.exit(1);
}
// adapter-node reads its settings when build/index.js is loaded, below.
if (anyAddress) process.env.PROTOCOL_HEADER = ANY_ADDRESS_PROTOCOL;
// Request bodies are held to their route's limit by the hooks (src/lib/server/body-limit.ts):
// adapter-node's one limit for all would refuse an uploaded export or let any form be as large.
for (const [name, limit] of [
	['BODY_SIZE_LIMIT', requestBodyLimit()],
	['IMPORT_UPLOAD_LIMIT', uploadLimit()]
] as const)
	if (Number.isNaN(limit)) {
		console.error(
			`${name} is not a size: give bytes, or a number and K, M or G (README, Configuration).`
		);
		process.exit(1);
	}
process.env.REQUEST_BODY_LIMIT = process.env.BODY_SIZE_LIMIT ?? '512K';
process.env.BODY_SIZE_LIMIT = 'Infinity';

// adapter-node's protocol settings: over https (ORIGIN, or the proxy's PROTOCOL_HEADER) HSTS too.
const httpsOrigin = process.env.ORIGIN?.startsWith('https:') ?? false;
const protocolHeader = process.env.PROTOCOL_HEADER?.toLowerCase();

function setSecurityHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
	// This server speaks plain http, whatever a client claims.
	if (anyAddress) request.headers[ANY_ADDRESS_PROTOCOL] = 'http';
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
	if (httpsOrigin || (protocolHeader && request.headers[protocolHeader] === 'https'))
		response.setHeader(HSTS.name, HSTS.value);
}

// adapter-node makes its one server with http.createServer(); a listener put first on it sets
// the headers before any handler writes (the page's own, CSP among them, are set later and win).
const createServer = http.createServer;
http.createServer = ((...args: Parameters<typeof http.createServer>) =>
	createServer(...args).prependListener('request', setSecurityHeaders)) as typeof http.createServer;

await import(pathToFileURL(path.resolve(process.argv[2] ?? 'build', 'index.js')).href);
