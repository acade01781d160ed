-- 0005_warnings_scans_assessments: written by hand to match the module schema.ts files (see ARCHITECTURE.md).
select 1;
