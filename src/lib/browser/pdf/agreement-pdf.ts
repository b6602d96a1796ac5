/**
 * The e-invoice agreement, filled in with the customer's data, on two identical pages: the
 * customer signs both and posts them, and the company sends one back signed.
 */
import { m } from '$lib/paraglide/messages';
import { dayInRiga } from '$lib/dates';
import { day } from '$lib/format';
import type { CompanyContacts } from '$lib/domain/company';
import type { CustomerHeading } from '$lib/domain/customer';
import { FONT, MARGIN, createPdf, paragraph } from './pdf';

const WIDTH = 210;
const TEXT_WIDTH = WIDTH - 2 * MARGIN;

export async function makeAgreementPdf(input: {
	locale: string;
	today: string;
	company: CompanyContacts;
	customer: CustomerHeading & { registrationNumber: string | null; email: string | null };
	requestedAt: string | null;
}): Promise<void> {
	const { locale, company, customer } = input;
	const pdf = await createPdf('portrait', {
		title: m.einvoice_title(),
		author: company.legalName,
		locale
	});
	for (const copy of [1, 2]) {
		if (copy === 2) pdf.addPage();
		paragraph(pdf, company.legalName, MARGIN, MARGIN, 120, { size: 11, bold: true });
		paragraph(pdf, company.address, MARGIN, MARGIN + 5.5, 120, { size: 9 });
		pdf.setFont(FONT, 'normal');
		pdf.setFontSize(9);
		pdf.text(m.agreement_copy({ n: copy }), WIDTH - MARGIN, MARGIN, {
			baseline: 'top',
			align: 'right'
		});

		pdf.setFont(FONT, 'bold');
		pdf.setFontSize(13);
		pdf.text(m.agreement_heading(), WIDTH / 2, 38, { align: 'center', baseline: 'top' });

		let y = 50;
		y = paragraph(
			pdf,
			m.agreement_parties({
				company: company.legalName,
				registration: company.registrationNumber,
				customer: customer.name,
				contract: customer.contractNumber
			}),
			MARGIN,
			y,
			TEXT_WIDTH,
			{ size: 10.5 }
		);

		y += 4;
		const blank = '______________________________';
		for (const [label, value] of [
			[m.pdf_customer(), customer.name],
			[m.portal_contract(), customer.contractNumber],
			[m.agreement_code(), customer.registrationNumber ?? blank],
			[m.pdf_service_address(), customer.addresses.join('; ') || blank],
			[m.contact_email(), customer.email ?? blank]
		] as const) {
			pdf.setFont(FONT, 'normal');
			pdf.setFontSize(10);
			pdf.text(`${label}:`, MARGIN, y, { baseline: 'top' });
			y = paragraph(pdf, value, MARGIN + 62, y, TEXT_WIDTH - 62, { size: 10, bold: true }) + 1.5;
		}

		y += 4;
		const terms = [
			// Without a known e-mail the customer writes one on the blank line above.
			customer.email ? m.agreement_term_1({ email: customer.email }) : m.agreement_term_1_written(),
			m.agreement_term_2(),
			m.agreement_term_3(),
			m.agreement_term_4()
		];
		terms.forEach((term, i) => {
			pdf.setFont(FONT, 'normal');
			pdf.setFontSize(10.5);
			pdf.text(`${i + 1}.`, MARGIN, y, { baseline: 'top' });
			y = paragraph(pdf, term, MARGIN + 6, y, TEXT_WIDTH - 6, { size: 10.5 }) + 2;
		});

		// Two signature blocks side by side.
		y += 18;
		const column = (TEXT_WIDTH - 10) / 2;
		for (const [i, party] of [m.agreement_company(), m.agreement_customer()].entries()) {
			const x = MARGIN + i * (column + 10);
			paragraph(pdf, party, x, y, column, { size: 10, bold: true });
			pdf.setDrawColor(0, 0, 0);
			pdf.line(x, y + 22, x + column, y + 22);
			paragraph(pdf, m.agreement_signature(), x, y + 23, column, { size: 8 });
		}

		y += 40;
		y = paragraph(pdf, m.agreement_send_to({ address: company.address }), MARGIN, y, TEXT_WIDTH, {
			size: 9.5
		});
		if (input.requestedAt)
			paragraph(
				pdf,
				m.agreement_requested({ date: day(dayInRiga(new Date(input.requestedAt)), locale) }),
				MARGIN,
				y + 1,
				TEXT_WIDTH,
				{ size: 9 }
			);
		pdf.setFontSize(8);
		pdf.setTextColor(77, 87, 81);
		pdf.text(m.pdf_made({ date: day(input.today, locale) }), MARGIN, 287);
		pdf.setTextColor(0, 0, 0);
	}
	pdf.save(`vienosanas-${customer.contractNumber}.pdf`);
}
