import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const script = path.join(__dirname, '..', '..', '..', 'scripts', 'ensure-admin-build.js');

/**
 * `npm test` on a fresh clone builds the admin first (the pretest script): the command it would run must exist.
 * It once resolved '@strapi/strapi/bin/strapi.js', which the package's exports refuse — unnoticed, because CI builds
 * before testing and so never took that path.
 */
it('the pretest build runs the Strapi CLI that is installed', () => {
  const { command } = JSON.parse(execFileSync(process.execPath, [script, '--dry-run'], { encoding: 'utf8' }));
  expect(command.slice(2)).toEqual(['build']);
  expect(path.basename(command[1])).toBe('strapi.js');
  expect(fs.existsSync(command[1])).toBe(true);
  expect(execFileSync(process.execPath, [command[1], '--version'], { encoding: 'utf8' }).trim()).toMatch(/^5\.54\.\d+$/);
});
