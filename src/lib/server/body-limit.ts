/**
 * Each request's body held to its route's limit: an export an admin uploads on the console's
 * imports page to IMPORT_UPLOAD_LIMIT, every other body to BODY_SIZE_LIMIT. adapter-node has
 * one limit for every request, which would either refuse the export or let any form be as
 * large, so the production server gives it none (scripts/server.ts) and this handle decides.
 */
import { error, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { byteSize } from '../format';
import { requestBodyLimit, uploadLimit } from './config';

/** Where the console's form sends an export (routes/staff/imports/upload). */
export const UPLOAD_PATH = '/staff/imports/upload';

// The form's own bytes around the file (boundaries, part headers); the file's limit is exact.
const FORM_ENVELOPE = 64 * 1024;

export const limitBody: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	if (request.body === null) return resolve(event);
	const upload = url.pathname === UPLOAD_PATH;
	const length = request.headers.get('content-length');
	// Browsers give every form's and fetch's length; a body streamed without one could be any
	// size, so only the upload, which counts what it reads, may come so.
	if (length === null) {
		if (!upload) error(411, m.error_length_required());
	} else if (!/^\d+$/.test(length)) error(400, m.error_length_required());
	else if (upload && Number(length) > uploadLimit() + FORM_ENVELOPE) {
		const limit = byteSize(uploadLimit(), event.locals.locale);
		error(413, m.staff_import_refused_too_large({ limit }));
	} else if (!upload && Number(length) > requestBodyLimit()) error(413, m.error_too_large());
	return resolve(event);
};
