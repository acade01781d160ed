/**
 * CSV files for people to open in a spreadsheet. A cell that starts with = + - @ tab or carriage return is read as a
 * formula by Excel and LibreOffice (CSV injection): such cells get a leading apostrophe, OWASP's rule, so the text
 * shows as written and nothing runs.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell of a CSV read back: the apostrophe `neutralizeFormula` put before a formula sign taken off again. */
export const restoreFormula = (value: string) => value.replace(/^'(?=[=+\-@\t\r])/, '');
