/** An invoice or calculation as a printable A4 PDF, with the EPC QR code when money is owed. */
import { m } from '$lib/paraglide/messages';
import { day } from '$lib/format';
import type { Locale } from '$lib/paraglide/runtime';
import {
	documentFacts,
	documentTitle,
	documentTotals,
	lineCells,
	paymentFields
} from '$lib/domain/document-view';
import type { CompanyContacts } from '$lib/domain/company';
import type { CustomerHeading } from '$lib/domain/customer';
import type { DocumentDetail } from '$lib/domain/document';
import type { PaymentDetails } from '$lib/domain/payment';
import { FONT, MARGIN, createPdf, drawQr, paragraph } from './pdf';

const WIDTH = 210;

export async function makeDocumentPdf(input: {
	locale: Locale;
	today: string;
	company: CompanyContacts;
	customer: CustomerHeading;
	document: DocumentDetail;
	pay: PaymentDetails | null;
}): Promise<void> {
	const { locale, company, customer, document: doc, pay } = input;
	const title = documentTitle(doc, locale);
	const pdf = await createPdf('portrait', { title, author: company.legalName, locale });
	const right = WIDTH - MARGIN;
	const half = (WIDTH - 2 * MARGIN) / 2;

	// The company, as its paper invoices head them.
	let y = paragraph(pdf, company.legalName, MARGIN, MARGIN, half, { size: 13, bold: true });
	const companyLines = [
		company.address,
		`${m.contact_registration()} ${company.registrationNumber}`,
		company.vatNumber ? `${m.pdf_vat_number()} ${company.vatNumber}` : '',
		`${m.contact_phone()}: ${company.phone}`,
		`${m.contact_email()}: ${company.email}`,
		company.website ?? ''
	].filter(Boolean);
	for (const line of companyLines) y = paragraph(pdf, line, MARGIN, y, half, { size: 9 });

	let ry = paragraph(pdf, title, MARGIN + half + 5, MARGIN, half - 5, { size: 15, bold: true });
	for (const { label, value } of documentFacts(doc, locale))
		ry = paragraph(pdf, `${label}: ${value}`, MARGIN + half + 5, ry + 1, half - 5, { size: 10 });

	y = Math.max(y, ry) + 6;
	y = paragraph(pdf, m.pdf_customer(), MARGIN, y, half, { size: 9 });
	y = paragraph(pdf, customer.name, MARGIN, y, WIDTH - 2 * MARGIN, { size: 12, bold: true });
	// A B2B invoice names its buyer as the law asks: registration and VAT numbers, legal address.
	const buyer = customer.buyer;
	const buyerLines = [
		buyer?.registrationNumber ? `${m.contact_registration()} ${buyer.registrationNumber}` : '',
		buyer?.vatNumber ? `${m.pdf_vat_number()} ${buyer.vatNumber}` : '',
		buyer?.legalAddress ? `${m.pdf_legal_address()}: ${buyer.legalAddress}` : ''
	].filter(Boolean);
	for (const line of buyerLines) y = paragraph(pdf, line, MARGIN, y, WIDTH - 2 * MARGIN);
	y = paragraph(pdf, `${m.portal_contract()} ${customer.contractNumber}`, MARGIN, y, 180);
	if (customer.addresses.length > 0)
		y = paragraph(
			pdf,
			`${m.pdf_service_address()}: ${customer.addresses.join('; ')}`,
			MARGIN,
			y,
			WIDTH - 2 * MARGIN
		);

	// The lines: description wraps, the numbers stay right-aligned in their columns.
	y += 6;
	const columns = [
		{ label: m.line_description(), x: MARGIN + 1, width: 80, align: 'left' as const },
		{ label: m.line_quantity(), x: 122, width: 26, align: 'right' as const },
		{ label: m.line_price(), x: 146, width: 22, align: 'right' as const },
		{ label: m.line_vat(), x: 163, width: 14, align: 'right' as const },
		{ label: m.line_net(), x: right - 1, width: 25, align: 'right' as const }
	];
	pdf.setFillColor(230, 242, 234);
	pdf.rect(MARGIN, y - 1, WIDTH - 2 * MARGIN, 7, 'F');
	pdf.setFont(FONT, 'bold');
	pdf.setFontSize(9);
	for (const column of columns)
		pdf.text(column.label, column.x, y + 1, { baseline: 'top', align: column.align });
	y += 8;
	for (const line of doc.lines) {
		pdf.setFont(FONT, 'normal');
		pdf.setFontSize(9);
		const description = pdf.splitTextToSize(line.description, 80) as string[];
		const { quantity, price, vat, net } = lineCells(line, locale);
		const cells = [description, quantity, price, vat, net];
		cells.forEach((cell, i) =>
			pdf.text(cell, columns[i]!.x, y, { baseline: 'top', align: columns[i]!.align })
		);
		y += description.length * 4 + 2;
		pdf.setDrawColor(201, 211, 205);
		pdf.line(MARGIN, y - 1, right, y - 1);
		if (y > 250) {
			pdf.addPage();
			y = MARGIN;
		}
	}

	y += 3;
	for (const { label, value, total } of documentTotals(doc, locale)) {
		pdf.setFont(FONT, total ? 'bold' : 'normal');
		pdf.setFontSize(10);
		pdf.text(label, 150, y, { baseline: 'top', align: 'right' });
		pdf.text(value, right - 1, y, { baseline: 'top', align: 'right' });
		y += 5.5;
	}

	if (pay) {
		if (y > 220) {
			pdf.addPage();
			y = MARGIN;
		}
		y += 6;
		const top = y;
		y = paragraph(pdf, m.pay_details(), MARGIN, y, 120, { size: 11, bold: true });
		for (const { key, label, value } of paymentFields(pay, locale)) {
			// On paper the bank's BIC goes with the account, for transfers from abroad.
			const text = key === 'iban' ? `${value} (${pay.bic})` : value;
			y = paragraph(pdf, `${label}: ${text}`, MARGIN, y + 0.5, 120, { size: 10 });
		}
		drawQr(pdf, pay.qr, right - 38, top, 38);
		paragraph(pdf, m.pdf_scan_to_pay(), right - 38, top + 39, 38, { size: 7 });
	}

	pdf.setFont(FONT, 'normal');
	pdf.setFontSize(8);
	pdf.setTextColor(77, 87, 81);
	pdf.text(m.pdf_made({ date: day(input.today, locale) }), MARGIN, 287);
	pdf.save(`${doc.number}.pdf`);
}
