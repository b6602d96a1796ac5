/** Whether anything is owed, and everything a customer needs to pay it. */
import type { QrModules } from './qr-code';

export type PaymentStatus =
	| { settled: true; overpaidCents: number }
	| { settled: false; unpaidCents: number; dueDate: string | null; overdue: boolean };

export interface PaymentDetails {
	recipient: string;
	iban: string;
	bic: string;
	amountCents: number;
	reference: string;
	banks: { name: string; url: string }[];
	/** The EPC QR code (its text: epc.ts), drawn by the page and the PDF (qr-code.ts). */
	qr: QrModules;
}

/** How old the data is: "Informācija uz" and "Informācija tiks atjaunota". */
export interface DataFreshness {
	asOf: string;
	nextUpdate: string;
}
