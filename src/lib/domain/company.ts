/** The company as its customers see it: contacts, invoice details and where to pay. */

export interface CompanyContacts {
	brandName: string;
	legalName: string;
	registrationNumber: string;
	vatNumber: string | null;
	address: string;
	phone: string;
	email: string;
	website: string | null;
	paperInvoiceFeeCents: number;
}

export interface BankAccount {
	bankName: string;
	iban: string;
	bic: string;
	internetBankUrl: string | null;
}
