// Tables of the incidents module (drizzle); migrations/ holds the matching hand-written SQL.
export {};
