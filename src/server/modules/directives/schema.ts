// Tables of the directives module (drizzle); migrations/ holds the matching hand-written SQL.
export {};
