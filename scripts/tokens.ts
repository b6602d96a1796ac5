/**
 * npm run tokens -- add NAME | revoke NAME | list: the bearer tokens of the company's systems
 * for the staff API (docs/staff-api.md). A new token is printed once; only its hash is kept.
 */
import { addStaffToken, listStaffTokens, revokeStaffToken } from '../src/lib/server/staff-token';
import { openMigrated, readCommand } from './cli';

const usage = 'npm run tokens -- add NAME | revoke NAME | list';
const { positionals } = readCommand({
	usage,
	about:
		"Makes, revokes and lists the staff API's bearer tokens. `add` prints the new token once: keep it in the calling system's secrets.",
	positionals: { min: 1, max: 2 }
});
const [action, name] = positionals;
if (!(action === 'list' ? name === undefined : (action === 'add' || action === 'revoke') && name)) {
	console.error(`Usage: ${usage}`);
	process.exit(2);
}
const db = await openMigrated();
let status = 0;
if (action === 'add') {
	const made = await addStaffToken(db, name!);
	if ('token' in made) {
		console.log(made.token);
		console.error(`Token "${name}" made. It is shown only now.`);
	} else {
		console.error(
			made.refused === 'taken'
				? `A token named "${name}" exists already; revoke it or choose another name.`
				: 'A name is 1–60 letters, digits, spaces or . _ - and starts with a letter or digit.'
		);
		status = 2;
	}
} else if (action === 'revoke') {
	if (await revokeStaffToken(db, name!)) console.error(`Token "${name}" revoked.`);
	else {
		console.error(`No token "${name}" in use.`);
		status = 1;
	}
} else {
	for (const token of await listStaffTokens(db))
		console.log(
			`${token.name}\tmade ${token.created_at}\t${token.revoked_at ? `revoked ${token.revoked_at}` : `last used ${token.last_used_at ?? 'never'}`}`
		);
}
await db.destroy();
process.exit(status);
