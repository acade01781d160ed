-- 0007_indicators: written by hand to match the module schema.ts files (see ARCHITECTURE.md).
select 1;
