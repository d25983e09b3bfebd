#!/usr/bin/env node
/**
 * Regenerates the consumer SDK's contract from the server's OpenAPI document:
 *   types/consumer-api/openapi.json  (the document, as served at /api/disclosure/openapi.json)
 *   types/consumer-api/schema.d.ts   (TypeScript types, by openapi-typescript)
 * Run after changing the consumer API (npm run sdk:generate); a test fails while they are out of date.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
const { openApiDocument } = require(path.join(root, 'dist/src/plugins/disclosure/server/src/openapi'));
const dir = path.join(root, 'types/consumer-api');
fs.writeFileSync(path.join(dir, 'openapi.json'), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
execFileSync('npx', ['openapi-typescript', 'openapi.json', '-o', 'schema.d.ts'], { cwd: dir, stdio: 'inherit' });
