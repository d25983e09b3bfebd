import { promises as fs } from 'fs';
import path from 'path';
import { payloads, Refs } from '../../helpers';
import type { TestApp } from '../../helpers/strapi';

/** A one-page PDF whose text layer is `text` (ASCII, Helvetica), with a correct cross-reference table. */
export function tinyPdf(text: string): Buffer {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A file in the upload folder and its media row, as the local provider stores an upload. */
export async function storedFile(app: TestApp, name: string, bytes: Buffer, mime = 'application/pdf') {
  const hash = `search_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const ext = path.extname(name);
  const url = `/uploads/${hash}${ext}`;
  const dir = path.join(app.strapi.dirs.static.public, 'uploads');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, `${hash}${ext}`), bytes);
  return app.strapi.db.query('plugin::upload.file').create({ data: { name, hash, ext, mime, size: bytes.length / 1024, url, provider: 'local' } });
}

export const createEntry = (app: TestApp, refs: Refs, uid: string, title: string, extra: Record<string, unknown> = {}) =>
  app.strapi.documents(uid as any).create({ data: { ...payloads(refs)[uid](title), ...extra } as any });
