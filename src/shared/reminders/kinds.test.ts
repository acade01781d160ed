import { describe, expect, it } from 'vitest';
import { dossierReminderStage } from './kinds.ts';

describe('dossier time-limit reminders', () => {
  it('go out two days ahead, on the due day, and once past it', () => {
    expect(dossierReminderStage('2026-03-12', '2026-03-09')).toBeNull();
    expect(dossierReminderStage('2026-03-12', '2026-03-10')).toBe('due');
    expect(dossierReminderStage('2026-03-12', '2026-03-12')).toBe('due');
    expect(dossierReminderStage('2026-03-12', '2026-03-13')).toBe('overdue');
  });
});
