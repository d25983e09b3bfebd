import { Box, Button, Flex } from '@strapi/design-system';
import * as React from 'react';

/**
 * A 答复告知书 (a complete HTML page, escaped by the server) in a sandboxed frame: no script runs in it; same origin
 * only so that the print button can print the frame alone.
 */
export function LetterFrame({ html, title, height = '640px' }: { html: string; title: string; height?: string }) {
  const frame = React.useRef<HTMLIFrameElement>(null);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Box borderColor="neutral200" hasRadius overflow="hidden" background="neutral0">
        <iframe ref={frame} title={title} srcDoc={html} sandbox="allow-same-origin allow-modals" style={{ width: '100%', height, border: 0, display: 'block', background: '#fff' }} />
      </Box>
      <Flex justifyContent="flex-end">
        <Button variant="tertiary" onClick={() => frame.current?.contentWindow?.print()}>
          打印
        </Button>
      </Flex>
    </Flex>
  );
}
