/**
 * The production server: adapter-node's own (build/index.js, with its settings, graceful stop
 * and socket activation), with the security headers on every response it sends.
 *
 *   node --import tsx scripts/server.ts [build folder]
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HSTS, SECURITY_HEADERS } from '../src/lib/server/security-headers';

// adapter-node's protocol settings: over https (ORIGIN, or the proxy's PROTOCOL_HEADER) HSTS too.
const httpsOrigin = process.env.ORIGIN?.startsWith('https:') ?? false;
const protocolHeader = process.env.PROTOCOL_HEADER?.toLowerCase();

function setSecurityHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
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
