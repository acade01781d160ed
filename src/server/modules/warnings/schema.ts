// Tables of the warnings module (drizzle); migrations/ holds the matching hand-written SQL.
export {};
