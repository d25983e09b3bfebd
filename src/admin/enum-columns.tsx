import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

interface ListHeader {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: (row: Record<string, unknown>) => unknown;
  [key: string]: unknown;
}

/** An enumeration value shown by its term (主动公开, not proactive); the values are message ids (see app.tsx). */
const EnumCell = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
  return <Typography textColor="neutral800">{formatMessage({ id: value, defaultMessage: value })}</Typography>;
};

/** Content manager list-view hook (Admin/CM/pages/ListView/inject-column-in-table): enumeration columns in words. */
export const enumColumnsInWords = <T extends { displayedHeaders: ListHeader[] }>(args: T): T => ({
  ...args,
  displayedHeaders: args.displayedHeaders.map((header) =>
    header.attribute?.type === 'enumeration' && !header.cellFormatter
      ? { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumCell value={row[header.name]} /> }
      : header,
  ),
});
