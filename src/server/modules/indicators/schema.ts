// Tables of the indicators module (drizzle); migrations/ holds the matching hand-written SQL.
export {};
