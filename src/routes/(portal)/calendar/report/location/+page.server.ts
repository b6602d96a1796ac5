import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { PUT_OUT_PLACES } from '$lib/domain/service-request';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import {
	cleanText,
	PLACE_NOTE_MAX,
	REPORT_PATH,
	requireDraft,
	writeDraft
} from '$lib/server/report-draft';
import type { Actions, PageServerLoad } from './$types';

/** Question 2: where the container stood on the day. */
export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const draft = requireDraft(cookies, user.customer.id, 'container');
	return { place: draft.place, placeNote: draft.placeNote, placeNoteMax: PLACE_NOTE_MAX };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const user = requireUser();
		const none = { place: undefined, placeNote: undefined };
		if (user.viewOnly) return viewOnlyFailure(none);
		const draft = requireDraft(cookies, user.customer.id, 'container');
		const form = await readForm(request);
		if (!form) return fail(400, { ...none, message: m.error_form() });
		const raw = field(form, 'place');
		const place = PUT_OUT_PLACES.find((p) => p === raw);
		const note = field(form, 'placeNote');
		if (!place) return fail(400, { message: m.report_place_required(), place, placeNote: note });
		const placeNote = place === 'other' ? cleanText(note, PLACE_NOTE_MAX) : null;
		if (place === 'other' && !placeNote)
			return fail(400, {
				message: m.report_place_note_required({ max: PLACE_NOTE_MAX }),
				place,
				placeNote: note
			});
		writeDraft(cookies, url, { ...draft, place, placeNote });
		redirect(303, `${REPORT_PATH}/${draft.contact ? 'check' : 'contact'}`);
	}
};
