import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import * as React from 'react';
import { errorMessage } from '../api';
import { formatWhen } from '../translations';

/** The server's field-by-field comparison (domain/entry-diff.ts). */
export interface FieldChange {
  field: string;
  label: string;
  kind: 'changed' | 'added' | 'removed';
  beforeText: string;
  afterText: string;
  hunks?: { added?: boolean; removed?: boolean; value: string }[];
  addedItems?: string[];
  removedItems?: string[];
}

export interface VersionSummary {
  version: number;
  releasedOn: string;
  releasedAt: string;
  releasedBy: { actor: string | null; name: string | null };
}

export interface ApprovedSummary {
  approvedAt: string;
  approvedBy: { actor: string | null; name: string | null };
}

export interface EntryDiff {
  /** The latest released version, or (never released) the content last approved. */
  against: ({ kind: 'released' } & VersionSummary) | ({ kind: 'approved' } & ApprovedSummary);
  changes: FieldChange[];
}

interface VersionDetail extends VersionSummary {
  fields: { name: string; type: string; label: string }[];
  content: Record<string, unknown>;
  previous: VersionSummary | null;
  diff: FieldChange[] | null;
}

const KIND: Record<FieldChange['kind'], string> = { changed: '修改', added: '新增', removed: '删除' };

// Insertions and deletions are told apart by more than colour: underlined / struck through, and named for screen readers.
const INSERTED: React.CSSProperties = { background: '#e6f4ea', color: '#0b5d1e', textDecoration: 'underline', textDecorationThickness: '2px' };
const DELETED: React.CSSProperties = { background: '#fde8e8', color: '#9b1c1c', textDecoration: 'line-through', textDecorationThickness: '2px' };
const TEXT: React.CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: '13px', lineHeight: 1.7 };

/** A text diff: inserted text green and underlined, deleted text red and struck through. */
export function TextHunks({ hunks }: { hunks: NonNullable<FieldChange['hunks']> }) {
  return (
    <Box padding={2} background="neutral100" hasRadius style={TEXT} data-text-diff>
      {hunks.map((h, i) =>
        h.added ? (
          <ins key={i} style={INSERTED} title="新增">
            {h.value}
          </ins>
        ) : h.removed ? (
          <del key={i} style={DELETED} title="删除">
            {h.value}
          </del>
        ) : (
          <span key={i}>{h.value}</span>
        )
      )}
    </Box>
  );
}

/** Changed fields: the label, what kind of change, and before → after (or the text diff of a body). */
export function ChangeList({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <Typography variant="pi">内容与该版本相同</Typography>;
  return (
    <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
      {changes.map((c) => (
        <Box tag="li" key={c.field} data-changed-field={c.field}>
          <Typography variant="pi" fontWeight="bold">
            {c.label}
            <Typography variant="pi" textColor="neutral600">
              （{KIND[c.kind]}）
            </Typography>
          </Typography>
          {c.hunks ? (
            <TextHunks hunks={c.hunks} />
          ) : c.addedItems || c.removedItems ? (
            <Flex direction="column" alignItems="stretch" gap={1}>
              {(c.removedItems ?? []).map((name) => (
                <Typography key={`-${name}`} variant="pi">
                  <del style={DELETED}>− {name}</del>
                </Typography>
              ))}
              {(c.addedItems ?? []).map((name) => (
                <Typography key={`+${name}`} variant="pi">
                  <ins style={INSERTED}>＋ {name}</ins>
                </Typography>
              ))}
            </Flex>
          ) : (
            <Typography tag="p" variant="pi" style={{ wordBreak: 'break-word' }}>
              <del style={DELETED}>{c.beforeText}</del> → <ins style={INSERTED}>{c.afterText}</ins>
            </Typography>
          )}
        </Box>
      ))}
    </Flex>
  );
}

const approvedLine = (a: ApprovedSummary) => `${formatWhen(a.approvedAt, 'zh-Hans')} 审核通过的内容${a.approvedBy.name ? ` · ${a.approvedBy.name}` : ''}`;
const releasedLine = (v: VersionSummary) => `第 ${v.version} 版 · ${v.releasedOn} 发布${v.releasedBy.name ? ` · ${v.releasedBy.name}` : ''}`;

const valueText = (type: string, value: unknown): string => {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '（空）';
  const name = (v: any) => (v && typeof v === 'object' ? (v.label ?? v.name ?? JSON.stringify(v)) : String(v));
  if (type === 'relation' || type === 'media') return (Array.isArray(value) ? value : [value]).map(name).join('、');
  if (type === 'boolean') return value ? '是' : '否';
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** 历次发布版本: the list, and one version's content with what changed from the version before it. */
function VersionsModal({ model, documentId, onClose }: { model: string; documentId: string; onClose: () => void }) {
  const { get } = useFetchClient();
  const [versions, setVersions] = React.useState<VersionSummary[] | null>(null);
  const [detail, setDetail] = React.useState<VersionDetail | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);

  React.useEffect(() => {
    get<{ data: VersionSummary[] }>(`/disclosure/versions/${model}/${documentId}`)
      .then((res) => setVersions(res.data.data))
      .catch((error) => setFailed(errorMessage(error)));
  }, [get, model, documentId]);

  const open = (version: number) => {
    setFailed(null);
    get<{ data: VersionDetail }>(`/disclosure/versions/${model}/${documentId}/${version}`)
      .then((res) => setDetail(res.data.data))
      .catch((error) => setFailed(errorMessage(error)));
  };

  return (
    <Modal.Root open onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content style={{ width: 'min(880px, 94vw)', maxWidth: 'none' }}>
        <Modal.Header closeLabel="关闭">
          <Modal.Title>{detail ? releasedLine(detail) : '历次发布版本'}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {failed && (
            <Typography textColor="danger600" role="alert">
              {failed}
            </Typography>
          )}
          {!detail && !versions && !failed && <Typography>正在加载…</Typography>}
          {!detail && versions && (
            <Flex tag="ol" direction="column" alignItems="stretch" gap={2}>
              {versions
                .slice()
                .reverse()
                .map((v) => (
                  <Flex tag="li" key={v.version} justifyContent="space-between" gap={2}>
                    <Typography>{releasedLine(v)}</Typography>
                    <Button variant="tertiary" size="S" onClick={() => open(v.version)}>
                      查看第 {v.version} 版
                    </Button>
                  </Flex>
                ))}
            </Flex>
          )}
          {detail && (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Box>
                <Typography variant="sigma" textColor="neutral600" tag="h3">
                  {detail.previous ? `与第 ${detail.previous.version} 版相比的修改` : '首次发布的版本'}
                </Typography>
                {detail.diff && <ChangeList changes={detail.diff} />}
              </Box>
              <Box>
                <Typography variant="sigma" textColor="neutral600" tag="h3">
                  该版本的内容
                </Typography>
                <Flex tag="dl" direction="column" alignItems="stretch" gap={2}>
                  {detail.fields.map((f) => (
                    <Box key={f.name}>
                      <Typography tag="dt" variant="pi" fontWeight="bold">
                        {f.label}
                      </Typography>
                      <Typography tag="dd" variant="pi" style={TEXT}>
                        {valueText(f.type, detail.content[f.name])}
                      </Typography>
                    </Box>
                  ))}
                </Flex>
              </Box>
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          {detail ? (
            <Button variant="tertiary" onClick={() => setDetail(null)}>
              返回版本列表
            </Button>
          ) : (
            <span />
          )}
          <Button variant="secondary" onClick={onClose}>
            关闭
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}

/**
 * 与已发布版本比较, in the review panel: what the draft changes against the latest released version, and the way to
 * every past released version.
 */
export function VersionDiff({ diff, showChanges, model, documentId }: { diff: EntryDiff; showChanges: boolean; model: string; documentId: string }) {
  const [open, setOpen] = React.useState(false);
  return (
    <Box data-version-diff>
      {showChanges && (
        <>
          <Typography variant="sigma" textColor="neutral600" tag="h3">
            {diff.against.kind === 'approved' ? '与审核通过的内容比较' : '与已发布版本比较'}
          </Typography>
          <Typography tag="p" variant="pi" textColor="neutral600">
            对照{diff.against.kind === 'approved' ? approvedLine(diff.against) : releasedLine(diff.against)}
            {diff.changes.length > 0 ? `，${diff.changes.length} 项修改：` : ''}
          </Typography>
          <ChangeList changes={diff.changes} />
        </>
      )}
      {diff.against.kind === 'released' && (
        <Box paddingTop={2}>
          <Button variant="tertiary" size="S" onClick={() => setOpen(true)}>
            历次发布版本
          </Button>
        </Box>
      )}
      {open && <VersionsModal model={model} documentId={documentId} onClose={() => setOpen(false)} />}
    </Box>
  );
}
