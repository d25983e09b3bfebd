const { execFileSync } = require('child_process');
const path = require('path');
const { prepareBrowser } = require('../../scripts/lib/browser');
const { createDatabase } = require('../../scripts/lib/throwaway-app');

/**
 * Compile the app once for every integration test file (compileStrapi exits the process on a type error, which would
 * kill Jest without a report; tsc reports), then boot it once on a template database: each test file's database is a
 * copy of it, so a file pays for a restart (~3 s) instead of a first boot's schema creation (~8 s). A test that needs a
 * first boot makes its database with createTestDatabase().
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
  prepareBrowser();
  const template = await createDatabase(`gongkai_template_${process.pid}`);
  try {
    execFileSync(process.execPath, [path.join(__dirname, 'boot-once.js'), template.database], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    await template.drop();
    throw new Error(`The app did not boot on a fresh database:\n${error.stdout}${error.stderr}`);
  }
  // Workers inherit the environment; the teardown drops the template.
  process.env.GONGKAI_TEST_TEMPLATE = template.database;
  globalThis.__gongkaiTemplate = template;
};
