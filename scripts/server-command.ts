/** How the scripts and tests start the built server: the production server of scripts/server.ts. */
import path from 'node:path';

export function serverArguments(buildFolder = 'build'): string[] {
	return ['--import', 'tsx', path.resolve('scripts/server.ts'), path.resolve(buildFolder)];
}
