/** A customer as the pages, PDFs and the offline copy show them (no server code here). */

/** Who a legal entity's invoices are made out to, beside its name and contract. */
export interface InvoiceBuyer {
	registrationNumber: string | null;
	vatNumber: string | null;
	legalAddress: string | null;
}
