import { parentPort, workerData } from 'worker_threads';

/**
 * Extracts an attachment's plain text in a worker thread (services/search.ts starts one per file): a large or
 * hostile PDF neither blocks the server's event loop nor runs past its time limit (the worker is terminated), and
 * unpdf, an ES module, is imported by Node's own loader whatever runs the app.
 */

// A real dynamic import: TypeScript compiling to CommonJS would turn `import()` into require().
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

async function extract(bytes: Uint8Array, kind: 'pdf' | 'docx'): Promise<string> {
  if (kind === 'pdf') {
    const { extractText, getDocumentProxy } = await importEsm('unpdf');
    const pdf = await getDocumentProxy(bytes);
    const { text } = await extractText(pdf, { mergePages: true });
    return Array.isArray(text) ? text.join('\n') : String(text ?? '');
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mammoth = require('mammoth');
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value as string;
}

const { bytes, kind } = workerData as { bytes: Uint8Array; kind: 'pdf' | 'docx' };
extract(bytes, kind).then(
  (text) => parentPort!.postMessage({ text }),
  (error) => parentPort!.postMessage({ error: (error as Error)?.message ?? String(error) })
);
