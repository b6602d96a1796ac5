/** The SMTP transport (nodemailer), and the loop in the server process that empties the outbox. */
import nodemailer from 'nodemailer';
import type { Db } from '../db';
import { deliverDueMail, type MailTransport } from './outbox';

export function smtpTransport(url: string, from: string): MailTransport {
	const transporter = nodemailer.createTransport(url);
	return {
		async send(message) {
			await transporter.sendMail({ from, ...message });
		}
	};
}

/** Runs deliverDueMail every few seconds; returns a function that stops it. */
export function startMailer(db: Db, transport: MailTransport, intervalMs = 2000): () => void {
	let running = false;
	const timer = setInterval(async () => {
		if (running) return;
		running = true;
		try {
			await deliverDueMail(db, transport);
		} catch (error) {
			console.error('mailer:', (error as Error).message);
		} finally {
			running = false;
		}
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
