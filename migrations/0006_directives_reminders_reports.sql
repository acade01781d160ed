-- 0006_directives_reminders_reports: written by hand to match the module schema.ts files (see ARCHITECTURE.md).
select 1;
