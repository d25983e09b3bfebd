const { execFileSync } = require('child_process');
const path = require('path');

/**
 * Compile the app once for every integration test file. (compileStrapi exits the
 * process on a type error, which would kill Jest without a report; tsc reports.)
 */
module.exports = async () => {
  const root = path.join(__dirname, '..', '..');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(`TypeScript compilation failed:\n${error.stdout}${error.stderr}`);
  }
};
