/**
 * npm run staff -- add EMAIL --role admin|clerk | list | disable EMAIL | reset-2fa EMAIL: the
 * staff console's accounts (docs/staff-console.md). `add` mails the invitation link, which sets
 * the password; the authenticator app is set up at the first sign-in.
 */
import {
	addStaff,
	disableStaff,
	isStaffRole,
	listStaff,
	resetTwoFactor
} from '../src/lib/server/staff/account';
import { publicOrigin } from '../src/lib/server/config';
import { exitOnFailure, openMigrated, readCommand } from './cli';

const usage =
	'npm run staff -- add EMAIL --role admin|clerk | list | disable EMAIL | reset-2fa EMAIL';
const { positionals, options } = readCommand({
	usage,
	about:
		"Makes, lists and disables the staff console's accounts. `add` mails an invitation (valid three days) and prints its link; `reset-2fa` makes the next sign-in set up a new authenticator app.",
	options: { role: 'admin or clerk, for add' },
	positionals: { min: 1, max: 2 }
});
const [action, email] = positionals;
const valid =
	action === 'list'
		? email === undefined && options.role === undefined
		: action === 'add'
			? email !== undefined && options.role !== undefined && isStaffRole(options.role)
			: (action === 'disable' || action === 'reset-2fa') &&
				email !== undefined &&
				options.role === undefined;
if (!valid) {
	console.error(
		action === 'add' && options.role !== undefined && !isStaffRole(options.role)
			? `--role takes admin or clerk, not "${options.role}".`
			: `Usage: ${usage}`
	);
	process.exit(2);
}

let status = 0;
await exitOnFailure(async () => {
	const db = await openMigrated();
	const now = new Date();
	if (action === 'add') {
		const role = options.role === 'admin' ? 'admin' : 'clerk';
		const made = await addStaff(db, { email: email!, role }, publicOrigin(), now);
		if ('link' in made) {
			console.error(
				`Invitation for ${email} (${role}) queued for mail. Its link, valid three days:`
			);
			console.log(made.link);
		} else {
			console.error(
				made.refused === 'taken'
					? `${email} has a staff account already.`
					: `"${email}" is not an e-mail address.`
			);
			status = 2;
		}
	} else if (action === 'disable') {
		if (await disableStaff(db, email!, now))
			console.error(`${email} disabled; its sessions ended.`);
		else {
			console.error(`No active staff account ${email}.`);
			status = 1;
		}
	} else if (action === 'reset-2fa') {
		if (await resetTwoFactor(db, email!))
			console.error(
				`${email}: authenticator and recovery codes forgotten; the next sign-in sets up a new app.`
			);
		else {
			console.error(`No staff account ${email}.`);
			status = 1;
		}
	} else {
		for (const account of await listStaff(db))
			console.log(
				[
					account.email,
					account.role,
					account.status === 'disabled'
						? `disabled ${account.disabled_at}`
						: account.status === 'setup'
							? 'app not set up'
							: account.status,
					`made ${account.created_at}`
				].join('\t')
			);
	}
	await db.destroy();
});
process.exit(status);
