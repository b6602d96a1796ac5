import { getDb } from '$lib/server/db';
import { getCompanyContacts } from '$lib/server/company';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	return { locale: locals.locale, company: await getCompanyContacts(getDb()) };
};
