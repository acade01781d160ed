import type { ReactNode } from 'react';
import { Text } from '@mantine/core';

/** A labelled read-only value on a detail card; a dash when empty. */
export function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value || '—'}
      </Text>
    </div>
  );
}
