/** A customer as the pages, PDFs and the offline copy show them (no server code here). */

export type CustomerKind = 'private' | 'legal';
export type InvoiceDelivery = 'paper' | 'electronic';
export type EInvoiceAgreement = 'none' | 'received' | 'active';

/** Who a legal entity's invoices are made out to, beside its name and contract. */
export interface InvoiceBuyer {
	registrationNumber: string | null;
	vatNumber: string | null;
	legalAddress: string | null;
}

/**
 * Who a page, PDF or offline copy is of, as it is headed: the name, contract and service
 * addresses; a legal entity's invoice details too (absent from an offline copy kept before
 * they were added).
 */
export interface CustomerHeading {
	name: string;
	contractNumber: string;
	addresses: string[];
	buyer?: InvoiceBuyer | null;
}
