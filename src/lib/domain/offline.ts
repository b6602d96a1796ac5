/**
 * The JSON of /api/v1/calendar and /api/v1/documents: the offline copy the service worker
 * keeps on customers' devices. Service workers already installed read it, so it is a
 * contract: a change that an older reader would misread takes a new version, which a
 * reader of another version skips (and then shows "needs a network").
 */
import type { CollectionEntry } from '../calendar';
import type { CompanyContacts } from './company';
import type { ContainerInfo } from './container';
import type { CustomerHeading, CustomerKind } from './customer';
import type { DocumentDetail } from './document';
import type { PaymentDetails } from './payment';

/** 2: a document's EPC QR code as its modules (PaymentDetails.qr), no longer as text and SVG. */
export const OFFLINE_DATA_VERSION = 2;

interface OfflineCopy {
	version: typeof OFFLINE_DATA_VERSION;
	/** The data's date ("Informācija uz"), null before the first import. */
	asOf: string | null;
	customer: CustomerHeading;
}

/** /api/v1/calendar: this year and the next. */
export interface OfflineCalendar extends OfflineCopy {
	brandName: string | null;
	years: number[];
	containers: ContainerInfo[];
	entries: CollectionEntry[];
}

/** /api/v1/documents: the latest documents, each with what paying it takes. */
export interface OfflineDocuments extends OfflineCopy {
	kind: CustomerKind;
	company: CompanyContacts | null;
	documents: { document: DocumentDetail; pay: PaymentDetails | null }[];
}
