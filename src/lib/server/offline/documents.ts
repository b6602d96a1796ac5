/** The documents view of the offline copy, /api/v1/documents: the latest 12 in full. */
import type { CustomerKind } from '../../domain/customer';
import type { OfflineDocuments } from '../../domain/offline';
import { getCustomerHeading } from '../customer';
import type { Db } from '../db';
import { listLatestDocuments } from '../document';
import { documentPayment } from '../payment';
import type { Published } from '../published';
import type { CopyBody } from './response';

const LATEST_DOCUMENTS = 12;

export async function loadLatestDocuments(
	db: Db,
	customer: { id: number; name: string; contractNumber: string; kind: CustomerKind },
	{ published, today }: { published: Published; today: string }
): Promise<CopyBody<OfflineDocuments>> {
	const [heading, documents] = await Promise.all([
		getCustomerHeading(db, customer),
		listLatestDocuments(db, customer.id, LATEST_DOCUMENTS, today)
	]);
	return {
		asOf: published.freshness?.asOf ?? null,
		kind: customer.kind,
		company: published.company,
		customer: heading,
		documents: documents.map((document) => ({
			document,
			pay: documentPayment(document, published)
		}))
	};
}
