import { error } from '@sveltejs/kit';
import { mailboxPageEnabled } from '$lib/server/config';
import { listKeptMail } from '$lib/server/mail/outbox';
import { requestContext } from '$lib/server/request-context';
import type { PageServerLoad } from './$types';

/** The demo setup's mailbox: no mail leaves the machine, so a new user reads the link here. */
export const load: PageServerLoad = async ({ setHeaders }) => {
	if (!mailboxPageEnabled()) error(404, 'Not found');
	setHeaders({ 'Cache-Control': 'no-store' });
	return { messages: await listKeptMail(requestContext().db) };
};
