/**
 * The JSON the service worker keeps on the customer's device for offline use: the calendar
 * and the latest 12 documents. Versioned (`version`, and /api/v1 in the path), so a service
 * worker of an older deployment never misreads a newer shape.
 */
import { json } from '@sveltejs/kit';
import { dayInRiga } from '../dates';
import {
	OFFLINE_DATA_VERSION,
	type OfflineCalendar,
	type OfflineDocuments
} from '../domain/offline';
import type { CustomerKind } from '../domain/customer';
import { listCollections, listContainers, listServiceAddresses } from './calendar';
import { getCompanyContacts, listBankAccounts } from './company';
import { getInvoiceBuyer } from './customer';
import type { Db } from './db';
import { listLatestDocuments } from './document';
import { getDataFreshness } from './import/runs';
import { paymentDetails } from './payment';

const LATEST_DOCUMENTS = 12;

/** A copy's body; the response adds its version. */
type Body<T> = Omit<T, 'version'>;

/** For the signed-in customer (the handler's requireUser); 401 tells the service worker to drop what it keeps. */
export function offlineResponse(
	customerId: number,
	body: Body<OfflineCalendar> | Body<OfflineDocuments>
) {
	return json(
		{ version: OFFLINE_DATA_VERSION, ...body } satisfies OfflineCalendar | OfflineDocuments,
		{
			headers: {
				'Cache-Control': 'private, no-store',
				// The service worker keeps each customer's data in a cache named for them.
				'X-Klientiem-Customer': String(customerId)
			}
		}
	);
}

async function common(db: Db, customerId: number) {
	const [freshness, addresses, company] = await Promise.all([
		getDataFreshness(db),
		listServiceAddresses(db, customerId),
		getCompanyContacts(db)
	]);
	return { asOf: freshness?.asOf ?? null, addresses, company };
}

/** This year and the next (from an earlier month when the page shows one). */
export async function calendarData(
	db: Db,
	customer: { id: number; name: string; contractNumber: string },
	fromMonth?: string
): Promise<Body<OfflineCalendar>> {
	const today = dayInRiga();
	const year = Number(today.slice(0, 4));
	const from = fromMonth && fromMonth < `${year}-01` ? `${fromMonth}-01` : `${year}-01-01`;
	const [{ asOf, addresses, company }, containers, entries] = await Promise.all([
		common(db, customer.id),
		listContainers(db, customer.id),
		listCollections(db, customer.id, from, `${year + 1}-12-31`)
	]);
	return {
		asOf,
		brandName: company?.brandName ?? null,
		customer: { name: customer.name, contractNumber: customer.contractNumber, addresses },
		years: [year, year + 1],
		containers,
		entries
	};
}

export async function documentsData(
	db: Db,
	customer: { id: number; name: string; contractNumber: string; kind: CustomerKind }
): Promise<Body<OfflineDocuments>> {
	const today = dayInRiga();
	const [{ asOf, addresses, company }, accounts, documents, buyer] = await Promise.all([
		common(db, customer.id),
		listBankAccounts(db),
		listLatestDocuments(db, customer.id, LATEST_DOCUMENTS, today),
		// Only a legal entity's invoices name the buyer's details.
		customer.kind === 'legal' ? getInvoiceBuyer(db, customer.id) : null
	]);
	return {
		asOf,
		kind: customer.kind,
		company,
		customer: { name: customer.name, contractNumber: customer.contractNumber, addresses, buyer },
		documents: await Promise.all(
			documents.map(async (document) => {
				const left = document.totalCents - document.paidCents;
				return {
					document,
					pay:
						left > 0 && company
							? await paymentDetails(company, accounts, left, document.paymentReference)
							: null
				};
			})
		)
	};
}
