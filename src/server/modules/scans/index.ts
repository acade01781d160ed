/** The scans module's public surface: scans and findings others count, the scan schedule, report reading. Tables and SQL first (see ARCHITECTURE.md). */
export { findings } from './schema.ts';
export { anyExploited, scanFacts, unresolved } from './facts.ts';
export { badFile, decodeText, readCsvRecords, readCsvRows, type CsvDelimiter } from './parsers/text.ts';
export { reopenLapsedExceptions } from './finding-work.ts';
export { scanPeriodFigures } from './period.ts';
export { scanRoutes } from './routes.ts';
export { findingReminders } from './reminders.ts';
