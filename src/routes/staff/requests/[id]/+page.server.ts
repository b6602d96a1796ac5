import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ANSWER_STATES, movesOn } from '$lib/domain/service-request';
import { field, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { changeRequestState, getQueueRequest } from '$lib/server/staff/queue';
import { markAgreement } from '$lib/server/staff/agreement';
import { parseDay } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';

/** A clerk's note reaches the customer in an e-mail: a paragraph, not a letter. */
const NOTE_MAX = 1000;

export const load: PageServerLoad = async ({ params }) => {
	await requireStaff();
	const { db, locale, today } = requestContext();
	const found = await getQueueRequest(db, params.id);
	if (!found) error(404, m.staff_request_unknown());
	return {
		found,
		locale,
		today,
		// The states a clerk may move it to: onward only, as the import does.
		next:
			found.type === 'service'
				? ANSWER_STATES.filter((state) => movesOn(found.request.state, state))
				: []
	};
};

export const actions: Actions = {
	state: async (event) => {
		const staff = await requireStaff();
		const ctx = requestContext();
		const form = await readForm(event.request);
		const read = (name: string) => (form ? field(form, name).trim() : '');
		const state = ANSWER_STATES.find((s) => s === read('state'));
		const note = read('note');
		const returnDate = parseDay(read('returnDate'));
		const version = read('version');
		const echo = { state: read('state'), note, returnDate: read('returnDate') };
		if (!state) return fail(400, { ...echo, message: m.staff_state_missing() });
		if ([...note].length > NOTE_MAX)
			return fail(400, { ...echo, message: m.staff_note_long({ max: NOTE_MAX }) });
		if (state === 'rejected' && note === '')
			return fail(400, { ...echo, message: m.staff_note_needed() });
		if (state === 'scheduled' && (!returnDate || returnDate < ctx.today))
			return fail(400, { ...echo, message: m.staff_return_date_bad() });
		if (!/^\d{1,9}$/.test(version)) return fail(400, { ...echo, message: m.staff_stale() });
		const outcome = await changeRequestState(ctx, staff, {
			reference: event.params.id.toUpperCase(),
			state,
			note: note === '' ? null : note,
			returnDate: state === 'scheduled' ? returnDate : null,
			version: Number(version)
		});
		if ('changed' in outcome) return { changed: true };
		if (outcome.refused === 'unknown') error(404, m.staff_request_unknown());
		return fail(409, {
			...echo,
			message: outcome.refused === 'stale' ? m.staff_stale() : m.staff_state_not_onward()
		});
	},
	/** The e-invoice agreement's marks: the signed copies received, then the start day. */
	agreement: async (event) => {
		const staff = await requireStaff();
		const ctx = requestContext();
		const form = await readForm(event.request);
		const read = (name: string) => (form ? field(form, name).trim() : '');
		const id = /^C-(\d{1,12})$/i.exec(event.params.id)?.[1];
		const version = read('version');
		const step = read('step');
		const activeFrom = parseDay(read('activeFrom'));
		const echo = { activeFrom: read('activeFrom') };
		if (!id) error(404, m.staff_request_unknown());
		if (!/^\d{1,9}$/.test(version)) return fail(400, { ...echo, message: m.staff_stale() });
		if (step === 'active' && !activeFrom)
			return fail(400, { ...echo, message: m.staff_agreement_date_bad() });
		if (step !== 'received' && step !== 'active')
			return fail(400, { ...echo, message: m.staff_state_missing() });
		const outcome = await markAgreement(
			ctx,
			staff,
			{ id: Number(id), version: Number(version) },
			step === 'active' && activeFrom ? { step, activeFrom } : { step: 'received' }
		);
		if ('marked' in outcome) return { marked: true };
		if (outcome.refused === 'unknown') error(404, m.staff_request_unknown());
		const messages = {
			closed: m.staff_agreement_closed(),
			stale: m.staff_stale(),
			already: m.staff_stale(),
			not_received: m.staff_agreement_not_yet()
		};
		return fail(409, { ...echo, message: messages[outcome.refused] });
	}
};
