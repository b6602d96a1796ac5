import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { deliverDueMail, queueMail, reportOutbox } from '../../src/lib/server/mail/outbox';
import { smtpTransport } from '../../src/lib/server/mail/smtp';
import { renderMail } from '../../src/lib/server/mail/templates';
import { tallyQueries } from '../../src/lib/server/db/query-tally';
import { memoryDb } from './helpers';
import { startSmtp } from './smtp';

const brand = {
	brandName: 'Vidzemes Vide',
	phone: '+371 64 200 100',
	email: 'klienti@vidzemesvide.example'
};

describe('e-mail templates', () => {
	it('come in three languages with the link in text and HTML', () => {
		const lv = renderMail(
			{
				kind: 'confirm',
				link: 'https://k.test/confirm?token=abc',
				contractNumber: 'F-1',
				another: false
			},
			brand,
			'lv'
		);
		const ru = renderMail(
			{
				kind: 'confirm',
				link: 'https://k.test/confirm?token=abc',
				contractNumber: 'F-1',
				another: false
			},
			brand,
			'ru'
		);
		const en = renderMail(
			{
				kind: 'confirm',
				link: 'https://k.test/confirm?token=abc',
				contractNumber: 'F-1',
				another: false
			},
			brand,
			'en'
		);
		expect([lv.subject, en.subject, ru.subject]).toEqual([
			'Apstipriniet e-pastu – Vidzemes Vide',
			'Confirm your e-mail – Vidzemes Vide',
			'Подтвердите эл. почту – Vidzemes Vide'
		]);
		for (const mail of [lv, en, ru]) {
			expect(mail.text).toContain('https://k.test/confirm?token=abc');
			expect(mail.html).toContain('href="https://k.test/confirm?token=abc"');
		}
	});

	it('escape names and addresses in HTML, and keep subjects on one line', () => {
		const hostile = {
			...brand,
			brandName: 'Evil <script>alert(1)</script>\r\nBcc: victim@example.lv'
		};
		const mail = renderMail(
			{ kind: 'email_changed', newEmail: '"><img src=x onerror=alert(1)>@example.lv' },
			hostile,
			'en'
		);
		expect(mail.html).not.toMatch(/<script|<img/);
		expect(mail.html).toContain('&#60;script&#62;');
		expect(mail.subject).not.toMatch(/[\r\n]/);
	});
});

describe('the outbox', () => {
	it('delivers through a real SMTP server, once', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		const mail = renderMail(
			{ kind: 'reset', link: 'https://k.test/reset-password?token=xyz' },
			brand,
			'lv'
		);
		await queueMail(db, { to: 'liga@example.lv', ...mail });
		const transport = smtpTransport(
			`smtp://127.0.0.1:${smtp.port}`,
			'Vidzemes Vide <no-reply@vidzemesvide.example>'
		);
		expect(await deliverDueMail(db, transport)).toBe(1);
		expect(await deliverDueMail(db, transport)).toBe(0);
		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0]!.to).toEqual(['liga@example.lv']);
		const parsed = await simpleParser(smtp.received[0]!.raw);
		expect(parsed.subject).toBe('Jaunas paroles izvēle – Vidzemes Vide');
		expect(parsed.text).toContain('https://k.test/reset-password?token=xyz');
		expect(parsed.html).toContain('href="https://k.test/reset-password?token=xyz"');
		expect(await db.selectFrom('outbox').select(['status', 'attempts']).execute()).toEqual([
			{ status: 'sent', attempts: 1 }
		]);
	});

	it('keeps messages while the SMTP server is down and delivers each once when it is back', async () => {
		const db = await memoryDb();
		const probe = await startSmtp();
		const port = probe.port;
		await probe.stop();
		const t0 = new Date('2026-11-23T10:00:00Z');
		for (const to of ['a@example.lv', 'b@example.lv'])
			await queueMail(db, { to, subject: 'Sveiki', text: 'Teksts', html: '<p>Teksts</p>' }, t0);
		const transport = smtpTransport(`smtp://127.0.0.1:${port}`, 'no-reply@example.lv');
		expect(await deliverDueMail(db, transport, t0)).toBe(0);
		const waiting = await db
			.selectFrom('outbox')
			.select(['status', 'attempts', 'next_attempt_at', 'last_error'])
			.execute();
		expect(waiting.map((w) => [w.status, w.attempts, w.next_attempt_at])).toEqual([
			['queued', 1, '2026-11-23T10:00:30.000Z'],
			['queued', 1, '2026-11-23T10:00:30.000Z']
		]);
		expect(waiting[0]!.last_error).toMatch(/ECONNREFUSED/);
		// Not due yet: nothing is tried.
		expect(await deliverDueMail(db, transport, new Date('2026-11-23T10:00:10Z'))).toBe(0);
		const smtp = await startSmtp(port);
		expect(await deliverDueMail(db, transport, new Date('2026-11-23T10:00:30Z'))).toBe(2);
		expect(await deliverDueMail(db, transport, new Date('2026-11-23T11:00:00Z'))).toBe(0);
		expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['a@example.lv', 'b@example.lv']);
	});
});

describe('the outbox at volume (issue 19)', () => {
	const queueMany = async (db: Awaited<ReturnType<typeof memoryDb>>, count: number, at: Date) => {
		for (let i = 0; i < count; i++)
			await queueMail(
				db,
				{ to: `k${i}@example.lv`, subject: `Nr. ${i}`, text: 'Teksts', html: '<p>Teksts</p>' },
				at
			);
	};

	it('sends each due message once over a pool of connections, a claimed batch at a time, even with two mailers at once', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp();
		const t0 = new Date('2026-12-06T16:00:00Z');
		await queueMany(db, 450, t0);
		const url = `smtp://127.0.0.1:${smtp.port}`;
		const pools = [1, 2].map(() =>
			smtpTransport(url, 'no-reply@k.test', { connections: 3, perSecond: 0 })
		);
		const { result: sent, queries } = await tallyQueries(() =>
			Promise.all(pools.map((pool) => deliverDueMail(db, pool, t0, 100)))
		);
		for (const pool of pools) pool.close();
		expect(sent.reduce((a, b) => a + b)).toBe(450);
		const to = smtp.received.map((r) => r.to[0]!);
		expect(to).toHaveLength(450);
		expect(new Set(to).size).toBe(450);
		// Side by side, and no more at once than the pools allow.
		expect(smtp.peakConnections()).toBeGreaterThan(1);
		expect(smtp.peakConnections()).toBeLessThanOrEqual(6);
		// A claim and a "sent" for each batch of 100, and the claims that found nothing left.
		expect(queries).toBeLessThanOrEqual(5 * 2 + 2);
		expect(
			await db.selectFrom('outbox').select(['status', 'attempts']).distinct().execute()
		).toEqual([{ status: 'sent', attempts: 1 }]);
	});

	it('sends in the order messages fell due; one refused for now keeps its own retry, one refused for good fails, and neither holds back the rest', async () => {
		const db = await memoryDb();
		const smtp = await startSmtp(0, {
			refuse: (to) => (to === 'k3@example.lv' ? 451 : to === 'k5@example.lv' ? 550 : null)
		});
		const t0 = new Date('2026-12-06T16:00:00Z');
		await queueMany(db, 8, t0);
		// The first queued is due last.
		await db
			.updateTable('outbox')
			.set({ next_attempt_at: '2026-12-06T15:59:59.000Z' })
			.where('recipient', '!=', 'k0@example.lv')
			.execute();
		const pool = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'no-reply@k.test', {
			connections: 1,
			perSecond: 0
		});
		expect(await deliverDueMail(db, pool, t0, 3)).toBe(6);
		pool.close();
		expect(smtp.received.map((r) => r.to[0])).toEqual(
			[1, 2, 4, 6, 7, 0].map((i) => `k${i}@example.lv`)
		);
		const left = await db
			.selectFrom('outbox')
			.select(['recipient', 'status', 'attempts', 'next_attempt_at'])
			.where('status', '!=', 'sent')
			.orderBy('recipient')
			.execute();
		expect(left).toEqual([
			{
				recipient: 'k3@example.lv',
				status: 'queued',
				attempts: 1,
				next_attempt_at: '2026-12-06T16:00:30.000Z'
			},
			{
				recipient: 'k5@example.lv',
				status: 'failed',
				attempts: 1,
				next_attempt_at: '2026-12-06T16:00:30.000Z'
			}
		]);
	});
});

describe('the outbox report for staff', () => {
	it('counts each state and shows attempts, the next retry and the last error', async () => {
		const db = await memoryDb();
		const now = new Date('2026-11-23T10:00:00Z');
		for (const to of ['a@example.lv', 'b@example.lv', 'c@example.lv'])
			await queueMail(db, { to, subject: `Sveiki ${to}`, text: 't', html: '<p>t</p>' }, now);
		const transport = {
			async send(message: { to: string }) {
				if (message.to === 'b@example.lv')
					throw Object.assign(new Error('450 mailbox busy'), { responseCode: 450 });
				if (message.to === 'c@example.lv')
					throw Object.assign(new Error('550 no such user'), { responseCode: 550 });
			}
		};
		expect(await deliverDueMail(db, transport, now)).toBe(1);
		const report = await reportOutbox(db);
		expect(report.counts).toEqual({ queued: 1, sent: 1, failed: 1 });
		expect(
			report.messages.map((m) => [m.to, m.status, m.attempts, m.nextAttemptAt, m.lastError])
		).toEqual([
			['c@example.lv', 'failed', 1, null, '550 no such user'],
			['b@example.lv', 'queued', 1, '2026-11-23T10:00:30.000Z', '450 mailbox busy'],
			['a@example.lv', 'sent', 1, null, null]
		]);
		expect((await reportOutbox(db, { status: 'failed' })).messages.map((m) => m.to)).toEqual([
			'c@example.lv'
		]);
	});
});
