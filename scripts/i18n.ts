/**
 * Compiles the translation messages with Paraglide. Paraglide's own CLI loads its
 * message-format plugin from a CDN; this machine (and many build servers) has no
 * such network, so the plugin comes from npm and is handed to the SDK directly.
 */
import fs from 'node:fs';
import { loadProjectFromDirectory } from '@inlang/sdk';
import messageFormatPlugin from '@inlang/plugin-message-format';
import { compileProject, writeOutput } from '@inlang/paraglide-js';

const projectPath = './project.inlang';
const outdir = './src/lib/paraglide';

const project = await loadProjectFromDirectory({
	path: projectPath,
	fs,
	providePlugins: [messageFormatPlugin]
});
const errors = await project.errors.get();
if (errors.length > 0) {
	for (const error of errors) console.error(error);
	process.exit(1);
}
const output = await compileProject({
	project,
	projectPath,
	compilerOptions: {
		strategy: ['cookie', 'baseLocale'],
		cookieName: 'lang',
		emitTsDeclarations: true,
		isServer: "typeof window === 'undefined'"
	}
});
fs.rmSync(outdir, { recursive: true, force: true });
await writeOutput({ directory: outdir, output, fs: fs.promises });
await project.close();
console.log(`Compiled translations into ${outdir}`);
