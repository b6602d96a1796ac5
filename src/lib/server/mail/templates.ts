/** The portal's e-mails in lv/en/ru, as text and HTML; every value put into HTML is escaped. */
import type { Fraction } from '$lib/calendar';
import { formatDay } from '$lib/dates';
import { day as shortDay, longDay } from '$lib/format';
import { fractionName } from '$lib/fractions';
import { formatMoney } from '$lib/money';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { noticeText, type Notice } from '$lib/domain/notice';
import { requestStateLabel, requestSummary } from '$lib/domain/request-view';
import type { RequestState, ServiceRequest } from '$lib/domain/service-request';
import { getCompanyContacts } from '../company';
import type { Db } from '../db';

export interface MailBrand {
	brandName: string;
	phone: string;
	email: string;
}

/** The company's name and contacts from the last import (a neutral one before any). */
export async function loadMailBrand(db: Db): Promise<MailBrand> {
	return (await getCompanyContacts(db)) ?? { brandName: 'Klientiem', phone: '', email: '' };
}

export interface RenderedMail {
	subject: string;
	text: string;
	html: string;
}

export type MailKind =
	| { kind: 'confirm'; link: string; contractNumber: string; another: boolean }
	| { kind: 'already_registered'; link: string }
	| { kind: 'reset'; link: string }
	| { kind: 'change_email'; link: string }
	| { kind: 'email_changed'; newEmail: string }
	| { kind: 'password_changed'; link: string }
	| { kind: 'staff_invitation'; link: string }
	/** The e-invoice agreement's marks the staff set: the signed copies came, or the start day. */
	| { kind: 'e_invoice_agreement'; activeFrom: string | null; contractNumber: string; link: string }
	| {
			kind: 'new_document';
			documentKind: 'invoice' | 'calculation';
			number: string;
			totalCents: number;
			dueDate: string;
			contractNumber: string;
			link: string;
	  }
	| {
			kind: 'collection_reminder';
			date: string;
			collections: { fraction: Fraction; address: string }[];
			contractNumber: string;
			settingsLink: string;
			unsubscribeLink: string;
	  }
	| {
			kind: 'notice';
			notice: Notice;
			collections: { fraction: Fraction; address: string }[];
			contractNumber: string;
			settingsLink: string;
			unsubscribeLink: string;
	  }
	| {
			kind: 'schedule_change';
			/** The day the collections were planned for, and the day they moved to. */
			from: string;
			to: string;
			reason: string | null;
			collections: { fraction: Fraction; address: string }[];
			contractNumber: string;
			settingsLink: string;
			unsubscribeLink: string;
	  }
	| {
			kind: 'request_state';
			request: Omit<ServiceRequest, 'history'>;
			state: RequestState;
			returnDate: string | null;
			note: string | null;
			link: string;
	  };

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface Link {
	label: string;
	url: string;
}

interface MailParts {
	subject: string;
	/** A paragraph, or a list given as its items. */
	paragraphs: (string | string[])[];
	action: Link | null;
	/** For mail sent on a schedule: the way to stop it, at the foot of the message. */
	unsubscribe?: Link;
}

/** The parts of a message: its subject, paragraphs and one optional button. */
function parts(
	mail: MailKind,
	brand: string,
	locale: Locale,
	escape: (value: string) => string
): MailParts {
	const options = { locale };
	const b = { brand: escape(brand) };
	switch (mail.kind) {
		case 'confirm':
			return {
				subject: m.mail_confirm_subject({ brand }, options),
				paragraphs: [
					m.mail_confirm_text({ ...b, contract: escape(mail.contractNumber) }, options),
					mail.another
						? m.mail_confirm_another({ contract: escape(mail.contractNumber) }, options)
						: m.mail_ignore({}, options)
				],
				action: { label: m.mail_confirm_action({}, options), url: mail.link }
			};
		case 'already_registered':
			return {
				subject: m.mail_exists_subject({ brand }, options),
				paragraphs: [m.mail_exists_text(b, options), m.mail_ignore({}, options)],
				action: { label: m.mail_exists_action({}, options), url: mail.link }
			};
		case 'reset':
			return {
				subject: m.mail_reset_subject({ brand }, options),
				paragraphs: [m.mail_reset_text(b, options), m.mail_ignore({}, options)],
				action: { label: m.mail_reset_action({}, options), url: mail.link }
			};
		case 'e_invoice_agreement': {
			const contract = escape(mail.contractNumber);
			return mail.activeFrom
				? {
						subject: m.mail_einvoice_active_subject({ brand }, options),
						paragraphs: [
							m.mail_einvoice_active_text(
								{ contract, date: shortDay(mail.activeFrom, locale) },
								options
							)
						],
						action: { label: m.mail_einvoice_action({}, options), url: mail.link }
					}
				: {
						subject: m.mail_einvoice_received_subject({ brand }, options),
						paragraphs: [m.mail_einvoice_received_text({ contract }, options)],
						action: { label: m.mail_einvoice_action({}, options), url: mail.link }
					};
		}
		case 'staff_invitation':
			return {
				subject: m.mail_staff_invitation_subject({ brand }, options),
				paragraphs: [m.mail_staff_invitation_text(b, options), m.mail_ignore({}, options)],
				action: { label: m.mail_staff_invitation_action({}, options), url: mail.link }
			};
		case 'change_email':
			return {
				subject: m.mail_change_subject({ brand }, options),
				paragraphs: [m.mail_change_text(b, options), m.mail_ignore({}, options)],
				action: { label: m.mail_confirm_action({}, options), url: mail.link }
			};
		case 'email_changed':
			return {
				subject: m.mail_changed_subject({ brand }, options),
				paragraphs: [m.mail_changed_text({ ...b, email: escape(mail.newEmail) }, options)],
				action: null
			};
		case 'password_changed':
			return {
				subject: m.mail_password_changed_subject({ brand }, options),
				paragraphs: [m.mail_password_changed_text(b, options)],
				action: { label: m.mail_reset_action({}, options), url: mail.link }
			};
		case 'new_document': {
			const invoice = mail.documentKind === 'invoice';
			const details = {
				...b,
				number: escape(mail.number),
				contract: escape(mail.contractNumber),
				amount: formatMoney(mail.totalCents, locale),
				due: formatDay(mail.dueDate, locale)
			};
			return {
				subject: (invoice ? m.mail_new_invoice_subject : m.mail_new_calculation_subject)(
					{ brand, number: mail.number },
					options
				),
				paragraphs: [
					(invoice ? m.mail_new_invoice_text : m.mail_new_calculation_text)(details, options),
					m.mail_new_document_amount(details, options)
				],
				action: { label: m.mail_new_document_action({}, options), url: mail.link }
			};
		}
		case 'collection_reminder': {
			const date = longDay(mail.date, locale);
			return {
				subject: m.mail_reminder_subject({ brand, date }, options),
				paragraphs: [
					m.mail_reminder_text({ ...b, date, contract: escape(mail.contractNumber) }, options),
					collectionLines(mail.collections, locale, escape),
					m.mail_reminder_settings({}, options)
				],
				action: { label: m.mail_reminder_settings_action({}, options), url: mail.settingsLink },
				unsubscribe: {
					label: m.mail_reminder_unsubscribe({}, options),
					url: mail.unsubscribeLink
				}
			};
		}
		case 'notice':
			return {
				subject: m.mail_notice_subject({ brand }, options),
				paragraphs: [
					escape(noticeText(mail.notice, locale)),
					m.mail_notice_until(
						{
							from: shortDay(mail.notice.from, locale),
							to: shortDay(mail.notice.to, locale),
							contract: escape(mail.contractNumber)
						},
						options
					),
					collectionLines(mail.collections, locale, escape),
					m.mail_schedule_settings({}, options)
				],
				action: { label: m.mail_reminder_settings_action({}, options), url: mail.settingsLink },
				unsubscribe: {
					label: m.mail_reminder_unsubscribe({}, options),
					url: mail.unsubscribeLink
				}
			};
		case 'request_state': {
			const { request } = mail;
			const reference = escape(request.reference);
			const date = mail.returnDate ? longDay(mail.returnDate, locale) : '—';
			const order = request.kind !== 'missed_collection';
			const texts = {
				submitted: () =>
					order
						? m.order_mail_submitted({ reference }, options)
						: m.mail_request_submitted({ reference }, options),
				received: () => m.mail_request_received({ reference }, options),
				scheduled: () =>
					order
						? m.order_mail_scheduled({ reference, date }, options)
						: m.mail_request_scheduled({ reference, date }, options),
				collected: () =>
					order
						? m.order_mail_done({ reference }, options)
						: m.mail_request_collected({ reference }, options),
				rejected: () => m.mail_request_rejected({ reference }, options)
			} satisfies Record<RequestState, () => string>;
			return {
				subject: m.mail_request_subject(
					{
						brand,
						reference: request.reference,
						state: requestStateLabel(mail.state, locale, request.kind)
					},
					options
				),
				paragraphs: [
					texts[mail.state](),
					escape(requestSummary(request, locale)),
					...(mail.note ? [m.mail_request_note({ note: escape(mail.note) }, options)] : [])
				],
				action: { label: m.mail_request_action({}, options), url: mail.link }
			};
		}
		case 'schedule_change': {
			const to = longDay(mail.to, locale);
			const from = longDay(mail.from, locale);
			return {
				subject: m.mail_schedule_subject({ brand }, options),
				paragraphs: [
					m.mail_schedule_text({ from, to, contract: escape(mail.contractNumber) }, options),
					collectionLines(mail.collections, locale, escape),
					...(mail.reason
						? [m.mail_schedule_reason({ reason: escape(mail.reason) }, options)]
						: []),
					m.mail_schedule_settings({}, options)
				],
				action: { label: m.mail_reminder_settings_action({}, options), url: mail.settingsLink },
				unsubscribe: {
					label: m.mail_reminder_unsubscribe({}, options),
					url: mail.unsubscribeLink
				}
			};
		}
	}
}

/** "Sadzīves atkritumi – Rīgas iela 1": one line per fraction and address. */
function collectionLines(
	collections: { fraction: Fraction; address: string }[],
	locale: Locale,
	escape: (value: string) => string
): string[] {
	return collections.map(
		(c) => `${escape(fractionName(c.fraction, locale))} – ${escape(c.address)}`
	);
}

export function renderMail(mail: MailKind, brand: MailBrand, locale: Locale): RenderedMail {
	const plain = parts(mail, brand.brandName, locale, (value) => value);
	const safe = parts(mail, brand.brandName, locale, escapeHtml);
	const footer = m.mail_automatic({ brand: brand.brandName }, { locale });
	const contacts = `${brand.brandName} · ${brand.phone} · ${brand.email}`;
	const text = [
		m.mail_greeting({}, { locale }),
		...plain.paragraphs.map((p) =>
			Array.isArray(p) ? p.map((item) => `- ${item}`).join('\n') : p
		),
		...(plain.action ? [`${plain.action.label}: ${plain.action.url}`] : []),
		'--',
		footer,
		contacts,
		...(plain.unsubscribe ? [`${plain.unsubscribe.label}: ${plain.unsubscribe.url}`] : [])
	].join('\n\n');
	const button = safe.action
		? `<p><a href="${escapeHtml(safe.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d6b3a;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(safe.action.label)}</a></p><p style="font-size:13px;color:#4d5751">${escapeHtml(safe.action.url)}</p>`
		: '';
	const unsubscribe = safe.unsubscribe
		? `<br><a href="${escapeHtml(safe.unsubscribe.url)}" style="color:#4d5751">${escapeHtml(safe.unsubscribe.label)}</a>`
		: '';
	const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(plain.subject)}</title></head><body style="margin:0;background:#f5f7f6;font-family:Arial,Helvetica,sans-serif;color:#1b1f1d"><div style="max-width:560px;margin:0 auto;padding:24px"><div style="background:#1d6b3a;color:#ffffff;padding:16px 20px;font-size:20px;font-weight:bold">${escapeHtml(brand.brandName)}</div><div style="background:#ffffff;padding:20px"><p>${escapeHtml(m.mail_greeting({}, { locale }))}</p>${safe.paragraphs.map((p) => (Array.isArray(p) ? `<ul>${p.map((item) => `<li>${item}</li>`).join('')}</ul>` : `<p>${p}</p>`)).join('')}${button}</div><p style="font-size:12px;color:#4d5751">${escapeHtml(footer)}<br>${escapeHtml(contacts)}${unsubscribe}</p></div></body></html>`;
	// A subject is one header line: no line breaks, whatever a name or brand holds.
	return { subject: plain.subject.replace(/[\r\n]+/g, ' '), text, html };
}
