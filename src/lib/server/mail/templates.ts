/** The portal's e-mails in lv/en/ru, as text and HTML; every value put into HTML is escaped. */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

export interface MailBrand {
	brandName: string;
	phone: string;
	email: string;
}

export interface RenderedMail {
	subject: string;
	text: string;
	html: string;
}

export type MailKind =
	| { kind: 'confirm'; link: string }
	| { kind: 'already_registered'; link: string }
	| { kind: 'reset'; link: string }
	| { kind: 'change_email'; link: string }
	| { kind: 'email_changed'; newEmail: string }
	| { kind: 'password_changed'; link: string };

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The parts of a message: its subject, paragraphs and one optional button. */
function parts(mail: MailKind, brand: string, locale: Locale, escape: (value: string) => string) {
	const options = { locale };
	const b = { brand: escape(brand) };
	switch (mail.kind) {
		case 'confirm':
			return {
				subject: m.mail_confirm_subject({ brand }, options),
				paragraphs: [m.mail_confirm_text(b, options), m.mail_ignore({}, options)],
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
	}
}

export function renderMail(mail: MailKind, brand: MailBrand, locale: Locale): RenderedMail {
	const plain = parts(mail, brand.brandName, locale, (value) => value);
	const safe = parts(mail, brand.brandName, locale, escapeHtml);
	const footer = m.mail_automatic({ brand: brand.brandName }, { locale });
	const contacts = `${brand.brandName} · ${brand.phone} · ${brand.email}`;
	const text = [
		m.mail_greeting({}, { locale }),
		...plain.paragraphs,
		...(plain.action ? [`${plain.action.label}: ${plain.action.url}`] : []),
		'--',
		footer,
		contacts
	].join('\n\n');
	const button = safe.action
		? `<p><a href="${escapeHtml(safe.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d6b3a;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(safe.action.label)}</a></p><p style="font-size:13px;color:#4d5751">${escapeHtml(safe.action.url)}</p>`
		: '';
	const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(plain.subject)}</title></head><body style="margin:0;background:#f5f7f6;font-family:Arial,Helvetica,sans-serif;color:#1b1f1d"><div style="max-width:560px;margin:0 auto;padding:24px"><div style="background:#1d6b3a;color:#ffffff;padding:16px 20px;font-size:20px;font-weight:bold">${escapeHtml(brand.brandName)}</div><div style="background:#ffffff;padding:20px"><p>${escapeHtml(m.mail_greeting({}, { locale }))}</p>${safe.paragraphs.map((p) => `<p>${p}</p>`).join('')}${button}</div><p style="font-size:12px;color:#4d5751">${escapeHtml(footer)}<br>${escapeHtml(contacts)}</p></div></body></html>`;
	// A subject is one header line: no line breaks, whatever a name or brand holds.
	return { subject: plain.subject.replace(/[\r\n]+/g, ' '), text, html };
}
